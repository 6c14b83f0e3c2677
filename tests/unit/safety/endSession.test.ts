import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { correctEntry, markInError, recordEntry } from '../../../src/main/record/entries'
import { recordDischarge } from '../../../src/main/safety/safety'
import { endWithoutDischargeProblem } from '../../../src/shared/safety/discharge'
import type { EntryInput } from '../../../src/shared/record/events'
import { INITIAL_INFUSION, type InfusionState } from '../../../src/shared/record/infusion'
import { catchError, countEvents, makeSeededContext, MIN, T0 } from '../helpers'

let t: ReturnType<typeof makeSeededContext>
beforeEach(() => {
  t = makeSeededContext()
})
afterEach(() => t.cleanup())

const END: EntryInput = { type: 'session_ended' }
const withOverride = (reason: string): EntryInput => ({ type: 'session_ended', override: { reason } })
const ASSESSMENT = {
  aldrete: { activity: 2, respiration: 2, circulation: 2, consciousness: 2, oxygenSaturation: 2 },
  escortPresent: true,
  noDrivingAdviceGiven: true,
  patientReport: 'Clear-headed'
}

function record(minutes: number, entry: EntryInput, authorId = t.team.nurse.id) {
  t.clock.set(T0 + minutes * MIN)
  return recordEntry(t.ctx, { sessionId: t.session.id, authorId, entry, confirmOverPlan: true })
}
function infusedAndStopped() {
  record(0, { type: 'infusion_started', rate: { value: 52.5, unit: 'mg/h' } }, t.team.physician.id)
  record(40, { type: 'infusion_stopped' }, t.team.physician.id)
}
function discharge(minutes: number) {
  t.clock.set(T0 + minutes * MIN)
  return recordDischarge(t.ctx, { sessionId: t.session.id, authorId: t.team.physician.id, assessment: ASSESSMENT, override: { reason: 'Stable, early transport' } })
}

describe('the end-of-session rule (pure)', () => {
  const state = (status: InfusionState['status']): InfusionState => ({ ...INITIAL_INFUSION, status })

  it('a session whose infusion never started may end without a discharge', () => {
    expect(endWithoutDischargeProblem(state('not_started'), false)).toBeNull()
  })

  it('a stopped infusion without a discharge needs one, or an override', () => {
    expect(endWithoutDischargeProblem(state('stopped'), false)).toMatch(/not been discharged/)
  })

  it('a discharged patient may leave: no problem', () => {
    expect(endWithoutDischargeProblem(state('stopped'), true)).toBeNull()
  })
})

describe('End session needs the discharge first', () => {
  it('right after Stop infusion, End session is refused, says why, and writes nothing', () => {
    infusedAndStopped()
    const before = countEvents(t.db)
    const err = catchError(() => record(41, END))
    expect(err).toMatchObject({ code: 'CONFIRMATION_REQUIRED', field: 'entry.override' })
    expect(err.message).toMatch(/record the discharge first, or a physician ends the session with a reason/)
    expect(countEvents(t.db)).toBe(before)
  })

  it('after the discharge, the session ends with no override (and an override is refused)', () => {
    infusedAndStopped()
    discharge(50)
    expect(catchError(() => record(51, withOverride('why not')))).toMatchObject({ code: 'INVALID_INPUT', field: 'entry.override' })
    expect(record(52, END).type).toBe('session_ended')
  })

  it('only a physician may end without a discharge, with a reason stored with what it overrode', () => {
    infusedAndStopped()
    expect(catchError(() => record(41, withOverride('Left against advice')))).toMatchObject({ code: 'INVALID_INPUT', field: 'authorId' })
    expect(catchError(() => record(41, withOverride('   '), t.team.physician.id))).toMatchObject({ code: 'INVALID_INPUT' })
    const end = record(41, withOverride('Left against medical advice'), t.team.physician.id)
    expect(end.payload).toEqual({ override: { reason: 'Left against medical advice', problems: ['The patient was not discharged'] } })
  })

  it('a discharge marked entered in error no longer counts', () => {
    infusedAndStopped()
    const d = discharge(50)
    markInError(t.ctx, { sessionId: t.session.id, authorId: t.team.physician.id, eventId: d.id, reason: 'Wrong patient' })
    expect(catchError(() => record(52, END))).toMatchObject({ code: 'CONFIRMATION_REQUIRED', field: 'entry.override' })
  })

  it('a session that gave no dose ends without a discharge, and refuses an override', () => {
    record(5, { type: 'vitals', vitals: { systolic: 190, diastolic: 100, heartRate: 80, spo2: 98, respiratoryRate: 14 } })
    expect(catchError(() => record(6, withOverride('x'), t.team.physician.id))).toMatchObject({ code: 'INVALID_INPUT', field: 'entry.override' })
    expect(record(6, END).type).toBe('session_ended')
  })

  it('a correction of the end keeps its override as given', () => {
    infusedAndStopped()
    const end = record(45, withOverride('Left against medical advice'), t.team.physician.id)
    t.clock.set(T0 + 60 * MIN)
    const c = correctEntry(t.ctx, { sessionId: t.session.id, authorId: t.team.physician.id, eventId: end.id, reason: 'Ended earlier', entry: END, occurredAt: T0 + 42 * MIN })
    expect(c.payload).toMatchObject({ entry: { type: 'session_ended', override: { reason: 'Left against medical advice' } } })
  })
})
