import { z } from 'zod'
import { RATE_UNITS, convertMgPerHour, type RateTriple } from './infusion'

export const ROUTES = ['IV', 'IM', 'intranasal', 'oral/sublingual'] as const
export type Route = (typeof ROUTES)[number]
export const DRUGS = ['racemic ketamine', 'esketamine'] as const
export type Drug = (typeof DRUGS)[number]

const positive = (label: string, max: number, unit: string) =>
  z
    .number({ error: `${label} must be a number` })
    .refine((n) => n > 0 && n <= max, `${label} must be more than 0 and at most ${max} ${unit}`)

/** Weight limits match the patient record: adults and adolescents seen in these clinics. */
export const WEIGHT_MIN_KG = 20
export const WEIGHT_MAX_KG = 350
export const weightKgSchema = z
  .number({ error: 'Weight must be a number' })
  .refine((n) => n >= WEIGHT_MIN_KG && n <= WEIGHT_MAX_KG, `Weight must be from ${WEIGHT_MIN_KG} to ${WEIGHT_MAX_KG} kg`)

export const plannedDoseSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('mg/kg'), value: positive('Planned dose', 5, 'mg/kg') }),
  z.strictObject({ kind: z.literal('mg'), value: positive('Planned dose', 500, 'mg') })
])
export type PlannedDose = z.infer<typeof plannedDoseSchema>

export const sessionPlanSchema = z.strictObject({
  weightKg: weightKgSchema,
  route: z.enum(ROUTES, { error: 'Choose a route' }),
  drug: z.enum(DRUGS, { error: 'Choose a drug' }),
  concentrationMgPerMl: positive('Concentration', 100, 'mg/mL'),
  bagVolumeMl: positive('Bag volume', 1000, 'mL'),
  plannedDose: plannedDoseSchema,
  plannedDurationMin: positive('Planned duration', 480, 'min')
})
export type SessionPlan = z.infer<typeof sessionPlanSchema>

export function plannedTotalMg(plan: Pick<SessionPlan, 'weightKg' | 'plannedDose'>): number {
  return plan.plannedDose.kind === 'mg/kg' ? plan.plannedDose.value * plan.weightKg : plan.plannedDose.value
}

export function bagContentMg(plan: Pick<SessionPlan, 'concentrationMgPerMl' | 'bagVolumeMl'>): number {
  return plan.concentrationMgPerMl * plan.bagVolumeMl
}

/** The constant rate that delivers the planned total over the planned duration. */
export function plannedRate(plan: SessionPlan): RateTriple {
  const mgPerHour = plannedTotalMg(plan) / (plan.plannedDurationMin / 60)
  return convertMgPerHour(mgPerHour, plan)
}

/** Cross-field checks a schema cannot express; returns the first problem, with its field. */
export function planProblem(plan: SessionPlan): { field: string; message: string } | null {
  const total = plannedTotalMg(plan)
  const bag = bagContentMg(plan)
  if (total > bag + 1e-9) {
    return {
      field: 'bagVolumeMl',
      message: `The bag holds ${bag.toFixed(1)} mg, less than the planned total of ${total.toFixed(1)} mg`
    }
  }
  return null
}

/** A rate this many times the planned rate is taken for a typing error, not a clinical decision. */
export const ABSURD_RATE_FACTOR = 10

/** Why a proposed rate cannot be right for this plan, or null. */
export function absurdRateProblem(mgPerHour: number, plan: SessionPlan): string | null {
  const limit = plannedRate(plan).mgPerHour * ABSURD_RATE_FACTOR
  // Relative tolerance: exactly ten times, entered in any unit, must not be refused for a rounding error.
  if (mgPerHour <= limit * (1 + 1e-9)) return null
  return `Rate is more than ${ABSURD_RATE_FACTOR} times the planned rate (${mgPerHour.toFixed(1)} mg/h; the limit is ${limit.toFixed(1)} mg/h)`
}

export { RATE_UNITS }
