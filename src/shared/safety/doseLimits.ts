/**
 * Dose decisions checked against the protocol's drug library, not only against the session's own
 * plan: a plan typed at ten times the protocol's dose is as wrong as a ten-fold rate. Over a soft
 * limit a physician confirms with a reason; over a hard limit the decision is refused.
 */
import { drugLimitFor, type DoseLimits, type DrugLimit } from '../protocols/doseLimits'
import { plannedRate, plannedTotalMg, type SessionPlan } from '../record/plan'

export interface LimitProblem {
  level: 'soft' | 'hard'
  message: string
  /** The plan field the problem is about, where the form shows it. */
  field?: 'weightKg' | 'plannedDose' | 'concentrationMgPerMl' | 'plannedDurationMin' | 'drug'
}

/**
 * A value at a limit is within it. The relative margin absorbs floating-point error from unit
 * conversions (0.5 mg/kg over 40 min is 0.75 mg/kg/h only to within it) and is far below any
 * difference a person could type.
 */
const over = (value: number, limit: number) => value > limit * (1 + 1e-9)
const under = (value: number, limit: number) => value < limit * (1 - 1e-9)

/** Figures as a nurse reads them: no trailing zeros, a leading zero, at most 3 decimals. */
export function fig(n: number): string {
  return String(Math.round(n * 1000) / 1000)
}

const LB_PER_KG = 2.20462

/** Weight entered today against the patient record's; a pounds figure is called out as such. */
export function weightProblem(weightKg: number, recordWeightKg: number | null, maxDifferencePct: number): LimitProblem | null {
  if (recordWeightKg === null || recordWeightKg <= 0) return null
  const ratio = weightKg / recordWeightKg
  if (Math.abs(ratio - LB_PER_KG) <= LB_PER_KG * 0.05)
    return {
      level: 'soft',
      message: `Weight ${fig(weightKg)} kg looks like pounds: the patient record says ${fig(recordWeightKg)} kg (${fig(recordWeightKg * LB_PER_KG)} lb)`
    }
  if (Math.abs(1 / ratio - LB_PER_KG) <= LB_PER_KG * 0.05)
    return {
      level: 'soft',
      message: `The patient record's weight of ${fig(recordWeightKg)} kg looks like pounds: today's ${fig(weightKg)} kg is ${fig(weightKg * LB_PER_KG)} lb`
    }
  const differencePct = (Math.abs(weightKg - recordWeightKg) / recordWeightKg) * 100
  if (!over(differencePct, maxDifferencePct)) return null
  return {
    level: 'soft',
    message: `Weight ${fig(weightKg)} kg differs from the patient record's ${fig(recordWeightKg)} kg by ${fig(differencePct)} % (more than ${fig(maxDifferencePct)} %)`
  }
}

/** A rate in mg/kg/h against the library's rate limits for the drug and route. */
export function rateLimitProblems(mgPerKgPerHour: number, limit: DrugLimit | null): LimitProblem[] {
  if (!limit) return []
  const { softMax, hardMax } = limit.rateMgPerKgPerHour
  const rate = `${fig(mgPerKgPerHour)} mg/kg/h`
  if (hardMax !== null && over(mgPerKgPerHour, hardMax))
    return [{ level: 'hard', message: `Rate ${rate} is above the hard limit of ${fig(hardMax)} mg/kg/h for ${limit.drug} ${limit.route}` }]
  if (softMax !== null && over(mgPerKgPerHour, softMax))
    return [{ level: 'soft', message: `Rate ${rate} is above the soft limit of ${fig(softMax)} mg/kg/h for ${limit.drug} ${limit.route}` }]
  return []
}

function dosePerKgProblems(mgPerKg: number, limit: DrugLimit): LimitProblem[] {
  const { softMin, softMax, hardMax } = limit.dosePerKg
  const dose = `Dose ${fig(mgPerKg)} mg/kg`
  const what = `for ${limit.drug} ${limit.route}`
  if (hardMax !== null && over(mgPerKg, hardMax)) return [{ level: 'hard', message: `${dose} is above the hard limit of ${fig(hardMax)} mg/kg ${what}` }]
  if (softMax !== null && over(mgPerKg, softMax)) return [{ level: 'soft', message: `${dose} is above the soft limit of ${fig(softMax)} mg/kg ${what}` }]
  if (softMin !== null && under(mgPerKg, softMin)) return [{ level: 'soft', message: `${dose} is below the soft minimum of ${fig(softMin)} mg/kg ${what}` }]
  return []
}

/**
 * Everything in a session plan the library objects to: the drug and route missing from it, the
 * dose per kg, the total, the concentration, the planned rate (IV) and today's weight.
 */
export function planLimitProblems(plan: SessionPlan, limits: DoseLimits, recordWeightKg: number | null): LimitProblem[] {
  const problems: LimitProblem[] = []
  const limit = drugLimitFor(limits, plan.drug, plan.route)
  const weight = weightProblem(plan.weightKg, recordWeightKg, limits.weightDifferencePct)
  if (weight) problems.push({ ...weight, field: 'weightKg' })
  if (!limit) {
    problems.push({ level: 'soft', message: `The drug library has no limits for ${plan.drug} ${plan.route}`, field: 'drug' })
    return problems
  }
  const total = plannedTotalMg(plan)
  problems.push(...dosePerKgProblems(total / plan.weightKg, limit).map((p) => ({ ...p, field: 'plannedDose' as const })))
  if (limit.totalMgHardMax !== null && over(total, limit.totalMgHardMax))
    problems.push({ level: 'hard', field: 'plannedDose', message: `Total ${fig(total)} mg is above the hard limit of ${fig(limit.totalMgHardMax)} mg per session for ${limit.drug} ${limit.route}` })
  if (limit.maxConcentrationMgPerMl !== null && over(plan.concentrationMgPerMl, limit.maxConcentrationMgPerMl))
    problems.push({
      level: 'hard',
      field: 'concentrationMgPerMl',
      message: `Concentration ${fig(plan.concentrationMgPerMl)} mg/mL is above the hard limit of ${fig(limit.maxConcentrationMgPerMl)} mg/mL for ${limit.drug} ${limit.route}: dilute it`
    })
  if (plan.route === 'IV')
    problems.push(...rateLimitProblems(plannedRate(plan).mgPerKgPerHour, limit).map((p) => ({ ...p, message: `Planned ${p.message.charAt(0).toLowerCase()}${p.message.slice(1)}`, field: 'plannedDurationMin' as const })))
  return problems
}

export const hardProblems = (ps: readonly LimitProblem[]) => ps.filter((p) => p.level === 'hard')
export const softProblems = (ps: readonly LimitProblem[]) => ps.filter((p) => p.level === 'soft')
