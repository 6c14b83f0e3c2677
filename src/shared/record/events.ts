import { z } from 'zod'
import { RATE_UNITS } from './infusion'
import { VITAL_LIMITS, vitalRangeMessage, type VitalName } from './vitals'
import { scalePayloadSchema } from './scales'
import { limitOverrideSchema } from './limitOverride'
import { alertAckSchema, checklistSchema, dischargePayloadSchema, overrideSchema } from './safetyPayloads'

/** The kinds of entry in a session record. One name each, used by UI, code and database alike. */
export const CLINICAL_TYPES = [
  'infusion_started',
  'rate_changed',
  'infusion_paused',
  'infusion_resumed',
  'infusion_stopped',
  'session_ended',
  'vitals',
  'note',
  // Clinical safety (protocols, checks, alerts, scales, discharge)
  'checklist',
  'scale',
  'alert_acknowledged',
  'discharge'
] as const
export type ClinicalType = (typeof CLINICAL_TYPES)[number]
export const AMENDMENT_TYPES = ['correction', 'entered_in_error'] as const
export type AmendmentType = (typeof AMENDMENT_TYPES)[number]
/** Written by the app itself, not entered by anyone: see clockJump.ts. */
export const SYSTEM_TYPES = ['clock_jump'] as const
export type SystemType = (typeof SYSTEM_TYPES)[number]
export type EventType = ClinicalType | AmendmentType | SystemType

export const MAX_TEXT = 5000
export const MAX_REASON = 1000

/** Rates are never zero or negative: stopping delivery is what Pause and Stop are for. */
export const rateSchema = z.strictObject({
  value: z
    .number({ error: 'Rate must be a number' })
    .refine((n) => n > 0, 'Rate must be more than 0')
    .refine((n) => n <= 10_000, 'Rate is not plausible'),
  unit: z.enum(RATE_UNITS, { error: 'Choose a rate unit' })
})

const reasonSchema = z
  .string({ error: 'Give a reason' })
  .trim()
  .min(1, 'Give a reason')
  .max(MAX_REASON, `Reason must be at most ${MAX_REASON} characters`)

const vital = (name: VitalName) => {
  const l = VITAL_LIMITS[name]
  return z
    .number({ error: `${l.label} must be a number` })
    .refine((n) => n >= l.min && n <= l.max && (!l.integer || Number.isInteger(n)), vitalRangeMessage(name))
}

const vitalsShape = z.strictObject({
  systolic: vital('systolic'),
  diastolic: vital('diastolic'),
  heartRate: vital('heartRate'),
  spo2: vital('spo2'),
  respiratoryRate: vital('respiratoryRate'),
  temperature: vital('temperature').optional(),
  sedation: vital('sedation').optional()
})
// Not strict: it is run on the whole payload, whose other fields must not make it fail.
const bloodPressure = z.object({ systolic: vitalsShape.shape.systolic, diastolic: vitalsShape.shape.diastolic })

export const vitalsPayloadSchema = vitalsShape.refine((v) => v.diastolic < v.systolic, {
  message: 'Diastolic must be below systolic',
  path: ['diastolic'],
  // Checked as soon as both pressures are valid, even while another field is wrong, so the nurse sees every problem at once.
  when: (payload) => bloodPressure.safeParse(payload.value).success
})

export const NOTE_TYPES = ['subjective_report', 'observation', 'adverse_event', 'medication_given', 'other'] as const
export type NoteType = (typeof NOTE_TYPES)[number]
export const NOTE_TYPE_LABELS: Record<NoteType, string> = {
  subjective_report: 'Subjective report',
  observation: 'Observation',
  adverse_event: 'Adverse event',
  medication_given: 'Medication given',
  other: 'Other'
}
export const INTENSITY_OF = ['anxiety', 'dissociation', 'distress', 'nausea', 'pain', 'other'] as const
export const DOSE_UNITS = ['mg', 'mcg', 'g', 'mL', 'units'] as const
export const MED_ROUTES = ['IV', 'IM', 'PO', 'SL', 'intranasal', 'SC', 'inhaled', 'topical'] as const

export const medicationSchema = z.strictObject({
  drug: z.string({ error: 'Name the drug' }).trim().min(1, 'Name the drug').max(200, 'Drug name is too long'),
  dose: z
    .number({ error: 'Dose must be a number' })
    .refine((n) => n > 0 && n <= 100_000, 'Dose must be more than 0'),
  unit: z.enum(DOSE_UNITS, { error: 'Choose a dose unit' }),
  route: z.enum(MED_ROUTES, { error: 'Choose a route' })
})

export const notePayloadSchema = z
  .strictObject({
    noteType: z.enum(NOTE_TYPES, { error: 'Choose a note type' }),
    text: z.string({ error: 'Write the note' }).max(MAX_TEXT, `Note must be at most ${MAX_TEXT} characters`),
    intensity: z
      .number({ error: 'Intensity must be a number' })
      .refine((n) => Number.isInteger(n) && n >= 0 && n <= 10, 'Intensity must be a whole number from 0 to 10')
      .optional(),
    intensityOf: z.enum(INTENSITY_OF, { error: 'Choose what the intensity rates' }).optional(),
    medication: medicationSchema.optional()
  })
  .superRefine((n, ctx) => {
    if (n.noteType === 'medication_given') {
      if (!n.medication) ctx.addIssue({ code: 'custom', message: 'Give the drug, dose, unit and route', path: ['medication'] })
    } else if (n.medication) {
      ctx.addIssue({ code: 'custom', message: 'Only a "Medication given" note carries a medication', path: ['medication'] })
    } else if (n.text.trim() === '') {
      ctx.addIssue({ code: 'custom', message: 'Write the note', path: ['text'] })
    }
    if (n.intensity !== undefined && n.noteType !== 'subjective_report')
      ctx.addIssue({ code: 'custom', message: 'Only subjective reports carry an intensity', path: ['intensity'] })
    if ((n.intensity === undefined) !== (n.intensityOf === undefined))
      ctx.addIssue({ code: 'custom', message: 'Give both the intensity and what it rates', path: ['intensity'] })
  })

/** What a user submits for each clinical entry: its type and its payload. */
export const entryInputSchema = z.discriminatedUnion('type', [
  // A start with pre-infusion checks unmet carries the physician's override with it.
  // A rate over a soft limit of the drug library carries the physician's confirmation, filled in by the service.
  z.strictObject({
    type: z.literal('infusion_started'),
    rate: rateSchema,
    override: overrideSchema.optional(),
    limitOverride: limitOverrideSchema.optional()
  }),
  z.strictObject({ type: z.literal('rate_changed'), rate: rateSchema, limitOverride: limitOverrideSchema.optional() }),
  z.strictObject({ type: z.literal('infusion_paused'), reason: reasonSchema }),
  z.strictObject({ type: z.literal('infusion_resumed') }),
  z.strictObject({ type: z.literal('infusion_stopped') }),
  // An end before the patient was discharged carries a physician's override with it.
  z.strictObject({ type: z.literal('session_ended'), override: overrideSchema.optional() }),
  z.strictObject({ type: z.literal('vitals'), vitals: vitalsPayloadSchema }),
  z.strictObject({ type: z.literal('note'), note: notePayloadSchema }),
  // Clinical safety
  z.strictObject({ type: z.literal('checklist'), checklist: checklistSchema }),
  z.strictObject({ type: z.literal('scale'), scale: scalePayloadSchema }),
  z.strictObject({ type: z.literal('alert_acknowledged'), ack: alertAckSchema }),
  z.strictObject({ type: z.literal('discharge'), discharge: dischargePayloadSchema })
])
export type EntryInput = z.infer<typeof entryInputSchema>
export type VitalsPayload = z.infer<typeof vitalsPayloadSchema>
export type NotePayload = z.infer<typeof notePayloadSchema>
export { reasonSchema }

/** The payload stored for a correction: the replacement entry, and its clinical time if that changed. */
export interface CorrectionPayload {
  entry: EntryInput
  occurredAt: number
}

/**
 * Where an entry came from. A device never pretends to be a person: its values carry the
 * device's own provenance, and a person who validates them into the record is the author.
 */
export const SOURCE_KINDS = ['staff', 'device', 'system'] as const
export type SourceKind = (typeof SOURCE_KINDS)[number]
/** What a device says about itself and the feed its values arrived by, stored as given. */
export type DeviceProvenance = Readonly<Record<string, unknown>>
export type EntrySource = { kind: 'staff' } | { kind: 'device'; device: DeviceProvenance } | { kind: 'system' }

/** One row of the append-only `events` table, as the services return it. */
export interface SessionEvent {
  id: number
  sessionId: number
  seq: number
  type: EventType
  occurredAt: number
  recordedAt: number
  /** The staff member who entered it; for the app's own notes, the one whose entry it was writing when it noticed. */
  authorId: number
  source: EntrySource
  /** For clinical types the EntryInput (without type); for corrections a CorrectionPayload; {} for entered in error; a ClockJumpPayload for clock_jump. */
  payload: unknown
  amendsEventId: number | null
  reason: string | null
}

export function isClinical(type: EventType): type is ClinicalType {
  return (CLINICAL_TYPES as readonly string[]).includes(type)
}

/** Rebuilds the EntryInput of a stored clinical event. */
export function entryOf(e: SessionEvent): EntryInput {
  return { type: e.type, ...(e.payload as object) } as EntryInput
}
