/**
 * Payloads of the safety entries (pre-infusion checklist, physician override, alert
 * acknowledgement, discharge). Kept apart from their logic so events.ts can use them without an
 * import cycle.
 */
import { z } from 'zod'
import { VITAL_LIMITS } from './vitals'

export const MAX_OVERRIDE_REASON = 1000

/**
 * A physician's decision to go ahead although checks are not met. The service fills in `problems`
 * (what was overridden) from the record; what a client sends there is replaced.
 */
export const overrideSchema = z.strictObject({
  reason: z
    .string({ error: 'Give a reason for the override' })
    .trim()
    .min(1, 'Give a reason for the override')
    .max(MAX_OVERRIDE_REASON, `Reason must be at most ${MAX_OVERRIDE_REASON} characters`),
  problems: z.array(z.string().max(500)).max(50).optional()
})
export type Override = z.infer<typeof overrideSchema>

export const YES_NO = ['yes', 'no'] as const
export const PREGNANCY_ANSWERS = ['yes', 'no', 'not_applicable'] as const

/** The answered part of the pre-infusion checks. An unanswered question is simply absent. */
export const checklistSchema = z.strictObject({
  consent: z.boolean({ error: 'Say whether consent is confirmed' }),
  escort: z.boolean({ error: 'Say whether an escort is arranged' }),
  screening: z.strictObject({
    hypertension: z.enum(YES_NO, { error: 'Answer yes or no' }).optional(),
    psychosis: z.enum(YES_NO, { error: 'Answer yes or no' }).optional(),
    pregnancy: z.enum(PREGNANCY_ANSWERS, { error: 'Answer yes, no or not applicable' }).optional(),
    trauma: z.enum(YES_NO, { error: 'Answer yes or no' }).optional()
  }),
  lastFoodDrink: z.string({ error: 'Last food and drink must be text' }).trim().max(500, 'Last food and drink must be at most 500 characters')
})
export type Checklist = z.infer<typeof checklistSchema>

export const ALERT_RESPONSES = ['continue', 'pause_infusion', 'stop_infusion', 'treat', 'recheck_vitals'] as const
export type AlertResponse = (typeof ALERT_RESPONSES)[number]
export const ALERT_RESPONSE_LABELS: Record<AlertResponse, string> = {
  continue: 'Continue',
  pause_infusion: 'Pause infusion',
  stop_infusion: 'Stop infusion',
  treat: 'Treat',
  recheck_vitals: 'Recheck vitals'
}

export const ALERT_RULES = ['vital_limit', 'baseline_rise', 'vitals_overdue', 'dose_reached', 'duration_exceeded', 'phq9_self_harm', 'sedation'] as const
export type AlertRule = (typeof ALERT_RULES)[number]

export const alertAckSchema = z.strictObject({
  alertKey: z.string({ error: 'Choose an alert' }).min(1, 'Choose an alert').max(200, 'Unknown alert'),
  rule: z.enum(ALERT_RULES, { error: 'Unknown alert' }),
  /** The alert as it read when acknowledged, so the record says what was seen. */
  message: z.string().max(500),
  /** The value the alert was raised by (a reading, a rise), when it was: the acknowledgement covers that value only. */
  value: z.number().finite().optional(),
  response: z.enum(ALERT_RESPONSES, { error: 'Choose a response' }),
  note: z.string().trim().max(1000, 'Note must be at most 1000 characters').optional()
})
export type AlertAck = z.infer<typeof alertAckSchema>

const aldreteItem = (label: string) =>
  z.number({ error: `Score ${label}` }).refine((n): boolean => n === 0 || n === 1 || n === 2, `${label} must be scored 0, 1 or 2`)

export const ALDRETE_ITEMS = ['activity', 'respiration', 'circulation', 'consciousness', 'oxygenSaturation'] as const
export type AldreteItem = (typeof ALDRETE_ITEMS)[number]
export const ALDRETE_LABELS: Record<AldreteItem, string> = {
  activity: 'Activity',
  respiration: 'Respiration',
  circulation: 'Circulation',
  consciousness: 'Consciousness',
  oxygenSaturation: 'Oxygen saturation'
}
/** Modified Aldrete anchors (Aldrete 1995), score 0, 1, 2. */
export const ALDRETE_ANCHORS: Record<AldreteItem, readonly [string, string, string]> = {
  activity: ['Moves no extremities', 'Moves 2 extremities', 'Moves 4 extremities'],
  respiration: ['Apnoeic', 'Dyspnoea or limited breathing', 'Breathes deeply and coughs freely'],
  circulation: ['BP ±50% of pre-session level', 'BP ±20–50% of pre-session level', 'BP ±20% of pre-session level'],
  consciousness: ['Not responding', 'Arousable on calling', 'Fully awake'],
  oxygenSaturation: ['SpO2 < 90% even with oxygen', 'Needs oxygen to keep SpO2 > 90%', 'SpO2 > 92% on room air']
}

const bp = (label: string) =>
  z
    .strictObject({
      systolic: z
        .number({ error: `${label} systolic must be a number` })
        .refine((n) => Number.isInteger(n) && n >= VITAL_LIMITS.systolic.min && n <= VITAL_LIMITS.systolic.max, `${label} systolic must be a whole number from 40 to 300`),
      diastolic: z
        .number({ error: `${label} diastolic must be a number` })
        .refine((n) => Number.isInteger(n) && n >= VITAL_LIMITS.diastolic.min && n <= VITAL_LIMITS.diastolic.max, `${label} diastolic must be a whole number from 20 to 200`)
    })
    .refine((v) => v.diastolic < v.systolic, { message: `${label}: diastolic must be below systolic`, path: ['diastolic'] })

/** The esketamine (Spravato) REMS patient monitoring form fields. */
export const remsSchema = z.strictObject({
  bpBeforeDosing: bp('BP before dosing'),
  bpAt40Min: bp('BP at 40 min'),
  bpBeforeCompletion: bp('BP before completion'),
  sedationResolved: z.boolean({ error: 'Say whether sedation has resolved' }),
  dissociationResolved: z.boolean({ error: 'Say whether dissociation has resolved' }),
  totalMonitoringMin: z
    .number({ error: 'Total monitoring minutes must be a number' })
    .refine((n) => Number.isInteger(n) && n >= 0 && n <= 1440, 'Total monitoring minutes must be a whole number from 0 to 1440'),
  /** When the patient would have been ready to leave without the 2-hour rule (epoch ms). */
  readyToLeaveAt: z.number({ error: 'Give the time the patient would have been ready to leave' }).int().min(0).max(8.64e15)
})
export type Rems = z.infer<typeof remsSchema>

export const dischargeAssessmentSchema = z.strictObject({
  aldrete: z.strictObject({
    activity: aldreteItem('Activity'),
    respiration: aldreteItem('Respiration'),
    circulation: aldreteItem('Circulation'),
    consciousness: aldreteItem('Consciousness'),
    oxygenSaturation: aldreteItem('Oxygen saturation')
  }),
  escortPresent: z.boolean({ error: 'Say whether the escort is present' }),
  noDrivingAdviceGiven: z.boolean({ error: 'Say whether no-driving advice was given' }),
  patientReport: z
    .string({ error: "Write the patient's own report" })
    .trim()
    .min(1, "Write the patient's own report")
    .max(2000, "The patient's report must be at most 2000 characters"),
  rems: remsSchema.optional()
})
export type DischargeAssessment = z.infer<typeof dischargeAssessmentSchema>

export const dischargePayloadSchema = dischargeAssessmentSchema.extend({ override: overrideSchema.optional() })
export type DischargePayload = z.infer<typeof dischargePayloadSchema>

export function aldreteTotal(a: DischargeAssessment['aldrete']): number {
  return ALDRETE_ITEMS.reduce((sum, k) => sum + a[k], 0)
}
