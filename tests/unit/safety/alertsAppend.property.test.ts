import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { alertFacts } from '../../../src/shared/safety/alerts'
import { trackAlerts, updateAlerts } from '../../../src/shared/safety/alertsAppend'
import type { EntryInput, SessionEvent } from '../../../src/shared/record/events'
import { safetyOf } from '../../../src/shared/protocols/protocols'
import { rateSteps } from '../../../src/shared/view/chart'
import { effectiveEntries, recordFacts } from '../../../src/shared/record/record'
import { appendedOnly, appendedTail, appendEffective, isInfusionAction, shapesRecordFacts } from '../../../src/shared/record/recordAppend'
import { eventsOf, otherEntryArb, T, type Step } from '../record/recordSteps'
import { STANDARD_PLAN as PLAN } from '../../fixtures/workedExample'

const SAFETY = safetyOf(null)

// Wide enough to cross the absolute limits and the rise from baseline both ways.
const vitalsArb: fc.Arbitrary<EntryInput> = fc
  .record({
    systolic: fc.integer({ min: 70, max: 230 }),
    diastolic: fc.integer({ min: 40, max: 130 }),
    heartRate: fc.integer({ min: 35, max: 150 }),
    spo2: fc.integer({ min: 82, max: 100 }),
    respiratoryRate: fc.integer({ min: 6, max: 30 })
  })
  // Some sets carry a MOAA/S score, across the sedation limits.
  .chain((vitals) => fc.option(fc.integer({ min: 0, max: 5 }), { nil: null }).map((sedation) => (sedation === null ? vitals : { ...vitals, sedation })))
  .map((vitals) => ({ type: 'vitals' as const, vitals }))
const otherArb = otherEntryArb
const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 8, arbitrary: fc.record({ kind: fc.constant('entry' as const), minutes: fc.integer({ min: -5, max: 120 }), entry: vitalsArb }) },
  // Mostly forward in time, as a live session runs: most vitals then go last (the fast path).
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('entry' as const), minutes: fc.constant(Number.NaN), entry: vitalsArb }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('entry' as const), minutes: fc.integer({ min: -5, max: 120 }), entry: otherArb }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('ack' as const), minutes: fc.integer({ min: 0, max: 120 }), alert: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('correct' as const), target: fc.nat(), minutes: fc.integer({ min: 0, max: 120 }), systolic: fc.integer({ min: 70, max: 230 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('void' as const), target: fc.nat() }) }
)

/** Acknowledges one of the alerts raised so far, as the console would offer it. */
const acknowledge = (events: SessionEvent[], pick: number) => {
  const raised = alertFacts(effectiveEntries(events), PLAN, SAFETY).raised
  if (raised.length === 0) return null
  const alert = raised[pick % raised.length]!
  return { alertKey: alert.key, rule: alert.rule, message: alert.message, response: 'recheck_vitals' }
}

describe('keeping the alert facts up to date entry by entry', () => {
  it('always gives exactly what alertFacts gives for the whole record', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { maxLength: 40 }), (steps) => {
        const events = eventsOf(steps, acknowledge)
        let entries = effectiveEntries([])
        let tracked = trackAlerts(entries, PLAN, SAFETY)
        for (let i = 0; i < events.length; i++) {
          entries = appendEffective(entries, events.slice(0, i), events[i]!)
          tracked = updateAlerts(tracked, entries, PLAN, SAFETY)
          expect(tracked.facts).toEqual(alertFacts(entries, PLAN, SAFETY))
        }
      }),
      { numRuns: 300 }
    )
  })

  it('adds a new vitals set without walking the record again, and keeps what did not change', () => {
    const events = eventsOf([
      { kind: 'entry', minutes: 0, entry: { type: 'infusion_started', rate: { value: 52.5, unit: 'mg/h' } } },
      { kind: 'entry', minutes: 1, entry: { type: 'vitals', vitals: { systolic: 120, diastolic: 80, heartRate: 70, spo2: 98, respiratoryRate: 14 } } },
      { kind: 'entry', minutes: 2, entry: { type: 'vitals', vitals: { systolic: 120, diastolic: 80, heartRate: 70, spo2: 80, respiratoryRate: 14 } } }
    ])
    const before = effectiveEntries(events.slice(0, 2))
    const tracked = trackAlerts(before, PLAN, SAFETY)
    const after = appendEffective(before, events.slice(0, 2), events[2]!)
    const next = updateAlerts(tracked, after, PLAN, SAFETY)
    expect(next.facts.infusion).toBe(tracked.facts.infusion)
    expect(next.facts.segments).toBe(tracked.facts.segments)
    expect(next.facts.lastVitals).toEqual({ at: events[2]!.occurredAt, id: events[2]!.id })
    expect(next.facts.recordAlerts.map((a) => a.key)).toEqual([`vital_limit:spo2:low:${events[2]!.id}`])
    expect(updateAlerts(next, after, PLAN, SAFETY)).toBe(next)
  })

  it('recomputes for another protocol', () => {
    const entries = effectiveEntries(eventsOf([{ kind: 'entry', minutes: 1, entry: { type: 'vitals', vitals: { systolic: 175, diastolic: 80, heartRate: 70, spo2: 98, respiratoryRate: 14 } } }]))
    const strict = { ...SAFETY, limits: { ...SAFETY.limits, systolic: { low: 90, high: 170 } } }
    const tracked = trackAlerts(entries, PLAN, SAFETY)
    expect(updateAlerts(tracked, entries, PLAN, strict).facts).toEqual(alertFacts(entries, PLAN, strict))
  })
})

describe('appendedTail', () => {
  it('gives the entries added at the end of the same entries, and null for anything else', () => {
    const events = eventsOf([
      { kind: 'entry', minutes: 1, entry: { type: 'note', note: { noteType: 'observation', text: 'a' } } },
      { kind: 'entry', minutes: 2, entry: { type: 'note', note: { noteType: 'observation', text: 'b' } } }
    ])
    const one = effectiveEntries(events.slice(0, 1))
    const two = appendEffective(one, events.slice(0, 1), events[1]!)
    expect(appendedTail(one, two)).toEqual([two[1]])
    expect(appendedTail(two, two)).toEqual([])
    expect(appendedTail(two, one)).toBeNull()
    // The same entries rebuilt (a reload) are other objects: not a tail.
    expect(appendedTail(one, effectiveEntries(events))).toBeNull()
  })
})

describe('values kept while only entries that cannot change them are added', () => {
  it('recordFacts and the rate step are unchanged whenever appendedOnly says so (property)', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { maxLength: 40 }), (steps) => {
        const events = eventsOf(steps, acknowledge)
        let entries = effectiveEntries([])
        for (let i = 0; i < events.length; i++) {
          const next = appendEffective(entries, events.slice(0, i), events[i]!)
          if (appendedOnly(entries, next, shapesRecordFacts)) expect(recordFacts(next, PLAN)).toEqual(recordFacts(entries, PLAN))
          if (appendedOnly(entries, next, isInfusionAction)) expect(rateSteps(next, PLAN, T)).toEqual(rateSteps(entries, PLAN, T))
          entries = next
        }
      }),
      { numRuns: 300 }
    )
  })

  it('a new infusion action or end of session is not kept over', () => {
    const events = eventsOf([
      { kind: 'entry', minutes: 1, entry: { type: 'infusion_started', rate: { value: 52.5, unit: 'mg/h' } } },
      { kind: 'entry', minutes: 2, entry: { type: 'session_ended' } }
    ])
    const one = effectiveEntries(events.slice(0, 1))
    const two = appendEffective(one, events.slice(0, 1), events[1]!)
    expect(appendedOnly(effectiveEntries([]), one, isInfusionAction)).toBe(false)
    expect(appendedOnly(one, two, isInfusionAction)).toBe(true)
    expect(appendedOnly(one, two, shapesRecordFacts)).toBe(false)
  })
})
