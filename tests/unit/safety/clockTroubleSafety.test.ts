/**
 * Clock trouble for the safety entries: an alert acknowledged or a discharge recorded after the
 * computer's clock jumped takes its time under the same policy as every other entry
 * (shared/domain/clockJump.ts): never before the session's last entry, and the jump noted.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { recordEntry } from '../../../src/main/record/entries'
import { acknowledgeAlert, recordDischarge, type DischargeInput } from '../../../src/main/safety/safety'
import { getSessionRecord } from '../../../src/main/sessions/sessions'
import { computerClock } from '../computerClock'
import type { ClockJumpPayload } from '../../../src/shared/kernel/clockJump'
import type { EntryInput, SessionEvent } from '../../../src/shared/record/events'
import { effectiveEntries } from '../../../src/shared/record/record'
import { catchError, makeSeededContext, MIN, T0 } from '../helpers'

const HOUR = 60 * MIN
const VITALS = { systolic: 120, diastolic: 80, heartRate: 70, spo2: 98, respiratoryRate: 14 }
/** Above REFERENCE.md's default systolic limit of 180: an alert to acknowledge. */
const HIGH: EntryInput = { type: 'vitals', vitals: { ...VITALS, systolic: 190 } }
const START: EntryInput = { type: 'infusion_started', rate: { value: 52.5, unit: 'mg/h' } }
const STOP: EntryInput = { type: 'infusion_stopped' }

type Seeded = ReturnType<typeof makeSeededContext>
let t: Seeded
afterEach(() => t.cleanup())

const events = () => getSessionRecord(t.ctx, t.session.id).events
const kinds = (list: SessionEvent[]) => list.map((e) => e.type)
const jumpNotes = (list: SessionEvent[]) => list.filter((e) => e.type === 'clock_jump').map((e) => e.payload as ClockJumpPayload)
const record = (entry: EntryInput) => recordEntry(t.ctx, { sessionId: t.session.id, authorId: t.team.physician.id, entry, confirmOverPlan: true })
const acknowledge = (alarming: SessionEvent, response: 'continue' | 'pause_infusion' = 'continue') =>
  acknowledgeAlert(t.ctx, { sessionId: t.session.id, authorId: t.team.nurse.id, alertKey: `vital_limit:systolic:high:${alarming.id}`, response })
/** A discharge before the minimum recovery: a physician overrides, so only the clock is under test. */
const discharge = () => {
  const input: DischargeInput = {
    sessionId: t.session.id,
    authorId: t.team.physician.id,
    assessment: {
      aldrete: { activity: 2, respiration: 2, circulation: 2, consciousness: 2, oxygenSaturation: 2 },
      escortPresent: true,
      noDrivingAdviceGiven: true,
      patientReport: 'Feels well'
    },
    override: { reason: 'Reviewed by the physician' }
  }
  return recordDischarge(t.ctx, input)
}
/** The record's order is its sequence; its times must never run backwards along it. */
const expectTimesInOrder = (list: SessionEvent[]) => {
  const times = list.map((e) => e.recordedAt)
  expect(times).toEqual([...times].sort((a, b) => a - b))
}

describe('with the app’s steady clock, the computer’s clock changed mid-session', () => {
  let computer: ReturnType<typeof computerClock>
  const passes = (ms: number) => computer.passes(ms)
  const changeClock = (ms: number) => computer.changeClock(ms)
  beforeEach(() => {
    t = makeSeededContext()
    computer = computerClock()
    t.ctx.clock = computer.clock
  })

  it('moved back an hour: the acknowledgement is timed after the reading it answers, and the jump is noted', () => {
    passes(MIN)
    const alarming = record(HIGH)
    changeClock(-HOUR)
    passes(2 * MIN)
    const [ack] = acknowledge(alarming)
    expect(ack!.recordedAt).toBe(alarming.recordedAt + 2 * MIN)
    expect(ack!.occurredAt).toBe(ack!.recordedAt)
    const list = events()
    expect(kinds(list)).toEqual(['vitals', 'clock_jump', 'alert_acknowledged'])
    expect(jumpNotes(list)).toEqual([{ byMs: -HOUR, wallAt: T0 + 3 * MIN - HOUR, seenBy: 'steady' }])
    expectTimesInOrder(list)
  })

  it('moved forward two hours: the acknowledgement carries on from the steady time, and the jump is noted', () => {
    passes(MIN)
    const alarming = record(HIGH)
    changeClock(2 * HOUR)
    passes(2 * MIN)
    const [ack] = acknowledge(alarming)
    expect(ack!.recordedAt).toBe(T0 + 3 * MIN)
    expect(jumpNotes(events()).map((j) => j.byMs)).toEqual([2 * HOUR])
  })

  it('moved back an hour: the discharge is timed after the stop, and the jump is noted', () => {
    passes(MIN)
    record(START)
    passes(20 * MIN)
    const stop = record(STOP)
    changeClock(-HOUR)
    passes(30 * MIN)
    const entry = discharge()
    expect(entry.recordedAt).toBe(stop.recordedAt + 30 * MIN)
    const list = events()
    expect(kinds(list)).toEqual(['infusion_started', 'infusion_stopped', 'clock_jump', 'discharge'])
    expect(jumpNotes(list).map((j) => [j.byMs, j.seenBy])).toEqual([[-HOUR, 'steady']])
    expectTimesInOrder(list)
  })

  it('a jump already noted by an acknowledgement is not noted again by the next entry', () => {
    passes(MIN)
    const alarming = record(HIGH)
    changeClock(-HOUR)
    passes(MIN)
    acknowledge(alarming)
    passes(MIN)
    record({ type: 'vitals', vitals: VITALS })
    expect(kinds(events())).toEqual(['vitals', 'clock_jump', 'alert_acknowledged', 'vitals'])
  })
})

describe('with a clock that is not steady (behind the record)', () => {
  beforeEach(() => {
    t = makeSeededContext()
  })

  it('an acknowledgement is recorded at the last entry’s time, never before it, with a note of how far behind the clock was', () => {
    t.clock.set(T0 + 10 * MIN)
    const alarming = record(HIGH)
    t.clock.set(T0 + 10 * MIN - HOUR)
    const [ack] = acknowledge(alarming)
    expect(ack!.recordedAt).toBe(alarming.recordedAt)
    expect(ack!.occurredAt).toBe(alarming.recordedAt)
    const list = events()
    expect(kinds(list)).toEqual(['vitals', 'clock_jump', 'alert_acknowledged'])
    expect(jumpNotes(list)).toEqual([{ byMs: -HOUR, wallAt: T0 + 10 * MIN - HOUR, seenBy: 'record' }])
    expect(effectiveEntries(list).map((e) => e.original.type)).toEqual(['vitals', 'alert_acknowledged'])
  })

  it('“Pause infusion” writes the pause and the acknowledgement at one time, with one note', () => {
    t.clock.set(T0 + MIN)
    record(START)
    t.clock.set(T0 + 10 * MIN)
    const alarming = record(HIGH)
    t.clock.set(T0 + 10 * MIN - HOUR)
    const written = acknowledge(alarming, 'pause_infusion')
    expect(written.map((e) => [e.type, e.recordedAt])).toEqual([
      ['infusion_paused', alarming.recordedAt],
      ['alert_acknowledged', alarming.recordedAt]
    ])
    const list = events()
    expect(kinds(list)).toEqual(['infusion_started', 'vitals', 'clock_jump', 'infusion_paused', 'alert_acknowledged'])
    expect(jumpNotes(list)).toHaveLength(1)
  })

  it('a discharge is recorded at the last entry’s time, never before it, and says the clock was behind', () => {
    t.clock.set(T0 + MIN)
    record(START)
    t.clock.set(T0 + 21 * MIN)
    const stop = record(STOP)
    t.clock.set(T0 + 21 * MIN - HOUR)
    const entry = discharge()
    expect(entry.recordedAt).toBe(stop.recordedAt)
    const list = events()
    expect(kinds(list)).toEqual(['infusion_started', 'infusion_stopped', 'clock_jump', 'discharge'])
    expect(jumpNotes(list)).toEqual([{ byMs: -HOUR, wallAt: T0 + 21 * MIN - HOUR, seenBy: 'record' }])
  })

  it('an acknowledgement refused for another reason takes its note with it', () => {
    t.clock.set(T0 + 10 * MIN)
    const alarming = record(HIGH)
    acknowledge(alarming)
    t.clock.set(T0 + 10 * MIN - HOUR)
    expect(catchError(() => acknowledge(alarming))).toMatchObject({ code: 'NOT_FOUND' })
    expect(kinds(events())).toEqual(['vitals', 'alert_acknowledged'])
  })

  it('a clock a second behind (within the tolerance) is not a jump for a discharge either', () => {
    t.clock.set(T0 + MIN)
    record(START)
    t.clock.set(T0 + 21 * MIN)
    const stop = record(STOP)
    t.clock.set(T0 + 21 * MIN - 1000)
    expect(discharge().recordedAt).toBe(stop.recordedAt)
    expect(kinds(events())).toEqual(['infusion_started', 'infusion_stopped', 'discharge'])
  })
})
