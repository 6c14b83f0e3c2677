import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { recordEntry } from '../../../src/main/record/entries'
import { createSession, getSessionRecord } from '../../../src/main/sessions/sessions'
import type { RecordEntryInput } from '../../../src/shared/record/channels'
import type { EntryInput } from '../../../src/shared/record/events'
import { sessionSnapshot } from '../../../src/shared/record/record'
import { DomainError } from '../../../src/shared/kernel/result'
import { catchError, countEvents, makeSeededContext, MIN, STANDARD, STANDARD_PLAN, T0, END_OVERRIDDEN } from '../helpers'

type Seeded = ReturnType<typeof makeSeededContext>
let t: Seeded
beforeEach(() => {
  t = makeSeededContext()
})
afterEach(() => t.cleanup())

const at = (minutes: number) => T0 + minutes * MIN
const VITALS: EntryInput = { type: 'vitals', vitals: { systolic: 120, diastolic: 80, heartRate: 70, spo2: 98, respiratoryRate: 14 } }
const startAt = (value: number, unit: 'mg/kg/h' | 'mg/h' | 'mL/h' = 'mg/h'): EntryInput => ({ type: 'infusion_started', rate: { value, unit } })
const rateTo = (value: number, unit: 'mg/kg/h' | 'mg/h' | 'mL/h' = 'mg/h'): EntryInput => ({ type: 'rate_changed', rate: { value, unit } })
const PAUSE: EntryInput = { type: 'infusion_paused', reason: 'nausea' }
const RESUME: EntryInput = { type: 'infusion_resumed' }
const STOP: EntryInput = { type: 'infusion_stopped' }
const END: EntryInput = { type: 'session_ended' }
const END_AFTER_DOSE: EntryInput = END_OVERRIDDEN

/** Records an entry at the clock's `minutes` (moving the clock there), or back-timed with occurredAt. */
function record(minutes: number, entry: EntryInput, extra: Partial<RecordEntryInput> = {}) {
  t.clock.set(at(minutes))
  // Ending without a discharge is the physician's decision.
  const authorId = entry.type === 'session_ended' ? t.team.physician.id : t.team.nurse.id
  return recordEntry(t.ctx, { sessionId: t.session.id, authorId, entry, ...extra })
}

/** Expects the entry to be refused with this code and field, and nothing to be written. */
function expectRefused(fn: () => unknown, code: string, field?: string) {
  const before = countEvents(t.db)
  const err = catchError(fn)
  expect(err).toBeInstanceOf(DomainError)
  expect(err.code).toBe(code)
  if (field !== undefined) expect(err.field).toBe(field)
  expect(err.message.length).toBeGreaterThan(0)
  expect(countEvents(t.db)).toBe(before)
  return err
}

const snapshotAt = (minutes: number) => {
  const r = getSessionRecord(t.ctx, t.session.id)
  return sessionSnapshot(r.events, r.session.plan, at(minutes))
}

describe('recording a whole session', () => {
  it('start, change rate, pause, resume, stop and end are stored in order and give the right dose', () => {
    const baseline = record(5, VITALS)
    const start = record(10, startAt(0.75, 'mg/kg/h'))
    record(20, rateTo(52.5, 'mL/h'))
    record(25, PAUSE)
    record(30, RESUME)
    record(50, STOP)
    const end = record(115, END_AFTER_DOSE)

    expect(baseline).toMatchObject({ seq: 1, type: 'vitals', occurredAt: at(5), recordedAt: at(5), authorId: t.team.nurse.id, amendsEventId: null, reason: null })
    expect(start).toMatchObject({ seq: 2, type: 'infusion_started', payload: { rate: { value: 0.75, unit: 'mg/kg/h' } } })
    expect(end.seq).toBe(7)

    const record_ = getSessionRecord(t.ctx, t.session.id)
    expect(record_.events.map((e) => e.type)).toEqual([
      'vitals',
      'infusion_started',
      'rate_changed',
      'infusion_paused',
      'infusion_resumed',
      'infusion_stopped',
      'session_ended'
    ])
    expect(record_.events[3]!.payload).toEqual({ reason: 'nausea' })

    // Running 10 + 5 + 20 = 35 min at 52.5 mg/h = 30.625 mg; paused 5 min delivered nothing.
    const s = snapshotAt(200)
    expect(s.phase).toBe('ended')
    expect(s.deliveredMg).toBeCloseTo((52.5 * 35) / 60, 9)
    expect(s.infusedMs).toBe(35 * MIN)
    expect(s.elapsedMs).toBe(105 * MIN)
    expect(s.recoveryMs).toBe(65 * MIN)
  })

  it('the stored event is what a reload returns', () => {
    const saved = record(1, VITALS)
    expect(getSessionRecord(t.ctx, t.session.id).events).toEqual([saved])
  })

  it('a back-timed entry keeps both its clinical time and the time it was recorded', () => {
    const e = record(30, VITALS, { occurredAt: at(12) })
    expect(e.occurredAt).toBe(at(12))
    expect(e.recordedAt).toBe(at(30))
  })

  it('an entry may be back-timed up to an hour before the session was opened, not further', () => {
    expect(record(0, VITALS, { occurredAt: at(-60) }).occurredAt).toBe(at(-60))
    expectRefused(() => record(0, VITALS, { occurredAt: at(-60) - 1 }), 'INVALID_INPUT', 'occurredAt')
  })

  it('a session may be ended without an infusion', () => {
    record(5, VITALS)
    expect(record(6, END).type).toBe('session_ended')
  })

  it('the rate is stored in the unit it was given in', () => {
    // 70 mL/h of 1 mg/mL for 70 kg is 1 mg/kg/h: over the plan, within the drug library.
    const e = record(1, startAt(70, 'mL/h'), { confirmOverPlan: true })
    expect(e.payload).toEqual({ rate: { value: 70, unit: 'mL/h' } })
  })
})

describe('refusals leave the record unchanged', () => {
  it('resume when not paused', () => {
    expectRefused(() => record(1, RESUME), 'INVALID_STATE')
    record(2, startAt(52.5))
    expectRefused(() => record(3, RESUME), 'INVALID_STATE')
  })

  it('a rate change before the start, while paused, and after the stop', () => {
    expectRefused(() => record(1, rateTo(30)), 'INVALID_STATE')
    record(2, startAt(52.5))
    record(3, PAUSE)
    expectRefused(() => record(4, rateTo(30)), 'INVALID_STATE')
    record(5, STOP)
    expectRefused(() => record(6, rateTo(30)), 'INVALID_STATE')
  })

  it('a second start, a pause when paused, a stop when stopped', () => {
    record(1, startAt(52.5))
    expectRefused(() => record(2, startAt(52.5)), 'INVALID_STATE')
    record(3, PAUSE)
    expectRefused(() => record(4, PAUSE), 'INVALID_STATE')
    record(5, STOP)
    expectRefused(() => record(6, STOP), 'INVALID_STATE')
    expectRefused(() => record(7, PAUSE), 'INVALID_STATE')
  })

  it('an entry in the future', () => {
    t.clock.set(at(10))
    expectRefused(
      () => recordEntry(t.ctx, { sessionId: t.session.id, authorId: t.team.nurse.id, entry: VITALS, occurredAt: at(10) + 1 }),
      'INVALID_INPUT',
      'occurredAt'
    )
    // Exactly now is fine.
    expect(recordEntry(t.ctx, { sessionId: t.session.id, authorId: t.team.nurse.id, entry: VITALS, occurredAt: at(10) }).occurredAt).toBe(at(10))
  })

  it('any entry on an ended session', () => {
    record(1, startAt(52.5))
    record(41, STOP)
    record(100, END_AFTER_DOSE)
    for (const entry of [VITALS, startAt(52.5), RESUME, STOP, END, { type: 'note', note: { noteType: 'other', text: 'late note' } } as EntryInput]) {
      expectRefused(() => record(110, entry), 'INVALID_STATE')
    }
  })

  it('ending the session while the infusion runs or is paused', () => {
    record(1, startAt(52.5))
    expectRefused(() => record(2, END), 'INVALID_STATE')
    record(3, PAUSE)
    expectRefused(() => record(4, END), 'INVALID_STATE')
  })

  it('an absurd rate, more than ten times the planned rate', () => {
    // Planned 52.5 mg/h; ten times is 525 mg/h = 7.5 mg/kg/h.
    const err = expectRefused(() => record(1, startAt(525.1)), 'INVALID_INPUT', 'entry.rate.value')
    expect(err.message).toContain('10 times')
    expectRefused(() => record(1, startAt(7.6, 'mg/kg/h'), { confirmOverPlan: true }), 'INVALID_INPUT', 'entry.rate.value')
    // Exactly ten times is not absurd for the plan, but 7.5 mg/kg/h is over the drug library's hard limit of 3.
    const library = expectRefused(() => record(1, startAt(525), { confirmOverPlan: true }), 'INVALID_INPUT', 'entry.rate.value')
    expect(library.message).toContain('hard limit of 3 mg/kg/h')
    expect(countEvents(t.db)).toBe(0)
  })

  it('an absurd rate change is refused even when over-plan is confirmed', () => {
    record(1, startAt(52.5))
    expectRefused(() => record(2, rateTo(600), { confirmOverPlan: true }), 'INVALID_INPUT', 'entry.rate.value')
  })

  it('a rate that passes the planned total needs confirmation', () => {
    // 70 mg/h from the start passes 35 mg after 30 min.
    const err = expectRefused(() => record(1, startAt(70)), 'CONFIRMATION_REQUIRED', 'entry.rate.value')
    expect(err.message).toContain('35.0 mg')
    expect(err.message).toContain('in 30.0 min')
    const saved = record(1, startAt(70), { confirmOverPlan: true })
    expect(saved.type).toBe('infusion_started')
    expect(countEvents(t.db)).toBe(1)
  })

  it('the planned rate, in any unit, needs no confirmation', () => {
    expect(record(1, startAt(0.75, 'mg/kg/h')).type).toBe('infusion_started')
    record(2, rateTo(52.5, 'mL/h'))
    record(3, rateTo(52.5, 'mg/h'))
    expect(countEvents(t.db)).toBe(3)
  })

  it('a faster rate halfway through needs confirmation, with the minutes left', () => {
    record(0, startAt(52.5))
    // 17.5 mg delivered by 20 min; 17.5 mg remain, at 105 mg/h in 10 min.
    const err = expectRefused(() => record(20, rateTo(105)), 'CONFIRMATION_REQUIRED')
    expect(err.message).toContain('in 10.0 min')
  })

  it('time spent paused does not count against the plan', () => {
    record(0, startAt(52.5))
    record(20, PAUSE)
    record(30, RESUME)
    // 30 min infused = 26.25 mg; 10 min of plan left at 52.5 mg/h = 8.75 mg: exactly the total.
    expect(record(40, rateTo(52.5)).type).toBe('rate_changed')
  })

  it('any rate change once the planned total is delivered needs confirmation', () => {
    record(0, startAt(52.5))
    expectRefused(() => record(41, rateTo(10)), 'CONFIRMATION_REQUIRED')
  })

  it('an infusion entry back-timed before the last infusion entry', () => {
    record(10, startAt(52.5))
    record(20, PAUSE)
    expectRefused(() => record(30, RESUME, { occurredAt: at(19) }), 'INVALID_INPUT', 'occurredAt')
    // At the same time as the last one is fine.
    expect(record(30, RESUME, { occurredAt: at(20) }).occurredAt).toBe(at(20))
  })

  it('a start back-timed before vitals already recorded is fine: only infusion entries are ordered', () => {
    record(10, VITALS)
    expect(record(12, startAt(52.5), { occurredAt: at(5) }).occurredAt).toBe(at(5))
  })

  it('an unknown session or author', () => {
    t.clock.set(at(1))
    expectRefused(() => recordEntry(t.ctx, { sessionId: 9999, authorId: t.team.nurse.id, entry: VITALS }), 'NOT_FOUND', 'sessionId')
    expectRefused(() => recordEntry(t.ctx, { sessionId: t.session.id, authorId: 9999, entry: VITALS }), 'INVALID_INPUT', 'authorId')
  })

  it('the end of a session cannot be back-timed before the infusion stopped', () => {
    record(0, startAt(52.5))
    record(40, STOP)
    expectRefused(() => record(60, END_AFTER_DOSE, { occurredAt: at(39) }), 'INVALID_INPUT', 'occurredAt')
    expect(record(60, END_AFTER_DOSE, { occurredAt: at(40) }).occurredAt).toBe(at(40))
  })

  it('the end of the session freezes the figures at the real end', () => {
    record(0, startAt(STANDARD.mgPerHour))
    record(40, STOP)
    record(70, END_AFTER_DOSE)
    const s = snapshotAt(300)
    expect(s.deliveredMg).toBeCloseTo(STANDARD.totalMg, 9)
    expect(s.percentDelivered).toBeCloseTo(100, 9)
    expect(s.recoveryMs).toBe(30 * MIN)
  })
})

describe('other plans', () => {
  it('a plan made up at 0.35 mg/mL runs at 150 mL/h without confirmation and delivers 35 mg in 40 min', () => {
    const session = createSession(t.ctx, {
      patientId: t.patient.id,
      authorId: t.team.nurse.id,
      plan: { ...STANDARD_PLAN, concentrationMgPerMl: 0.35 },
      team: { physicianId: t.team.physician.id, nurseId: t.team.nurse.id, therapistId: null }
    })
    t.clock.set(at(1))
    const e = recordEntry(t.ctx, { sessionId: session.id, authorId: t.team.nurse.id, entry: startAt(150, 'mL/h') })
    expect(e.type).toBe('infusion_started')
    const r = getSessionRecord(t.ctx, session.id)
    expect(sessionSnapshot(r.events, r.session.plan, at(41)).deliveredMg).toBeCloseTo(35, 9)
  })

  it('sessions number their entries separately', () => {
    record(1, VITALS)
    const other = createSession(t.ctx, {
      patientId: t.patient.id,
      authorId: t.team.nurse.id,
      plan: STANDARD_PLAN,
      team: { physicianId: t.team.physician.id, nurseId: t.team.nurse.id, therapistId: null }
    })
    const e = recordEntry(t.ctx, { sessionId: other.id, authorId: t.team.nurse.id, entry: VITALS })
    expect(e.seq).toBe(1)
    expect(record(2, VITALS).seq).toBe(2)
  })
})
