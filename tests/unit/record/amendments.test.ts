import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createHandlers } from '../../../src/main/app/handlers'
import { correctEntry, markInError, recordEntry } from '../../../src/main/record/entries'
import { createSession, getSessionRecord } from '../../../src/main/sessions/sessions'
import type { CorrectEntryInput } from '../../../src/shared/record/channels'
import type { EntryInput, SessionEvent } from '../../../src/shared/record/events'
import { effectiveEntries, sessionSnapshot } from '../../../src/shared/record/record'
import { DomainError } from '../../../src/shared/kernel/result'
import { catchError, countEvents, makeSeededContext, MIN, STANDARD_PLAN, T0, END_OVERRIDDEN } from '../helpers'

type Seeded = ReturnType<typeof makeSeededContext>
let t: Seeded
beforeEach(() => {
  t = makeSeededContext()
})
afterEach(() => t.cleanup())

const at = (minutes: number) => T0 + minutes * MIN
const vitals = (systolic: number): EntryInput => ({ type: 'vitals', vitals: { systolic, diastolic: 80, heartRate: 70, spo2: 98, respiratoryRate: 14 } })
const startAt = (value: number): EntryInput => ({ type: 'infusion_started', rate: { value, unit: 'mg/h' } })
const rateTo = (value: number): EntryInput => ({ type: 'rate_changed', rate: { value, unit: 'mg/h' } })
const STOP: EntryInput = { type: 'infusion_stopped' }
const END: EntryInput = { type: 'session_ended' }
const END_AFTER_DOSE: EntryInput = END_OVERRIDDEN

function record(minutes: number, entry: EntryInput, occurredAt?: number): SessionEvent {
  t.clock.set(at(minutes))
  // Ending without a discharge is the physician's decision.
  const authorId = entry.type === 'session_ended' ? t.team.physician.id : t.team.nurse.id
  return recordEntry(t.ctx, { sessionId: t.session.id, authorId, entry, occurredAt, confirmOverPlan: true })
}
function correct(minutes: number, target: SessionEvent, entry: EntryInput, extra: Partial<CorrectEntryInput> = {}): SessionEvent {
  t.clock.set(at(minutes))
  return correctEntry(t.ctx, { sessionId: t.session.id, authorId: t.team.physician.id, eventId: target.id, reason: 'transcription error', entry, ...extra })
}
function voidEntry(minutes: number, target: SessionEvent): SessionEvent {
  t.clock.set(at(minutes))
  return markInError(t.ctx, { sessionId: t.session.id, authorId: t.team.physician.id, eventId: target.id, reason: 'wrong patient' })
}
function expectRefused(fn: () => unknown, code: string, field?: string) {
  const before = countEvents(t.db)
  const err = catchError(fn)
  expect(err).toBeInstanceOf(DomainError)
  expect(err.code).toBe(code)
  if (field !== undefined) expect(err.field).toBe(field)
  expect(countEvents(t.db)).toBe(before)
  return err
}
const snapshotAt = (minutes: number) => {
  const r = getSessionRecord(t.ctx, t.session.id)
  return sessionSnapshot(r.events, r.session.plan, at(minutes))
}

describe('corrections', () => {
  it('a correction is a new entry naming the original, with its reason, author and time', () => {
    const v = record(5, vitals(210))
    const c = correct(8, v, vitals(120))
    expect(c).toMatchObject({
      seq: 2,
      type: 'correction',
      amendsEventId: v.id,
      reason: 'transcription error',
      authorId: t.team.physician.id,
      recordedAt: at(8),
      payload: { entry: vitals(120), occurredAt: at(5) }
    })
    // The original is still there, unchanged.
    expect(getSessionRecord(t.ctx, t.session.id).events[0]).toEqual(v)
  })

  it('a correction may move the clinical time', () => {
    const v = record(5, vitals(120))
    const c = correct(8, v, vitals(120), { occurredAt: at(3) })
    expect((c.payload as { occurredAt: number }).occurredAt).toBe(at(3))
    const [e] = effectiveEntries(getSessionRecord(t.ctx, t.session.id).events)
    expect(e!.occurredAt).toBe(at(3))
  })

  it('a corrected rate changes the delivered dose', () => {
    const start = record(0, startAt(52.5))
    record(40, STOP)
    expect(snapshotAt(60).deliveredMg).toBeCloseTo(35, 9)
    correct(45, start, startAt(35))
    // 35 mg/h for 40 min.
    expect(snapshotAt(60).deliveredMg).toBeCloseTo((35 * 40) / 60, 9)
  })

  it('the latest of several corrections is the one that counts', () => {
    const start = record(0, startAt(52.5))
    record(40, STOP)
    correct(45, start, startAt(35))
    correct(46, start, startAt(60))
    expect(snapshotAt(60).deliveredMg).toBeCloseTo(40, 9)
  })

  it('a correction keeps the kind of entry it corrects', () => {
    const change = record(0, startAt(52.5))
    expectRefused(() => correct(1, change, rateTo(40)), 'INVALID_INPUT', 'entry')
    const v = record(2, vitals(120))
    expectRefused(() => correct(3, v, { type: 'note', note: { noteType: 'other', text: 'x' } }), 'INVALID_INPUT', 'entry')
  })

  it('a correction that changes nothing is refused', () => {
    const v = record(2, vitals(120))
    expectRefused(() => correct(3, v, vitals(120)), 'INVALID_INPUT', 'entry')
  })

  it('a correction of a correction is refused: the original is what gets amended', () => {
    const v = record(2, vitals(210))
    const c = correct(3, v, vitals(120))
    expectRefused(() => correct(4, c, vitals(130)), 'INVALID_INPUT', 'eventId')
    const m = voidEntry(5, record(4, vitals(100)))
    expectRefused(() => correct(6, m, vitals(130)), 'INVALID_INPUT', 'eventId')
    expectRefused(() => voidEntry(6, c), 'INVALID_INPUT', 'eventId')
  })

  it('a correction may not move the time into the future', () => {
    const v = record(2, vitals(120))
    expectRefused(() => correct(3, v, vitals(120), { occurredAt: at(3) + 1 }), 'INVALID_INPUT', 'occurredAt')
  })

  it('a correction may not put the infusion out of order', () => {
    record(0, startAt(52.5))
    const change = record(10, rateTo(40))
    const err = expectRefused(() => correct(12, change, rateTo(40), { occurredAt: at(-1) }), 'INVALID_STATE')
    expect(err.message).toMatch(/out of order/)
  })

  it('a correction to an absurd rate is refused', () => {
    const start = record(0, startAt(52.5))
    expectRefused(() => correct(1, start, startAt(526)), 'INVALID_INPUT', 'entry.rate.value')
  })

  it('an entry of another session is not found', () => {
    const other = createSession(t.ctx, {
      patientId: t.patient.id,
      authorId: t.team.nurse.id,
      plan: STANDARD_PLAN,
      team: { physicianId: t.team.physician.id, nurseId: t.team.nurse.id, therapistId: null }
    })
    t.clock.set(at(1))
    const foreign = recordEntry(t.ctx, { sessionId: other.id, authorId: t.team.nurse.id, entry: vitals(120) })
    expectRefused(() => correct(2, foreign, vitals(130)), 'NOT_FOUND', 'eventId')
    expectRefused(() => voidEntry(2, foreign), 'NOT_FOUND', 'eventId')
  })

  it('an entry marked entered in error cannot be corrected', () => {
    const v = record(2, vitals(120))
    voidEntry(3, v)
    expectRefused(() => correct(4, v, vitals(130)), 'INVALID_STATE')
    expectRefused(() => voidEntry(4, v), 'INVALID_STATE')
  })

  it('entries of an ended session can still be corrected', () => {
    const v = record(2, vitals(210))
    record(3, END)
    expect(correct(10, v, vitals(120)).type).toBe('correction')
  })

  it('a correction needs a reason', () => {
    const v = record(2, vitals(210))
    const handlers = createHandlers(t.ctx)
    for (const reason of ['', '   ', undefined]) {
      const res = handlers['entries.correct']({ sessionId: t.session.id, authorId: t.team.nurse.id, eventId: v.id, reason, entry: vitals(120) })
      expect(res.ok).toBe(false)
      if (!res.ok) {
        expect(res.error.code).toBe('INVALID_INPUT')
        expect(res.error.field).toBe('reason')
      }
    }
    expect(countEvents(t.db)).toBe(1)
  })
})

describe('entered in error', () => {
  it('the entry stays in the record, marked voided, and leaves the figures', () => {
    record(0, startAt(52.5))
    const change = record(20, rateTo(26.25))
    record(40, STOP)
    // 20 min at 52.5 (17.5 mg) + 20 min at 26.25 (8.75 mg).
    expect(snapshotAt(50).deliveredMg).toBeCloseTo(26.25, 9)
    const mark = voidEntry(45, change)
    expect(mark).toMatchObject({ type: 'entered_in_error', amendsEventId: change.id, reason: 'wrong patient', payload: {} })
    const events = getSessionRecord(t.ctx, t.session.id).events
    const listed = effectiveEntries(events).find((e) => e.original.id === change.id)!
    expect(listed.voided).toEqual(mark)
    // Now 40 min at 52.5 mg/h.
    expect(snapshotAt(50).deliveredMg).toBeCloseTo(35, 9)
  })

  it('voiding a start that has later rate changes is refused', () => {
    const start = record(0, startAt(52.5))
    record(10, rateTo(40))
    const err = expectRefused(() => voidEntry(12, start), 'INVALID_STATE')
    expect(err.message).toMatch(/later infusion entries/)
  })

  it('voiding a pause whose resume still stands is refused', () => {
    record(0, startAt(52.5))
    const pause = record(10, { type: 'infusion_paused', reason: 'nausea' })
    record(15, { type: 'infusion_resumed' })
    expectRefused(() => voidEntry(16, pause), 'INVALID_STATE')
  })

  it('the later entries can be voided first, then the start', () => {
    const start = record(0, startAt(52.5))
    const change = record(10, rateTo(40))
    voidEntry(11, change)
    voidEntry(12, start)
    expect(snapshotAt(20).phase).toBe('pre-infusion')
    expect(snapshotAt(20).deliveredMg).toBe(0)
  })

  it('the end of a session cannot be marked entered in error', () => {
    const end = record(3, END)
    expectRefused(() => voidEntry(4, end), 'INVALID_INPUT', 'eventId')
  })

  it('a vitals entry can be voided while the infusion runs', () => {
    record(0, startAt(52.5))
    const v = record(5, vitals(250))
    expect(voidEntry(6, v).type).toBe('entered_in_error')
  })
})

describe('amendments keep the end of the session consistent', () => {
  it('voiding the stop of an ended session is refused: the infusion would run on after the end', () => {
    record(0, startAt(52.5))
    const stop = record(40, STOP)
    record(60, END_AFTER_DOSE)
    expectRefused(() => voidEntry(70, stop), 'INVALID_STATE')
    expect(snapshotAt(100).deliveredMg).toBeCloseTo(35, 9)
  })

  it('moving the stop after the end is refused', () => {
    record(0, startAt(52.5))
    const stop = record(40, STOP)
    record(60, END_AFTER_DOSE)
    expectRefused(() => correct(70, stop, STOP, { occurredAt: at(65) }), 'INVALID_INPUT', 'occurredAt')
    // Within the session it is fine.
    expect(correct(70, stop, STOP, { occurredAt: at(45) }).type).toBe('correction')
  })

  it('moving the end before the stop is refused', () => {
    record(0, startAt(52.5))
    record(40, STOP)
    const end = record(60, END_AFTER_DOSE)
    expectRefused(() => correct(70, end, END, { occurredAt: at(30) }), 'INVALID_STATE')
    expect(correct(70, end, END, { occurredAt: at(50) }).type).toBe('correction')
  })
})

describe('corrections after the end', () => {
  it('cannot move a vitals entry to after the end of the session', () => {
    const v = record(5, vitals(130))
    record(10, END)
    expectRefused(() => correct(20, v, vitals(130), { occurredAt: at(15) }), 'INVALID_INPUT', 'occurredAt')
    // A correction of the content alone is still allowed after the end.
    expect(correct(20, v, vitals(132)).type).toBe('correction')
  })
})
