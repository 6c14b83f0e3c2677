/** The drug library's text fields in the protocol editor, and their conversion to and from the library. */
import type { DoseLimits, DrugLimit } from '../../../shared/protocols/doseLimits'
import type { Drug, Route } from '../../../shared/record/plan'
import { parseNumber } from '../ui/forms'

export const LIMIT_KEYS = [
  'dosePerKg.softMin',
  'dosePerKg.softMax',
  'dosePerKg.hardMax',
  'rateMgPerKgPerHour.softMax',
  'rateMgPerKgPerHour.hardMax',
  'totalMgHardMax',
  'maxConcentrationMgPerMl'
] as const
export type LimitKey = (typeof LIMIT_KEYS)[number]

export const LIMIT_LABELS: Record<LimitKey, string> = {
  'dosePerKg.softMin': 'Lowest dose before a confirmation (mg/kg)',
  'dosePerKg.softMax': 'Highest dose before a confirmation (mg/kg)',
  'dosePerKg.hardMax': 'Highest dose allowed (mg/kg)',
  'rateMgPerKgPerHour.softMax': 'Highest rate before a confirmation (mg/kg/h)',
  'rateMgPerKgPerHour.hardMax': 'Highest rate allowed (mg/kg/h)',
  totalMgHardMax: 'Highest total per session (mg)',
  maxConcentrationMgPerMl: 'Highest concentration (mg/mL)'
}

export interface LimitRow {
  drug: Drug
  route: Route
  fields: Record<LimitKey, string>
}
export interface DoseLimitsDraft {
  rows: LimitRow[]
  weightDifferencePct: string
}

const text = (n: number | null) => (n === null ? '' : String(n))
/** Blank means "no limit"; the schema says what else is wrong. */
const optional = (s: string) => (s.trim() === '' ? null : parseNumber(s))

function valueAt(l: DrugLimit, k: LimitKey): number | null {
  switch (k) {
    case 'dosePerKg.softMin':
      return l.dosePerKg.softMin
    case 'dosePerKg.softMax':
      return l.dosePerKg.softMax
    case 'dosePerKg.hardMax':
      return l.dosePerKg.hardMax
    case 'rateMgPerKgPerHour.softMax':
      return l.rateMgPerKgPerHour.softMax
    case 'rateMgPerKgPerHour.hardMax':
      return l.rateMgPerKgPerHour.hardMax
    case 'totalMgHardMax':
      return l.totalMgHardMax
    case 'maxConcentrationMgPerMl':
      return l.maxConcentrationMgPerMl
  }
}

export function draftOf(l: DoseLimits): DoseLimitsDraft {
  return {
    rows: l.drugs.map((d) => ({
      drug: d.drug,
      route: d.route,
      fields: Object.fromEntries(LIMIT_KEYS.map((k) => [k, text(valueAt(d, k))])) as Record<LimitKey, string>
    })),
    weightDifferencePct: String(l.weightDifferencePct)
  }
}

export function emptyRow(drug: Drug, route: Route): LimitRow {
  return { drug, route, fields: Object.fromEntries(LIMIT_KEYS.map((k) => [k, ''])) as Record<LimitKey, string> }
}

export function doseLimitsOfDraft(d: DoseLimitsDraft): unknown {
  return {
    drugs: d.rows.map((r) => ({
      drug: r.drug,
      route: r.route,
      dosePerKg: { softMin: optional(r.fields['dosePerKg.softMin']), softMax: optional(r.fields['dosePerKg.softMax']), hardMax: optional(r.fields['dosePerKg.hardMax']) },
      rateMgPerKgPerHour: { softMax: optional(r.fields['rateMgPerKgPerHour.softMax']), hardMax: optional(r.fields['rateMgPerKgPerHour.hardMax']) },
      totalMgHardMax: optional(r.fields['totalMgHardMax']),
      maxConcentrationMgPerMl: optional(r.fields['maxConcentrationMgPerMl'])
    })),
    weightDifferencePct: parseNumber(d.weightDifferencePct)
  }
}
