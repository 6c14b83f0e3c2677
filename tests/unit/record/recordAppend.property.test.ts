import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { EntryInput } from '../../../src/shared/record/events'
import { effectiveEntries, recordFacts, sessionSnapshot, snapshotAt } from '../../../src/shared/record/record'
import { appendEffective } from '../../../src/shared/record/recordAppend'
import { extendRecordedSeries, recordedSeries } from '../../../src/shared/view/chart'
import { eventsOf, otherEntryArb, T, type Step } from './recordSteps'
import { STANDARD_PLAN as PLAN } from '../../fixtures/workedExample'

const entryArb: fc.Arbitrary<EntryInput> = fc.oneof(
  fc.integer({ min: 90, max: 180 }).map((systolic) => ({ type: 'vitals' as const, vitals: { systolic, diastolic: 70, heartRate: 70, spo2: 98, respiratoryRate: 14 } })),
  otherEntryArb
)
const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('entry' as const), minutes: fc.integer({ min: -5, max: 120 }), entry: entryArb }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('correct' as const), target: fc.nat(), minutes: fc.integer({ min: 0, max: 120 }), systolic: fc.integer({ min: 90, max: 180 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('void' as const), target: fc.nat() }) }
)

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
