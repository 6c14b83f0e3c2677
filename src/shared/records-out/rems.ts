/**
 * The Spravato (intranasal esketamine) REMS Patient Monitoring Form, filled from the session
 * record (fields as in shared/clinical/REFERENCE.md). What the record does not hold is flagged
 * as missing, never guessed: a yes/no judgement, a lot number or a site name has to be given.
 *
 * Dosing time: the session's "Start infusion" entry, which for an intranasal session marks the
 * first device given. The discharge's REMS fields (blood pressures, sedation and dissociation
 * resolved, monitoring minutes, ready to leave) fill the form from the record; anything else the
 * record does not hold (site, lot, concomitant medicines) can be supplied through RemsExtras.
 */
import type { Staff } from '../people/people'
import { plannedTotalMg, type SessionPlan } from '../record/plan'
import { liveEntries, type EffectiveEntry } from '../record/record'
import type { SessionRecord } from '../sessions/session'
import type { Vitals } from '../record/vitals'
import { DISSOCIATION_LABELS } from '../record/scales'

type Bp = { systolic: number; diastolic: number }

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
  /** Blood pressures as the clinician entered them for the form (at discharge). */
  bpBeforeDosing?: Bp
  bpAt40Min?: Bp
  bpBeforeCompletion?: Bp
  sedationResolved?: boolean
  dissociationResolved?: boolean
  totalMonitoringMin?: number
}

/** What the record's discharge holds for the form: its REMS fields, if it has them. */
export function remsExtrasFromRecord(live: readonly EffectiveEntry[]): RemsExtras {
  const discharge = [...live].reverse().find((e) => e.entry.type === 'discharge')
  const rems = discharge?.entry.type === 'discharge' ? discharge.entry.discharge.rems : undefined
  if (!rems) return {}
  return {
    bpBeforeDosing: rems.bpBeforeDosing,
    bpAt40Min: rems.bpAt40Min,
    bpBeforeCompletion: rems.bpBeforeCompletion,
    sedationResolved: rems.sedationResolved,
    dissociationResolved: rems.dissociationResolved,
    totalMonitoringMin: rems.totalMonitoringMin,
    readyToLeaveAt: rems.readyToLeaveAt
  }
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
  const live = liveEntries(entries)
  // What a caller gives explicitly wins over what the record's discharge holds.
  const extras: RemsExtras = { ...remsExtrasFromRecord(live), ...args.extras }
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

  // MOAA/S is recorded with the vitals or as a scale of its own.
  const sedationScores = [
    ...vitals.flatMap((v) => (v.vitals.sedation === undefined ? [] : [v.vitals.sedation])),
    ...live.flatMap((e) => (e.entry.type === 'scale' && e.entry.scale.kind === 'moaas' ? [e.entry.scale.score] : []))
  ]
  const dissociation = dissociationSeen(live)
  const recordedMin = dosing !== null && end !== null ? Math.floor((end - dosing) / 60_000) : null
  const monitoringMin = extras.totalMonitoringMin ?? recordedMin
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
    bpField('bp-before', 'Blood pressure before dosing', extras.bpBeforeDosing, beforeDosing, 'Last vitals before the first dose', 'No vitals recorded before the first dose'),
    bpField(
      'bp-40',
      'Blood pressure about 40 minutes after dosing',
      extras.bpAt40Min,
      at40,
      'Reading nearest 40 min after the first dose',
      `No vitals between ${REMS_BP_40_WINDOW_MIN[0]} and ${REMS_BP_40_WINDOW_MIN[1]} min after the first dose`
    ),
    bpField(
      'bp-end',
      'Blood pressure before completion of monitoring',
      extras.bpBeforeCompletion,
      beforeCompletion,
      'Last vitals before the session ended',
      end === null ? 'The session has not ended' : 'No vitals after the first dose'
    ),
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
      'sedation-resolved',
      'Sedation resolved before the patient left',
      extras.sedationResolved === undefined ? null : yesNo(extras.sedationResolved),
      'Discharge assessment',
      'Record at discharge whether sedation has resolved'
    ),
    field(
      'dissociation',
      'Dissociation observed',
      dissociation.length === 0 ? null : `${yesNo(dissociation.some((d) => d.value > 0))} (${dissociation.map((d) => d.text).join('; ')})`,
      'Subjective reports, dissociation ratings and CADSS',
      'No dissociation rating recorded'
    ),
    field(
      'dissociation-resolved',
      'Dissociation resolved before the patient left',
      extras.dissociationResolved === undefined ? null : yesNo(extras.dissociationResolved),
      'Discharge assessment',
      'Record at discharge whether dissociation has resolved'
    ),
    field(
      'monitoring',
      'Total monitoring time',
      monitoringMin === null ? null : `${monitoringMin} min`,
      extras.totalMonitoringMin === undefined
        ? 'From the first dose to the end of the session'
        : `Entered at discharge${recordedMin !== null && recordedMin !== extras.totalMonitoringMin ? `; the record shows ${recordedMin} min from the first dose to the end` : ''}`,
      'The session has not ended'
    ),
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

/** A blood pressure the clinician entered for the form wins; the record's reading is named beside it when they differ. */
function bpField(id: string, label: string, entered: Bp | undefined, reading: { at: number; vitals: Vitals } | undefined, note: string, missingNote: string): RemsField {
  if (!entered) return field(id, label, reading ? bp(reading) : null, note, missingNote)
  const same = reading && reading.vitals.systolic === entered.systolic && reading.vitals.diastolic === entered.diastolic
  const also = reading && !same ? `; the record's reading: ${bp(reading)}` : ''
  return field(id, label, `${entered.systolic}/${entered.diastolic} mmHg`, `Entered at discharge${also}`, missingNote)
}

/** Every dissociation rating in the record, each in words with its scale. */
function dissociationSeen(live: readonly EffectiveEntry[]): { value: number; text: string }[] {
  const out: { value: number; text: string }[] = []
  const reported = live.flatMap((e) =>
    e.entry.type === 'note' && e.entry.note.intensityOf === 'dissociation' && e.entry.note.intensity !== undefined ? [e.entry.note.intensity] : []
  )
  if (reported.length > 0) out.push({ value: Math.max(...reported), text: `highest reported ${Math.max(...reported)}/10` })
  const scales = live.flatMap((e) => (e.entry.type === 'scale' ? [e.entry.scale] : []))
  const rated = scales.flatMap((s) => (s.kind === 'dissociation' ? [s.score] : []))
  if (rated.length > 0) {
    const top = Math.max(...rated)
    out.push({ value: top, text: `highest clinician rating ${top}/4, ${DISSOCIATION_LABELS[top]?.toLowerCase() ?? ''}` })
  }
  const cadss = scales.flatMap((s) => (s.kind === 'cadss' ? [s.score] : []))
  if (cadss.length > 0) out.push({ value: Math.max(...cadss), text: `highest CADSS ${Math.max(...cadss)}/92` })
  return out
}
