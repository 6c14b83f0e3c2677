/**
 * A reading past its alert limit, flagged the same way wherever it is shown (timeline, chart,
 * report): an arrow for the direction, and the limit it passed. The rule is the alerts' own
 * (strictly past the limit; at the limit is within it).
 */
import { LIMITED_VITALS, type LimitedVital, type SafetySettings } from '../protocols/protocols'
import type { Vitals } from '../record/vitals'

export interface VitalFlag {
  direction: 'high' | 'low'
  limit: number
}

export function vitalFlag(vital: LimitedVital, value: number, limits: SafetySettings['limits']): VitalFlag | null {
  const { low, high } = limits[vital]
  if (high !== null && value > high) return { direction: 'high', limit: high }
  if (low !== null && value < low) return { direction: 'low', limit: low }
  return null
}

export const FLAG_ARROW: Record<VitalFlag['direction'], string> = { high: '↑', low: '↓' }

/** What the flag means, for a title or a screen reader: "above the limit of 180". */
export function flagMeaning(flag: VitalFlag): string {
  return `${flag.direction === 'high' ? 'above' : 'below'} the limit of ${flag.limit}`
}

/** Every flag a vitals set carries, by vital. */
export function vitalsFlags(vitals: Vitals, limits: SafetySettings['limits']): Partial<Record<LimitedVital, VitalFlag>> {
  const out: Partial<Record<LimitedVital, VitalFlag>> = {}
  for (const vital of LIMITED_VITALS) {
    const f = vitalFlag(vital, vitals[vital], limits)
    if (f) out[vital] = f
  }
  return out
}

export interface VitalsSegment {
  text: string
  flag?: VitalFlag
}

/**
 * A vitals set as the timeline and the report write it ("BP 192↑/104 · HR 96 · SpO2 90↓% · RR 9↓"),
 * in pieces so each flagged value can be set in bold with its limit.
 */
export function vitalsSegments(v: Vitals, limits: SafetySettings['limits']): VitalsSegment[] {
  const value = (vital: LimitedVital): VitalsSegment => {
    const flag = vitalFlag(vital, v[vital], limits)
    return flag ? { text: `${v[vital]}${FLAG_ARROW[flag.direction]}`, flag } : { text: String(v[vital]) }
  }
  const parts: VitalsSegment[] = [
    { text: 'BP ' },
    value('systolic'),
    { text: '/' },
    value('diastolic'),
    { text: ' · HR ' },
    value('heartRate'),
    { text: ' · SpO2 ' },
    value('spo2'),
    { text: '% · RR ' },
    value('respiratoryRate')
  ]
  if (v.temperature !== undefined) parts.push({ text: ` · T ${v.temperature} °C` })
  if (v.sedation !== undefined) parts.push({ text: ` · MOAA/S ${v.sedation}` })
  return parts
}
