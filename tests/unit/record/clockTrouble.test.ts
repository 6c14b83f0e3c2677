import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { correctEntry, recordEntry } from '../../../src/main/record/entries'
import { getSessionRecord } from '../../../src/main/sessions/sessions'
import { computerClock } from '../computerClock'
import { recordTime, type ClockJumpPayload } from '../../../src/shared/kernel/clockJump'
import type { EntryInput, SessionEvent } from '../../../src/shared/record/events'
import { effectiveEntries, sessionSnapshot } from '../../../src/shared/record/record'
import { DomainError } from '../../../src/shared/kernel/result'
import { catchError, makeSeededContext, MIN, seedSession, T0 } from '../helpers'

const HOUR = 60 * MIN
const VITALS: EntryInput = { type: 'vitals', vitals: { systolic: 120, diastolic: 80, heartRate: 70, spo2: 98, respiratoryRate: 14 } }
const START: EntryInput = { type: 'infusion_started', rate: { value: 52.5, unit: 'mg/h' } }
const STOP: EntryInput = { type: 'infusion_stopped' }
/** Independent of the app's math: mg at 52.5 mg/h for `minutes`. */
const mgFor = (minutes: number) => (52.5 * minutes) / 60

type Seeded = ReturnType<typeof makeSeededContext>
let t: Seeded
afterEach(() => t.cleanup())

const kinds = (events: SessionEvent[]) => events.map((e) => e.type)
const jumpNotes = (events: SessionEvent[]) => events.filter((e) => e.type === 'clock_jump').map((e) => e.payload as ClockJumpPayload)
const recordNow = (entry: EntryInput, sessionId = t.session.id) =>
  recordEntry(t.ctx, { sessionId, authorId: t.team.physician.id, entry, confirmOverPlan: true })

describe('with the app’s steady clock, a clock changed mid-session', () => {
  let computer: ReturnType<typeof computerClock>
  const passes = (ms: number) => computer.passes(ms)
  const changeClock = (ms: number) => computer.changeClock(ms)
  beforeEach(() => {
    t = makeSeededContext()
    computer = computerClock()
    t.ctx.clock = computer.clock
  })

  it('moved back an hour: the next entries keep their order and the dose keeps counting, and the record says so', () => {
    passes(MIN)
    const start = recordNow(START)
    passes(10 * MIN)
    recordNow(VITALS)
    changeClock(-HOUR)
    passes(5 * MIN)
    const late = recordNow(VITALS)
    expect(late.recordedAt).toBe(start.recordedAt + 15 * MIN)

    const { events } = getSessionRecord(t.ctx, t.session.id)
    expect(kinds(events)).toEqual(['infusion_started', 'vitals', 'clock_jump', 'vitals'])
    expect(jumpNotes(events)).toEqual([{ byMs: -HOUR, wallAt: T0 + 16 * MIN - HOUR, seenBy: 'steady' }])
    expect(effectiveEntries(events).map((e) => e.original.seq)).toEqual([1, 2, 4])
    const snapshot = sessionSnapshot(events, t.session.plan, t.ctx.clock.now())
    expect(snapshot.deliveredMg).toBeCloseTo(mgFor(15), 9)
    expect(snapshot.elapsedMs).toBe(15 * MIN)
  })

  it('moved forward two hours: times carry on from before, and the dose does not jump', () => {
    passes(MIN)
    recordNow(START)
    passes(10 * MIN)
    changeClock(2 * HOUR)
    passes(5 * MIN)
    recordNow(STOP)
    const { events } = getSessionRecord(t.ctx, t.session.id)
    expect(jumpNotes(events).map((j) => j.byMs)).toEqual([2 * HOUR])
    passes(30 * MIN)
    expect(sessionSnapshot(events, t.session.plan, t.ctx.clock.now()).deliveredMg).toBeCloseTo(mgFor(15), 9)
  })

  it('a jump is noted once in each open session, at its next entry', () => {
    const other = seedSession(t.ctx, t.team, t.patient)
    passes(MIN)
    recordNow(VITALS)
    recordNow(VITALS, other.id)
    changeClock(-HOUR)
    passes(MIN)
    recordNow(VITALS)
    recordNow(VITALS)
    recordNow(VITALS, other.id)
    expect(kinds(getSessionRecord(t.ctx, t.session.id).events)).toEqual(['vitals', 'clock_jump', 'vitals', 'vitals'])
    expect(kinds(getSessionRecord(t.ctx, other.id).events)).toEqual(['vitals', 'clock_jump', 'vitals'])
  })

  it('a jump seen in the very millisecond of the last entry is noted, and only once', () => {
    passes(MIN)
    recordNow(VITALS)
    changeClock(-HOUR)
    t.ctx.clock.now()
    passes(MIN)
    recordNow(VITALS)
    recordNow(VITALS)
    expect(kinds(getSessionRecord(t.ctx, t.session.id).events)).toEqual(['vitals', 'clock_jump', 'vitals', 'vitals'])
  })

  it('a jump before a session was opened is not that session’s business', () => {
    changeClock(-HOUR)
    passes(MIN)
    t.ctx.clock.now()
    const later = seedSession(t.ctx, t.team, t.patient)
    passes(MIN)
    recordNow(VITALS, later.id)
    expect(kinds(getSessionRecord(t.ctx, later.id).events)).toEqual(['vitals'])
  })

  it('an entry refused for another reason takes its note with it; the next entry carries it', () => {
    passes(MIN)
    recordNow(VITALS)
    changeClock(-HOUR)
    passes(MIN)
    expect(catchError(() => recordNow({ type: 'infusion_resumed' }))).toBeInstanceOf(DomainError)
    expect(kinds(getSessionRecord(t.ctx, t.session.id).events)).toEqual(['vitals'])
    recordNow(VITALS)
    expect(kinds(getSessionRecord(t.ctx, t.session.id).events)).toEqual(['vitals', 'clock_jump', 'vitals'])
  })

  it('the note is the app’s, not an entry: it cannot be corrected or marked in error', () => {
    passes(MIN)
    recordNow(VITALS)
    changeClock(-HOUR)
    passes(MIN)
    recordNow(VITALS)
    const note = getSessionRecord(t.ctx, t.session.id).events.find((e) => e.type === 'clock_jump')!
    const err = catchError(() =>
      correctEntry(t.ctx, { sessionId: t.session.id, authorId: t.team.nurse.id, eventId: note.id, reason: 'x', entry: VITALS })
    )
    expect(err).toMatchObject({ code: 'INVALID_INPUT', field: 'eventId' })
  })
})

describe('with a clock that is not steady (behind the record)', () => {
  beforeEach(() => {
    t = makeSeededContext()
  })

  it('an entry is recorded at the last entry’s time, never before it, with a note of how far behind the clock was', () => {
    t.clock.set(T0 + MIN)
    recordNow(START)
    t.clock.set(T0 + 11 * MIN)
    const before = recordNow(VITALS)
    t.clock.set(T0 + 11 * MIN - HOUR)
    const after = recordNow(VITALS)
    expect(after.recordedAt).toBe(before.recordedAt)
    expect(after.occurredAt).toBe(before.occurredAt)
    const { events } = getSessionRecord(t.ctx, t.session.id)
    expect(kinds(events)).toEqual(['infusion_started', 'vitals', 'clock_jump', 'vitals'])
    expect(jumpNotes(events)).toEqual([{ byMs: -HOUR, wallAt: T0 + 11 * MIN - HOUR, seenBy: 'record' }])
    expect(effectiveEntries(events).map((e) => e.original.seq)).toEqual([1, 2, 4])
  })

  it('the infusion can still be stopped, and the dose is not cut short', () => {
    t.clock.set(T0 + MIN)
    recordNow(START)
    t.clock.set(T0 + 21 * MIN)
    recordNow(VITALS)
    t.clock.set(T0 + 21 * MIN - HOUR)
    const stop = recordNow(STOP)
    expect(stop.occurredAt).toBe(T0 + 21 * MIN)
    const { events } = getSessionRecord(t.ctx, t.session.id)
    // The console reads the figures at the record's time, never before its last entry (recordTime).
    const shownAt = recordTime(events[events.length - 1]!.recordedAt, T0 + 21 * MIN - HOUR)
    expect(sessionSnapshot(events, t.session.plan, shownAt).deliveredMg).toBeCloseTo(mgFor(20), 9)
  })

  it('a clock a second behind (within the tolerance) is not a jump', () => {
    t.clock.set(T0 + MIN)
    recordNow(VITALS)
    t.clock.set(T0 + MIN - 1000)
    recordNow(VITALS)
    expect(kinds(getSessionRecord(t.ctx, t.session.id).events)).toEqual(['vitals', 'vitals'])
  })
})
