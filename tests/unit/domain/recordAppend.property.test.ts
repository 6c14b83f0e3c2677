import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { EntryInput, SessionEvent } from '../../../src/shared/domain/events'
import { effectiveEntries, recordFacts, sessionSnapshot, snapshotAt } from '../../../src/shared/domain/record'
import { appendEffective } from '../../../src/shared/domain/recordAppend'
import { extendRecordedSeries, recordedSeries } from '../../../src/shared/domain/chart'
import type { SessionPlan } from '../../../src/shared/domain/plan'

const T = Date.UTC(2025, 2, 10, 12, 0, 0)
const PLAN: SessionPlan = {
  weightKg: 70,
  route: 'IV',
  drug: 'racemic ketamine',
  concentrationMgPerMl: 1,
  bagVolumeMl: 100,
  plannedDose: { kind: 'mg/kg', value: 0.5 },
  plannedDurationMin: 40
}

type Step =
  | { kind: 'entry'; minutes: number; entry: EntryInput }
  | { kind: 'correct'; target: number; minutes: number; systolic: number }
  | { kind: 'void'; target: number }

const entryArb: fc.Arbitrary<EntryInput> = fc.oneof(
  fc.integer({ min: 90, max: 180 }).map((systolic) => ({ type: 'vitals' as const, vitals: { systolic, diastolic: 70, heartRate: 70, spo2: 98, respiratoryRate: 14 } })),
  fc.constantFrom<EntryInput>(
    { type: 'note', note: { noteType: 'observation', text: 'calm' } },
    { type: 'infusion_started', rate: { value: 52.5, unit: 'mg/h' } },
    { type: 'rate_changed', rate: { value: 40, unit: 'mg/h' } },
    { type: 'infusion_paused', reason: 'nausea' },
    { type: 'infusion_resumed' },
    { type: 'infusion_stopped' },
    { type: 'session_ended' }
  )
)
const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('entry' as const), minutes: fc.integer({ min: -5, max: 120 }), entry: entryArb }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('correct' as const), target: fc.nat(), minutes: fc.integer({ min: 0, max: 120 }), systolic: fc.integer({ min: 90, max: 180 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('void' as const), target: fc.nat() }) }
)

/** Events as the store numbers them; amendments aim at an earlier clinical entry. */
function eventsOf(steps: Step[]): SessionEvent[] {
  const events: SessionEvent[] = []
  for (const step of steps) {
    const seq = events.length + 1
    const base = { id: 1000 + seq, sessionId: 1, seq, recordedAt: T + seq * 1000, authorId: 3, amendsEventId: null, reason: null }
    const clinical = events.filter((e) => e.type !== 'correction' && e.type !== 'entered_in_error')
    if (step.kind === 'entry') {
      const { type, ...payload } = step.entry
      events.push({ ...base, type, occurredAt: T + step.minutes * 60_000, payload })
    } else if (clinical.length > 0) {
      const target = clinical[step.target % clinical.length]!
      if (step.kind === 'correct') {
        const entry = { type: 'vitals', vitals: { systolic: step.systolic, diastolic: 70, heartRate: 70, spo2: 98, respiratoryRate: 14 } }
        events.push({ ...base, type: 'correction', occurredAt: base.recordedAt, payload: { entry, occurredAt: T + step.minutes * 60_000 }, amendsEventId: target.id, reason: 'typo' })
      } else events.push({ ...base, type: 'entered_in_error', occurredAt: base.recordedAt, payload: {}, amendsEventId: target.id, reason: 'wrong patient' })
    }
  }
  return events
}

describe('appending one event to the effective entries', () => {
  it('gives exactly what rebuilding the whole record gives, for any record and any new event', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { maxLength: 40 }), (steps) => {
        const events = eventsOf(steps)
        let entries = effectiveEntries([])
        for (let i = 0; i < events.length; i++) {
          entries = appendEffective(entries, events.slice(0, i), events[i]!)
          expect(entries).toEqual(effectiveEntries(events.slice(0, i + 1)))
        }
      }),
      { numRuns: 300 }
    )
  })

  it('keeps the entries already there as they were, so memoised rows are not redrawn', () => {
    const events = eventsOf([
      { kind: 'entry', minutes: 0, entry: { type: 'infusion_started', rate: { value: 52.5, unit: 'mg/h' } } },
      { kind: 'entry', minutes: 5, entry: { type: 'note', note: { noteType: 'observation', text: 'calm' } } }
    ])
    const before = effectiveEntries(events.slice(0, 1))
    const after = appendEffective(before, events.slice(0, 1), events[1]!)
    expect(after[0]).toBe(before[0])
    expect(after).toHaveLength(2)
    expect(before).toHaveLength(1)
  })

  it('puts a back-timed entry in its clinical place, not at the end', () => {
    const events = eventsOf([
      { kind: 'entry', minutes: 10, entry: { type: 'note', note: { noteType: 'observation', text: 'later' } } },
      { kind: 'entry', minutes: 2, entry: { type: 'note', note: { noteType: 'observation', text: 'earlier' } } }
    ])
    const entries = appendEffective(effectiveEntries(events.slice(0, 1)), events.slice(0, 1), events[1]!)
    expect(entries.map((e) => e.original.seq)).toEqual([2, 1])
  })
})

describe('the snapshot from the record facts', () => {
  it('equals the snapshot computed from the whole record at any time', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { maxLength: 30 }), fc.integer({ min: -10, max: 200 }), (steps, minutes) => {
        const events = eventsOf(steps)
        const now = T + minutes * 60_000
        expect(snapshotAt(recordFacts(effectiveEntries(events), PLAN), PLAN, now)).toEqual(sessionSnapshot(events, PLAN, now))
      }),
      { numRuns: 300 }
    )
  })
})

describe('extending the chart series by the new entries', () => {
  it('gives exactly the series computed from the whole record, entry after entry, corrections and voids included', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { maxLength: 40 }), fc.integer({ min: -30, max: 30 }), (steps, originMinutes) => {
        const events = eventsOf(steps)
        const origin = T + originMinutes * 60_000
        let entries = effectiveEntries([])
        let series = recordedSeries(entries, origin)
        for (let i = 0; i < events.length; i++) {
          const next = appendEffective(entries, events.slice(0, i), events[i]!)
          series = extendRecordedSeries(series, entries, next, origin)
          entries = next
          expect(series).toEqual(recordedSeries(entries, origin))
        }
      }),
      { numRuns: 300 }
    )
  })
})
