/**
 * Physiological plausibility: a value outside these is a typing error, not a patient finding,
 * so it is refused at the field. Source: shared/clinical/REFERENCE.md. Alert limits are separate
 * protocol settings (narrower) and never refuse input.
 */
export const VITAL_LIMITS = {
  systolic: { label: 'Systolic', unit: 'mmHg', min: 40, max: 300, integer: true },
  diastolic: { label: 'Diastolic', unit: 'mmHg', min: 20, max: 200, integer: true },
  heartRate: { label: 'Heart rate', unit: 'bpm', min: 20, max: 250, integer: true },
  spo2: { label: 'SpO2', unit: '%', min: 50, max: 100, integer: true },
  respiratoryRate: { label: 'Respiratory rate', unit: '/min', min: 0, max: 60, integer: true },
  temperature: { label: 'Temperature', unit: '°C', min: 30, max: 43, integer: false },
  sedation: { label: 'Sedation (MOAA/S)', unit: '', min: 0, max: 5, integer: true }
} as const

export type VitalName = keyof typeof VITAL_LIMITS

export interface Vitals {
  systolic: number
  diastolic: number
  heartRate: number
  spo2: number
  respiratoryRate: number
  temperature?: number
  sedation?: number
}

export function vitalRangeMessage(name: VitalName): string {
  const l = VITAL_LIMITS[name]
  const unit = l.unit ? ` ${l.unit}` : ''
  const kind = l.integer ? 'a whole number' : 'a number'
  return `${l.label} must be ${kind} from ${l.min} to ${l.max}${unit}`
}

export function isPlausible(name: VitalName, value: number): boolean {
  const l = VITAL_LIMITS[name]
  return Number.isFinite(value) && value >= l.min && value <= l.max && (!l.integer || Number.isInteger(value))
}
