/**
 * How a dose, a rate or any medication amount is written on screen, after ISMP's list of
 * error-prone abbreviations and dose designations: no trailing zero ("35 mg", never "35.0 mg", read
 * as 350), always a leading zero ("0.75", never ".75", read as 75), a thousands separator from 1,000,
 * and the unit on every number.
 */

/** A number rounded to at most `decimals` places, with no trailing zero and a leading zero. */
export function formatAmount(value: number, decimals: number): string {
  if (!Number.isFinite(value)) return '—'
  const rounded = Number(value.toFixed(decimals))
  // -0 (a tiny negative rounded away) is written as 0: a dose is never "minus nothing".
  const sign = rounded < 0 ? '-' : ''
  const [whole, fraction] = Math.abs(rounded).toFixed(decimals).split('.') as [string, string | undefined]
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  const trimmed = fraction?.replace(/0+$/, '') ?? ''
  return `${sign}${grouped}${trimmed === '' ? '' : `.${trimmed}`}`
}

/** Decimal places each unit is shown with: what a pump or a syringe can tell apart. */
export const DISPLAY_DECIMALS = {
  mg: 1,
  'mg/kg': 2,
  'mg/kg/h': 2,
  'mg/h': 1,
  'mL/h': 1,
  mL: 1,
  'mg/mL': 2,
  kg: 1
} as const
export type DisplayUnit = keyof typeof DISPLAY_DECIMALS

/** A value with its unit: "35 mg", "0.5 mg/kg", "52.5 mL/h". */
export function formatDose(value: number, unit: DisplayUnit): string {
  return `${formatAmount(value, DISPLAY_DECIMALS[unit])} ${unit}`
}
