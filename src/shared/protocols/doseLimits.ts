/**
 * The protocol's drug library: per drug and route, the dose, rate, total and concentration limits
 * a dose decision is checked against, like a smart pump's dose-error reduction library. A soft
 * limit needs a physician's confirmation with a reason; a hard limit refuses.
 */
import { z } from 'zod'
import { DRUGS, ROUTES, type Drug, type Route } from '../record/plan'

const limit = (label: string, max: number) =>
  z
    .number({ error: `${label} must be a number` })
    .refine((n) => Number.isFinite(n) && n > 0 && n <= max, `${label} must be more than 0 and at most ${max}`)
    .nullable()

export const drugLimitSchema = z
  .strictObject({
    drug: z.enum(DRUGS, { error: 'Choose a drug' }),
    route: z.enum(ROUTES, { error: 'Choose a route' }),
    /** mg/kg for the session; null where the dose is not weight-based (esketamine devices). */
    dosePerKg: z.strictObject({
      softMin: limit('Lowest dose before a confirmation (mg/kg)', 10),
      softMax: limit('Highest dose before a confirmation (mg/kg)', 10),
      hardMax: limit('Highest dose allowed (mg/kg)', 10)
    }),
    /** mg/kg/h; null for routes without a rate. */
    rateMgPerKgPerHour: z.strictObject({
      softMax: limit('Highest rate before a confirmation (mg/kg/h)', 100),
      hardMax: limit('Highest rate allowed (mg/kg/h)', 100)
    }),
    totalMgHardMax: limit('Highest total per session (mg)', 1000),
    maxConcentrationMgPerMl: limit('Highest concentration (mg/mL)', 100)
  })
  .superRefine((l, ctx) => {
    const d = l.dosePerKg
    if (d.softMin !== null && d.softMax !== null && d.softMin >= d.softMax)
      ctx.addIssue({ code: 'custom', message: 'The lowest dose must be below the highest dose before a confirmation', path: ['dosePerKg', 'softMin'] })
    if (d.softMax !== null && d.hardMax !== null && d.softMax > d.hardMax)
      ctx.addIssue({ code: 'custom', message: 'The dose before a confirmation cannot be above the dose allowed', path: ['dosePerKg', 'softMax'] })
    const r = l.rateMgPerKgPerHour
    if (r.softMax !== null && r.hardMax !== null && r.softMax > r.hardMax)
      ctx.addIssue({ code: 'custom', message: 'The rate before a confirmation cannot be above the rate allowed', path: ['rateMgPerKgPerHour', 'softMax'] })
  })
export type DrugLimit = z.infer<typeof drugLimitSchema>

export const doseLimitsSchema = z
  .strictObject({
    drugs: z.array(drugLimitSchema).max(DRUGS.length * ROUTES.length),
    /** Today's weight differing from the patient record's by more than this needs a confirmation. */
    weightDifferencePct: z
      .number({ error: 'Weight difference must be a number' })
      .refine((n) => Number.isFinite(n) && n >= 1 && n <= 50, 'Weight difference must be from 1 to 50 %')
  })
  .superRefine((l, ctx) => {
    const seen = new Set<string>()
    l.drugs.forEach((d, i) => {
      const key = `${d.drug} ${d.route}`
      if (seen.has(key)) ctx.addIssue({ code: 'custom', message: `${d.drug} ${d.route} is listed twice`, path: ['drugs', i, 'route'] })
      seen.add(key)
    })
  })
export type DoseLimits = z.infer<typeof doseLimitsSchema>

/**
 * Shipped defaults, for a clinic to set: the standard IV dose is 0.5 mg/kg over 40 min = 0.75 mg/kg/h
 * (REFERENCE.md), so twice that asks for a physician and four times is refused; ketamine 100 mg/mL
 * must be diluted before IV use (drug label); esketamine is given as 28 mg devices up to 84 mg (label).
 */
export const DEFAULT_DOSE_LIMITS: DoseLimits = {
  drugs: [
    {
      drug: 'racemic ketamine',
      route: 'IV',
      dosePerKg: { softMin: 0.1, softMax: 1, hardMax: 2 },
      rateMgPerKgPerHour: { softMax: 1.5, hardMax: 3 },
      totalMgHardMax: 200,
      maxConcentrationMgPerMl: 10
    },
    {
      drug: 'racemic ketamine',
      route: 'IM',
      dosePerKg: { softMin: 0.1, softMax: 1, hardMax: 2 },
      rateMgPerKgPerHour: { softMax: null, hardMax: null },
      totalMgHardMax: 200,
      maxConcentrationMgPerMl: 100
    },
    {
      drug: 'esketamine',
      route: 'intranasal',
      dosePerKg: { softMin: null, softMax: null, hardMax: null },
      rateMgPerKgPerHour: { softMax: null, hardMax: null },
      totalMgHardMax: 84,
      maxConcentrationMgPerMl: null
    }
  ],
  weightDifferencePct: 10
}

/** A protocol saved before it had a library reads with the shipped defaults. */
export function doseLimitsOf(definition: { doseLimits?: DoseLimits | undefined } | null | undefined): DoseLimits {
  return definition?.doseLimits ?? DEFAULT_DOSE_LIMITS
}

export function drugLimitFor(limits: DoseLimits, drug: Drug, route: Route): DrugLimit | null {
  return limits.drugs.find((d) => d.drug === drug && d.route === route) ?? null
}
