/**
 * The alerts on the chart's time axis: each standing alert where it was raised, and each
 * acknowledgement in the record where it was given (an acknowledged alert no longer stands; its
 * acknowledgement says what it was).
 */
import type { EffectiveEntry } from '../record/record'
import { ALERT_RESPONSE_LABELS } from '../record/safetyPayloads'
import type { Alert } from '../safety/alerts'
import { minutesFrom } from './chart'

export interface AlertTick {
  /** Minutes from the chart's origin. */
  t: number
  kind: 'raised' | 'acknowledged'
  severity: Alert['severity'] | null
  text: string
}

export function acknowledgementTicks(entries: readonly EffectiveEntry[], origin: number): AlertTick[] {
  const ticks: AlertTick[] = []
  for (const e of entries) {
    if (e.voided || e.entry.type !== 'alert_acknowledged') continue
    const { ack } = e.entry
    ticks.push({ t: minutesFrom(origin, e.occurredAt), kind: 'acknowledged', severity: null, text: `${ALERT_RESPONSE_LABELS[ack.response]}: ${ack.message}` })
  }
  return ticks
}

export function raisedTicks(alerts: readonly Alert[], origin: number): AlertTick[] {
  return alerts.map((a) => ({ t: minutesFrom(origin, a.since), kind: 'raised', severity: a.severity, text: a.message }))
}
