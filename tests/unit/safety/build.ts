/** Builds session records by hand for the pure safety functions: events as the services would store them. */
import type { EntryInput, SessionEvent } from '../../../src/shared/record/events'
import { effectiveEntries, type EffectiveEntry } from '../../../src/shared/record/record'
import type { Vitals } from '../../../src/shared/record/vitals'
import { MIN, T0 } from '../helpers'

export class RecordBuilder {
  events: SessionEvent[] = []
  private seq = 0

  add(entry: EntryInput, at: number, authorId = 1): SessionEvent {
    const { type, ...payload } = entry
    const e: SessionEvent = { id: 100 + this.seq, sessionId: 1, seq: ++this.seq, type, occurredAt: at, recordedAt: at, authorId, source: { kind: 'staff' }, payload, amendsEventId: null, reason: null }
    this.events.push(e)
    return e
  }

  vitals(at: number, v: Partial<Vitals> = {}): SessionEvent {
    return this.add({ type: 'vitals', vitals: { ...NORMAL, ...v } }, at)
  }

  start(at: number, mgPerHour = 52.5): SessionEvent {
    return this.add({ type: 'infusion_started', rate: { value: mgPerHour, unit: 'mg/h' } }, at)
  }

  ack(key: string, at: number): SessionEvent {
    return this.add({ type: 'alert_acknowledged', ack: { alertKey: key, rule: 'vital_limit', message: 'x', response: 'continue' } }, at)
  }

  amend(type: 'correction' | 'entered_in_error', target: SessionEvent, at: number, entry?: EntryInput): SessionEvent {
    const e: SessionEvent = {
      id: 100 + this.seq,
      sessionId: 1,
      seq: ++this.seq,
      type,
      occurredAt: at,
      recordedAt: at,
      authorId: 1,
      source: { kind: 'staff' },
      payload: type === 'correction' ? { entry, occurredAt: target.occurredAt } : {},
      amendsEventId: target.id,
      reason: 'test'
    }
    this.events.push(e)
    return e
  }

  get entries(): EffectiveEntry[] {
    return effectiveEntries(this.events)
  }
}

export const NORMAL: Vitals = { systolic: 124, diastolic: 78, heartRate: 72, spo2: 98, respiratoryRate: 14 }
export const at = (minutes: number) => T0 + minutes * MIN
