/**
 * The Spravato (intranasal esketamine) REMS Patient Monitoring Form, filled from the session
 * record (fields as in shared/clinical/REFERENCE.md). What the record does not hold is flagged
 * as missing, never guessed: a yes/no judgement, a lot number or a site name has to be given.
 *
 * Dosing time: the session's "Start infusion" entry, which for an intranasal session marks the
 * first device given. Other features (pre-infusion checks, discharge) can supply the fields the
 * console does not record yet through RemsExtras.
 */
import type { Staff } from './people'
import { plannedTotalMg, type SessionPlan } from './plan'
import { liveEntries, type EffectiveEntry } from './record'
import type { SessionRecord } from './session'
import type { Vitals } from './vitals'

export const REMS_MIN_MONITORING_MIN = 120
/** BP "at 40 minutes": the reading nearest 40 min after dosing, taken between 30 and 50 min. */
export const REMS_BP_40_WINDOW_MIN = [30, 50] as const

export const CONCOMITANT_CLASSES = ['benzodiazepines', 'non-benzodiazepine hypnotics', 'psychostimulants', 'MAOIs'] as const
export type ConcomitantClass = (typeof CONCOMITANT_CLASSES)[number]

/** Fields the session record does not hold (yet); any given here fill the form. */
export interface RemsExtras {
  siteName?: string
  lotNumber?: string
  concomitant?: Partial<Record<ConcomitantClass, boolean>>
  vitalsAcceptableBeforeDosing?: boolean
  vitalsAcceptableBeforeCompletion?: boolean
  /** When the patient would have been ready to leave without the 2-hour rule. */
  readyToLeaveAt?: number
}

export interface RemsField {
  id: string
  label: string
  /** The value as it goes on the form, or null when the record does not have it. */
  value: string | null
  missing: boolean
  /** Where the value came from, or what is needed to fill it. */
  note: string
}

export interface RemsForm {
  fields: RemsField[]
  missing: number
  /** Monitoring shorter than the 2 hours the REMS requires (null while it cannot be told). */
  monitoringShort: boolean | null
}

export function isRemsSession(plan: Pick<SessionPlan, 'drug' | 'route'>): boolean {
  return plan.drug === 'esketamine' && plan.route === 'intranasal'
}

const hhmm = (ms: number) => {
  const d = new Date(ms)
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`
}
const localDay = (ms: number) => {
  const d = new Date(ms)
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`
}
const yesNo = (b: boolean) => (b ? 'Yes' : 'No')
const bp = (v: { at: number; vitals: Vitals }) => `${v.vitals.systolic}/${v.vitals.diastolic} mmHg at ${hhmm(v.at)}`

function field(id: string, label: string, value: string | null | undefined, note: string, missingNote: string): RemsField {
  const has = value !== null && value !== undefined && value.trim() !== ''
  return { id, label, value: has ? value : null, missing: !has, note: has ? note : missingNote }
}

/** The form for an intranasal esketamine session, or null for any other session. */
export function remsMonitoringForm(args: {
  record: SessionRecord
  staff: readonly Staff[]
  entries: readonly EffectiveEntry[]
  extras?: RemsExtras | undefined
}): RemsForm | null {
  const { record, staff, entries } = args
  const plan = record.session.plan
  if (!isRemsSession(plan)) return null
  const extras = args.extras ?? {}
  const live = liveEntries(entries)
  const dosing = live.find((e) => e.entry.type === 'infusion_started')?.occurredAt ?? null
  const end = live.find((e) => e.entry.type === 'session_ended')?.occurredAt ?? null
  const vitals = live.flatMap((e) => (e.entry.type === 'vitals' ? [{ at: e.occurredAt, vitals: e.entry.vitals }] : []))
  const physician = staff.find((s) => s.id === record.session.team.physicianId)

  const beforeDosing = dosing === null ? undefined : vitals.filter((v) => v.at <= dosing).at(-1)
  let at40: { at: number; vitals: Vitals } | undefined
  if (dosing !== null) {
    const [lo, hi] = REMS_BP_40_WINDOW_MIN
    const target = dosing + 40 * 60_000
    for (const v of vitals) {
      const min = (v.at - dosing) / 60_000
      if (min < lo || min > hi) continue
      if (!at40 || Math.abs(v.at - target) < Math.abs(at40.at - target)) at40 = v
    }
  }
  const beforeCompletion = end === null ? undefined : vitals.filter((v) => v.at <= end && (dosing === null || v.at > dosing)).at(-1)

  const sedationScores = vitals.flatMap((v) => (v.vitals.sedation === undefined ? [] : [v.vitals.sedation]))
  const dissociation = live.flatMap((e) =>
    e.entry.type === 'note' && e.entry.note.intensityOf === 'dissociation' && e.entry.note.intensity !== undefined ? [e.entry.note.intensity] : []
  )
  const monitoringMin = dosing !== null && end !== null ? Math.floor((end - dosing) / 60_000) : null
  const dose = plannedTotalMg(plan)
  const doseText = dose === 56 || dose === 84 ? `${dose} mg` : `Other: ${dose} mg`

  const concomitant = CONCOMITANT_CLASSES.map((c) => {
    const v = extras.concomitant?.[c]
    return field(`concomitant-${c}`, `Concomitant ${c}`, v === undefined ? null : yesNo(v), 'Given by the clinician', 'Ask and record: not in the session record')
  })

  const fields: RemsField[] = [
    field('patient', 'Patient', `${record.patient.fullName} (${record.patient.patientCode}), born ${record.patient.dateOfBirth}`, 'Patient record', 'Patient record is incomplete'),
    field('prescriber', 'Prescriber', physician?.name, 'Session physician', 'No physician on the session'),
    field('site', 'Healthcare setting (site)', extras.siteName, 'Clinic setting', 'Enter the REMS-certified site name'),
    field('date', 'Date of treatment', dosing === null ? null : localDay(dosing), 'Time of the first dose', 'No dose recorded (Start infusion)'),
    field('dose', 'Dose', doseText, 'Planned dose of the session', 'No planned dose'),
    field('lot', 'Lot number', extras.lotNumber, 'Given by the clinician', 'Record the device lot number'),
    ...concomitant,
    field(
      'vitals-ok-before',
      'Vital signs acceptable before dosing',
      extras.vitalsAcceptableBeforeDosing === undefined ? null : yesNo(extras.vitalsAcceptableBeforeDosing),
      'Clinician judgement',
      'A clinician must judge this (yes/no)'
    ),
    field('bp-before', 'Blood pressure before dosing', beforeDosing ? bp(beforeDosing) : null, 'Last vitals before the first dose', 'No vitals recorded before the first dose'),
    field(
      'bp-40',
      'Blood pressure about 40 minutes after dosing',
      at40 ? bp(at40) : null,
      'Reading nearest 40 min after the first dose',
      `No vitals between ${REMS_BP_40_WINDOW_MIN[0]} and ${REMS_BP_40_WINDOW_MIN[1]} min after the first dose`
    ),
    field('bp-end', 'Blood pressure before completion of monitoring', beforeCompletion ? bp(beforeCompletion) : null, 'Last vitals before the session ended', end === null ? 'The session has not ended' : 'No vitals after the first dose'),
    field(
      'vitals-ok-end',
      'Vital signs acceptable before completion',
      extras.vitalsAcceptableBeforeCompletion === undefined ? null : yesNo(extras.vitalsAcceptableBeforeCompletion),
      'Clinician judgement',
      'A clinician must judge this (yes/no)'
    ),
    field(
      'sedation',
      'Sedation observed',
      sedationScores.length === 0 ? null : `${yesNo(sedationScores.some((s) => s < 5))} (lowest MOAA/S ${Math.min(...sedationScores)})`,
      'MOAA/S scores in the vitals',
      'No MOAA/S score recorded'
    ),
    field(
      'dissociation',
      'Dissociation observed',
      dissociation.length === 0 ? null : `${yesNo(dissociation.some((d) => d > 0))} (highest reported ${Math.max(...dissociation)}/10)`,
      'Subjective reports of dissociation',
      'No dissociation rating recorded'
    ),
    field('monitoring', 'Total monitoring time', monitoringMin === null ? null : `${monitoringMin} min`, 'From the first dose to the end of the session', 'The session has not ended'),
    field(
      'ready',
      'Time the patient would have been ready to leave (without the 2-hour rule)',
      extras.readyToLeaveAt === undefined ? null : hhmm(extras.readyToLeaveAt),
      'Discharge assessment',
      'Record when the patient was clinically ready to leave'
    )
  ]
  return {
    fields,
    missing: fields.filter((f) => f.missing).length,
    monitoringShort: monitoringMin === null ? null : monitoringMin < REMS_MIN_MONITORING_MIN
  }
}
