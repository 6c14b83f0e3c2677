/**
 * Protocols: the clinic's settings for a kind of session (dose, observation schedule, alert limits,
 * pre-infusion checks, discharge criteria). Every threshold lives here as a setting; the shipped
 * figures come from shared/clinical/REFERENCE.md. A session keeps a copy of the version it started
 * with, so editing a protocol never changes a past session.
 */
import { z } from 'zod'
import { DRUGS, plannedDoseSchema, ROUTES } from '../record/plan'
import { VITAL_LIMITS } from '../record/vitals'
import { doseLimitsOf, doseLimitsSchema, drugLimitFor } from './doseLimits'

/** The vitals an alert limit can be set on (the plausibility ranges bound them). */
export const LIMITED_VITALS = ['systolic', 'diastolic', 'heartRate', 'spo2', 'respiratoryRate'] as const
export type LimitedVital = (typeof LIMITED_VITALS)[number]
export const RISE_VITALS = ['systolic', 'diastolic'] as const
export type RiseVital = (typeof RISE_VITALS)[number]

/**
 * The pre-infusion checks a protocol may require. Baseline vitals and scales are read from the
 * record; the others are answered in the checklist.
 */
export const CHECK_IDS = [
  'consent',
  'escort',
  'screen_hypertension',
  'screen_psychosis',
  'screen_pregnancy',
  'screen_trauma',
  'last_food_drink',
  'baseline_vitals',
  'baseline_scales'
] as const
export type CheckId = (typeof CHECK_IDS)[number]
export const CHECK_LABELS: Record<CheckId, string> = {
  consent: 'Consent confirmed',
  escort: 'Escort arranged',
  screen_hypertension: 'Screening: uncontrolled hypertension',
  screen_psychosis: 'Screening: active psychosis',
  screen_pregnancy: 'Screening: pregnancy',
  screen_trauma: 'Screening: recent trauma (PTSD patients)',
  last_food_drink: 'Last food and drink recorded',
  baseline_vitals: 'Baseline vitals recorded',
  baseline_scales: 'Baseline scale recorded'
}

const num = (label: string, min: number, max: number, integer = true) =>
  z
    .number({ error: `${label} must be a number` })
    .refine(
      (n) => Number.isFinite(n) && n >= min && n <= max && (!integer || Number.isInteger(n)),
      `${label} must be ${integer ? 'a whole number' : 'a number'} from ${min} to ${max}`
    )

const limitOf = (vital: LimitedVital) => {
  const l = VITAL_LIMITS[vital]
  const bound = (side: string) => num(`${l.label} ${side} limit`, l.min, l.max).nullable()
  return z
    .strictObject({ low: bound('low'), high: bound('high') })
    .refine((p) => p.low === null || p.high === null || p.low < p.high, {
      message: `${l.label}: the low limit must be below the high limit`,
      path: ['low']
    })
}

/**
 * Sedation limits on the MOAA/S score (0 unresponsive to 5 alert), recorded with the vitals or as
 * a scale: at or below `highAtOrBelow` a high-priority alert, else at or below `mediumAtOrBelow` a
 * medium one; null for none. Protocol versions stored before these limits existed have no
 * `sedation` key and use DEFAULT_SEDATION (sedationLimits).
 */
export const sedationLimitsSchema = z
  .strictObject({
    highAtOrBelow: num('High-priority sedation limit (MOAA/S)', 0, 5).nullable(),
    mediumAtOrBelow: num('Medium-priority sedation limit (MOAA/S)', 0, 5).nullable()
  })
  .refine((s) => s.highAtOrBelow === null || s.mediumAtOrBelow === null || s.highAtOrBelow < s.mediumAtOrBelow, {
    message: 'The medium-priority sedation limit must be above the high-priority one',
    path: ['mediumAtOrBelow']
  })
export type SedationLimits = z.infer<typeof sedationLimitsSchema>
export const DEFAULT_SEDATION: SedationLimits = { highAtOrBelow: 2, mediumAtOrBelow: 3 }

export const protocolDefinitionSchema = z
  .strictObject({
    name: z.string({ error: 'Give the protocol a name' }).trim().min(1, 'Give the protocol a name').max(200, 'Name must be at most 200 characters'),
    drug: z.enum(DRUGS, { error: 'Choose a drug' }),
    route: z.enum(ROUTES, { error: 'Choose a route' }),
    dose: plannedDoseSchema,
    durationMin: num('Duration', 1, 480),
    defaultConcentrationMgPerMl: num('Default concentration', 0.001, 100, false),
    defaultBagVolumeMl: num('Default bag volume', 0.1, 1000, false),
    vitalsIntervalMin: z.strictObject({
      infusion: num('Vitals interval during infusion', 1, 120),
      recovery: num('Vitals interval during recovery', 1, 240)
    }),
    minRecoveryMin: num('Minimum recovery', 0, 720),
    limits: z.strictObject({
      systolic: limitOf('systolic'),
      diastolic: limitOf('diastolic'),
      heartRate: limitOf('heartRate'),
      spo2: limitOf('spo2'),
      respiratoryRate: limitOf('respiratoryRate')
    }),
    /** Rise from the patient's own baseline that raises an alert, mmHg; null for none. */
    riseFromBaseline: z.strictObject({
      systolic: num('Systolic rise from baseline', 1, 200).nullable(),
      diastolic: num('Diastolic rise from baseline', 1, 150).nullable()
    }),
    /** Baseline blood pressure above which the dose needs a physician's override (EU SmPC for esketamine); null for none. */
    preDoseBp: z
      .strictObject({
        systolicMax: num('Pre-dose systolic limit', 60, 300),
        diastolicMax: num('Pre-dose diastolic limit', 30, 200),
        /** The SmPC allows older patients a higher systolic; null when the protocol makes no exception. */
        systolicMaxAged65: num('Pre-dose systolic limit from age 65', 60, 300).nullable()
      })
      .nullable(),
    requiredChecks: z.array(z.enum(CHECK_IDS, { error: 'Unknown pre-infusion check' })).max(CHECK_IDS.length),
    discharge: z.strictObject({
      minAldrete: num('Minimum Aldrete score', 0, 10),
      requireEscort: z.boolean({ error: 'Say whether an escort is required' }),
      requireNoDrivingAdvice: z.boolean({ error: 'Say whether no-driving advice is required' }),
      /** Esketamine (Spravato) REMS monitoring form fields at discharge. */
      rems: z.boolean({ error: 'Say whether the REMS monitoring form applies' })
    }),
    /** The drug library; absent in versions saved before it existed, which read with the shipped defaults. */
    doseLimits: doseLimitsSchema.optional(),
    /** Absent in versions stored before sedation alerts: read as DEFAULT_SEDATION. */
    sedation: sedationLimitsSchema.optional()
  })
  .superRefine((p, ctx) => {
    // The new-session form takes a fixed mg for esketamine and mg/kg otherwise: keep the protocol consistent with it.
    const wantKind = p.drug === 'esketamine' ? 'mg' : 'mg/kg'
    if (p.dose.kind !== wantKind)
      ctx.addIssue({ code: 'custom', message: `A ${p.drug} dose is given in ${wantKind}`, path: ['dose', 'kind'] })
    if (new Set(p.requiredChecks).size !== p.requiredChecks.length)
      ctx.addIssue({ code: 'custom', message: 'A check is listed twice', path: ['requiredChecks'] })
    // The protocol's own dose must be one its drug library allows, or every session on it would be refused.
    const library = drugLimitFor(doseLimitsOf(p), p.drug, p.route)
    const hardMax = p.dose.kind === 'mg/kg' ? library?.dosePerKg.hardMax : library?.totalMgHardMax
    if (hardMax !== null && hardMax !== undefined && p.dose.value > hardMax)
      ctx.addIssue({ code: 'custom', message: `The dose is above the drug library's hard limit of ${hardMax} ${p.dose.kind}`, path: ['dose', 'value'] })
    if (p.defaultConcentrationMgPerMl * p.defaultBagVolumeMl + 1e-9 < (p.dose.kind === 'mg' ? p.dose.value : 0))
      ctx.addIssue({ code: 'custom', message: 'The default bag holds less than the fixed dose', path: ['defaultBagVolumeMl'] })
  })
export type ProtocolDefinition = z.infer<typeof protocolDefinitionSchema>

/** One stored version of a protocol. Versions are never changed: an edit is a new version. */
export interface ProtocolVersion {
  /** This version's row id: what a session's protocol_id points at. */
  id: number
  /** The id of the protocol's first version: the same for every version of one protocol. */
  lineageId: number
  version: number
  definition: ProtocolDefinition
  retired: boolean
  changeReason: string | null
  createdBy: number | null
  createdAt: number
}

/** What a session keeps: the protocol version it started with, copied whole. */
export interface ProtocolSnapshot {
  id: number
  lineageId: number
  version: number
  definition: ProtocolDefinition
}

/**
 * Limits used for a session that has no protocol (sessions opened before protocols existed):
 * REFERENCE.md's defaults, so such a session still gets alerts. It gets no pre-infusion gate.
 */
export const REFERENCE_SAFETY: Pick<ProtocolDefinition, 'vitalsIntervalMin' | 'minRecoveryMin' | 'limits' | 'riseFromBaseline' | 'preDoseBp' | 'requiredChecks' | 'discharge' | 'sedation'> = {
  vitalsIntervalMin: { infusion: 10, recovery: 15 },
  minRecoveryMin: 60,
  limits: {
    systolic: { low: 90, high: 180 },
    diastolic: { low: null, high: 110 },
    heartRate: { low: 50, high: 120 },
    spo2: { low: 92, high: null },
    respiratoryRate: { low: 10, high: 25 }
  },
  riseFromBaseline: { systolic: 40, diastolic: 25 },
  preDoseBp: null,
  requiredChecks: [],
  discharge: { minAldrete: 9, requireEscort: true, requireNoDrivingAdvice: true, rems: false },
  sedation: DEFAULT_SEDATION
}

export type SafetySettings = typeof REFERENCE_SAFETY

/** The settings that drive alerts, checks and discharge for a session. */
export function safetyOf(protocol: ProtocolSnapshot | null): SafetySettings {
  return protocol ? protocol.definition : REFERENCE_SAFETY
}

/** The session's sedation limits: the protocol's, or the defaults for a version stored without them. */
export const sedationLimits = (safety: SafetySettings): SedationLimits => safety.sedation ?? DEFAULT_SEDATION

/** Whole years of age on the local date of `at` (date of birth as YYYY-MM-DD). */
export function ageInYears(dateOfBirth: string, at: number): number {
  const [y, m, d] = dateOfBirth.split('-').map(Number) as [number, number, number]
  const now = new Date(at)
  let age = now.getFullYear() - y
  if (now.getMonth() + 1 < m || (now.getMonth() + 1 === m && now.getDate() < d)) age -= 1
  return age
}
