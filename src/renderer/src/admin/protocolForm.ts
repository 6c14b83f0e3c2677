/** The protocol editor's text fields and their conversion to and from a definition. */
import { CHECK_IDS, LIMITED_VITALS, sedationLimits, type CheckId, type ProtocolDefinition } from '../../../shared/protocols/protocols'
import { parseNumber } from '../ui/forms'

export type ProtocolFields = Record<string, string> & { drug: string; route: string }
export interface ProtocolFlags {
  checks: Set<CheckId>
  requireEscort: boolean
  requireNoDrivingAdvice: boolean
  rems: boolean
}

const text = (n: number | null | undefined) => (n === null || n === undefined ? '' : String(n))

export function fieldsOf(d: ProtocolDefinition): { fields: ProtocolFields; flags: ProtocolFlags } {
  const fields: ProtocolFields = {
    name: d.name,
    drug: d.drug,
    route: d.route,
    dose: text(d.dose.value),
    durationMin: text(d.durationMin),
    defaultConcentrationMgPerMl: text(d.defaultConcentrationMgPerMl),
    defaultBagVolumeMl: text(d.defaultBagVolumeMl),
    'vitalsIntervalMin.infusion': text(d.vitalsIntervalMin.infusion),
    'vitalsIntervalMin.recovery': text(d.vitalsIntervalMin.recovery),
    minRecoveryMin: text(d.minRecoveryMin),
    'riseFromBaseline.systolic': text(d.riseFromBaseline.systolic),
    'riseFromBaseline.diastolic': text(d.riseFromBaseline.diastolic),
    'preDoseBp.systolicMax': text(d.preDoseBp?.systolicMax),
    'preDoseBp.diastolicMax': text(d.preDoseBp?.diastolicMax),
    'preDoseBp.systolicMaxAged65': text(d.preDoseBp?.systolicMaxAged65),
    'discharge.minAldrete': text(d.discharge.minAldrete)
  }
  // A version stored before sedation limits shows the defaults it is read with.
  const sedation = sedationLimits(d)
  fields['sedation.highAtOrBelow'] = text(sedation.highAtOrBelow)
  fields['sedation.mediumAtOrBelow'] = text(sedation.mediumAtOrBelow)
  for (const v of LIMITED_VITALS) {
    fields[`limits.${v}.low`] = text(d.limits[v].low)
    fields[`limits.${v}.high`] = text(d.limits[v].high)
  }
  return {
    fields,
    flags: {
      checks: new Set(d.requiredChecks),
      requireEscort: d.discharge.requireEscort,
      requireNoDrivingAdvice: d.discharge.requireNoDrivingAdvice,
      rems: d.discharge.rems
    }
  }
}

/** Blank means "no limit" where a limit may be absent; the schema says what else is wrong. */
const optional = (s: string | undefined) => (s === undefined || s.trim() === '' ? null : parseNumber(s))
const required = (s: string | undefined) => parseNumber(s ?? '')

export function definitionOf(f: ProtocolFields, flags: ProtocolFlags): unknown {
  const limits: Record<string, { low: number | null | undefined; high: number | null | undefined }> = {}
  for (const v of LIMITED_VITALS) limits[v] = { low: optional(f[`limits.${v}.low`]), high: optional(f[`limits.${v}.high`]) }
  const preDose = [f['preDoseBp.systolicMax'], f['preDoseBp.diastolicMax'], f['preDoseBp.systolicMaxAged65']].some((s) => s && s.trim() !== '')
  return {
    name: f['name'],
    drug: f.drug,
    route: f.route,
    dose: { kind: f.drug === 'esketamine' ? 'mg' : 'mg/kg', value: required(f['dose']) },
    durationMin: required(f['durationMin']),
    defaultConcentrationMgPerMl: required(f['defaultConcentrationMgPerMl']),
    defaultBagVolumeMl: required(f['defaultBagVolumeMl']),
    vitalsIntervalMin: { infusion: required(f['vitalsIntervalMin.infusion']), recovery: required(f['vitalsIntervalMin.recovery']) },
    minRecoveryMin: required(f['minRecoveryMin']),
    limits,
    riseFromBaseline: { systolic: optional(f['riseFromBaseline.systolic']), diastolic: optional(f['riseFromBaseline.diastolic']) },
    preDoseBp: preDose
      ? {
          systolicMax: required(f['preDoseBp.systolicMax']),
          diastolicMax: required(f['preDoseBp.diastolicMax']),
          systolicMaxAged65: optional(f['preDoseBp.systolicMaxAged65'])
        }
      : null,
    requiredChecks: CHECK_IDS.filter((c) => flags.checks.has(c)),
    discharge: {
      minAldrete: required(f['discharge.minAldrete']),
      requireEscort: flags.requireEscort,
      requireNoDrivingAdvice: flags.requireNoDrivingAdvice,
      rems: flags.rems
    },
    sedation: { highAtOrBelow: optional(f['sedation.highAtOrBelow']), mediumAtOrBelow: optional(f['sedation.mediumAtOrBelow']) }
  }
}
