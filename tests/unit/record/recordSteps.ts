/**
 * Records built step by step for the property tests of the incremental record (recordAppend,
 * alertsAppend): entries at given minutes, acknowledgements, corrections and voids, numbered as the
 * store numbers them.
 */
import fc from 'fast-check'
import type { EntryInput, SessionEvent } from '../../../src/shared/record/events'

export const T = Date.UTC(2025, 2, 10, 12, 0, 0)

export type Step =
  | { kind: 'entry'; minutes: number; entry: EntryInput }
  | { kind: 'ack'; minutes: number; alert: number }
  | { kind: 'correct'; target: number; minutes: number; systolic: number }
  | { kind: 'void'; target: number }

/** Every kind of entry but vitals, once each. */
export const otherEntryArb: fc.Arbitrary<EntryInput> = fc.constantFrom<EntryInput>(
  { type: 'note', note: { noteType: 'observation', text: 'calm' } },
  { type: 'infusion_started', rate: { value: 52.5, unit: 'mg/h' } },
  { type: 'rate_changed', rate: { value: 40, unit: 'mg/h' } },
  { type: 'infusion_paused', reason: 'nausea' },
  { type: 'infusion_resumed' },
  { type: 'infusion_stopped' },
  { type: 'session_ended' }
)

/**
 * Events as the store numbers them; amendments aim at an earlier clinical entry; NaN minutes means
 * "a minute after the latest so far". An 'ack' step becomes an acknowledgement with what
 * `acknowledge` answers for the events so far (skipped when it answers null, or when none is given).
 */
export function eventsOf(steps: Step[], acknowledge?: (events: SessionEvent[], pick: number) => unknown): SessionEvent[] {
  const events: SessionEvent[] = []
  let latest = T
  for (const step of steps) {
    const seq = events.length + 1
    const base = { id: 1000 + seq, sessionId: 1, seq, recordedAt: T + seq * 1000, authorId: 3, source: { kind: 'staff' } as const, amendsEventId: null, reason: null }
    const clinical = events.filter((e) => e.type !== 'correction' && e.type !== 'entered_in_error')
    const at = (minutes: number) => (Number.isNaN(minutes) ? latest + 60_000 : T + minutes * 60_000)
    if (step.kind === 'entry') {
      const { type, ...payload } = step.entry
      events.push({ ...base, type, occurredAt: at(step.minutes), payload })
    } else if (step.kind === 'ack') {
      const ack = acknowledge?.(events, step.alert) ?? null
      if (ack === null) continue
      events.push({ ...base, type: 'alert_acknowledged', occurredAt: at(step.minutes), payload: { ack } })
    } else if (clinical.length > 0) {
      const target = clinical[step.target % clinical.length]!
      if (step.kind === 'correct') {
        const entry = { type: 'vitals', vitals: { systolic: step.systolic, diastolic: 70, heartRate: 70, spo2: 98, respiratoryRate: 14 } }
        events.push({ ...base, type: 'correction', occurredAt: base.recordedAt, payload: { entry, occurredAt: at(step.minutes) }, amendsEventId: target.id, reason: 'typo' })
      } else events.push({ ...base, type: 'entered_in_error', occurredAt: base.recordedAt, payload: {}, amendsEventId: target.id, reason: 'wrong patient' })
    }
    latest = Math.max(latest, events[events.length - 1]?.occurredAt ?? latest)
  }
  return events
}
