/**
 * The CSV export's rows: one per stored entry of the session record (corrections and
 * entered-in-error marks are entries too, pointing at the entry they amend), in the order
 * they were made. Pure; the service turns them into RFC 4180 text.
 */
import { ALERT_RULE_LABELS } from '../safety/alertHistory'
import { describeEntry, ENTRY_KIND_LABELS } from '../record/describe'
import { NOTE_TYPE_LABELS, isClinical, type CorrectionPayload, type EntryInput, type SessionEvent } from '../record/events'
import { rateToMgPerHour } from '../record/infusion'
import { isoWithOffset } from '../kernel/isoTime'
import type { Staff } from '../people/people'
import { ALERT_RESPONSE_LABELS, aldreteTotal } from '../record/safetyPayloads'
import { SCALE_SHORT, scaleBand, scaleMax, scaleTotal } from '../record/scales'
import type { SessionRecord } from '../sessions/session'

export const CSV_COLUMNS = [
  'patient_id',
  'session_id',
  'entry_no',
  'kind',
  'occurred_at',
  'recorded_at',
  'author',
  'author_role',
  'amends_entry_no',
  'reason',
  'systolic_mmHg',
  'diastolic_mmHg',
  'heart_rate_bpm',
  'spo2_percent',
  'respiratory_rate_per_min',
  'temperature_c',
  'sedation_moaas',
  'rate_value',
  'rate_unit',
  'rate_mg_per_h',
  'note_type',
  'intensity_0_10',
  'intensity_of',
  'medication',
  'scale',
  'scale_timing',
  'scale_total',
  'scale_max',
  'scale_band',
  'scale_items',
  'alert_rule',
  'alert_response',
  'aldrete_total',
  'override_reason',
  'addendum',
  'text'
] as const
export type CsvColumn = (typeof CSV_COLUMNS)[number]
export type CsvRow = Record<CsvColumn, string | number | null>

/** Columns that hold free text typed by people: the only ones guarded against formula injection. */
export const FREE_TEXT_COLUMNS: ReadonlySet<CsvColumn> = new Set(['author', 'reason', 'medication', 'override_reason', 'text'])

/**
 * A spreadsheet runs a cell that starts with = + - @ (or a tab or carriage return) as a formula
 * (CSV injection). Free text that starts so gets a leading apostrophe, which spreadsheets show as
 * text; numbers are never touched, so -1 stays a number.
 */
export function guardFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text
}

function kindOf(e: SessionEvent, entry: EntryInput | null): string {
  if (e.type === 'correction') return `Correction of ${entry ? ENTRY_KIND_LABELS[entry.type] : 'entry'}`
  if (e.type === 'entered_in_error') return 'Marked entered in error'
  // Written by the app, not by staff: the computer's clock changed (see clockJump.ts).
  if (e.type === 'clock_jump') return 'Clock change noted'
  return ENTRY_KIND_LABELS[e.type]
}

/** `signedThroughSeq`: the last entry the sign-off covers; later entries are marked as addenda. */
export function csvRows(record: SessionRecord, staff: readonly Staff[], signedThroughSeq: number | null = null): CsvRow[] {
  const byId = new Map(staff.map((s) => [s.id, s]))
  const seqById = new Map(record.events.map((e) => [e.id, e.seq]))
  const plan = record.session.plan
  return [...record.events]
    .sort((a, b) => a.seq - b.seq)
    .map((e) => {
      const entry: EntryInput | null = isClinical(e.type)
        ? ({ type: e.type, ...(e.payload as object) } as EntryInput)
        : e.type === 'correction'
          ? (e.payload as CorrectionPayload).entry
          : null
      const occurredAt = e.type === 'correction' ? (e.payload as CorrectionPayload).occurredAt : e.occurredAt
      const author = byId.get(e.authorId)
      const row: CsvRow = Object.fromEntries(CSV_COLUMNS.map((c) => [c, null])) as CsvRow
      row.patient_id = record.patient.patientCode
      row.session_id = record.session.id
      row.entry_no = e.seq
      row.kind = kindOf(e, entry)
      row.occurred_at = isoWithOffset(occurredAt)
      row.recorded_at = isoWithOffset(e.recordedAt)
      row.author = author ? author.name : `staff #${e.authorId}`
      row.author_role = author ? author.role : null
      row.amends_entry_no = e.amendsEventId === null ? null : (seqById.get(e.amendsEventId) ?? null)
      row.addendum = signedThroughSeq !== null && e.seq > signedThroughSeq ? 'yes' : null
      row.reason = e.reason ?? (entry?.type === 'infusion_paused' ? entry.reason : null)
      if (entry?.type === 'vitals') {
        const v = entry.vitals
        row.systolic_mmHg = v.systolic
        row.diastolic_mmHg = v.diastolic
        row.heart_rate_bpm = v.heartRate
        row.spo2_percent = v.spo2
        row.respiratory_rate_per_min = v.respiratoryRate
        row.temperature_c = v.temperature ?? null
        row.sedation_moaas = v.sedation ?? null
      }
      if (entry?.type === 'infusion_started' || entry?.type === 'rate_changed') {
        row.rate_value = entry.rate.value
        row.rate_unit = entry.rate.unit
        row.rate_mg_per_h = Math.round(rateToMgPerHour(entry.rate, plan) * 1e6) / 1e6
      }
      if (entry?.type === 'note') {
        const n = entry.note
        row.note_type = NOTE_TYPE_LABELS[n.noteType]
        row.intensity_0_10 = n.intensity ?? null
        row.intensity_of = n.intensityOf ?? null
        row.medication = n.medication ? `${n.medication.drug} ${n.medication.dose} ${n.medication.unit} ${n.medication.route}` : null
        row.text = n.text
      }
      if (entry) safetyColumns(row, entry, plan)
      for (const c of FREE_TEXT_COLUMNS) {
        const v = row[c]
        if (typeof v === 'string') row[c] = guardFormula(v)
      }
      return row
    })
}

/** Checklists, scales, acknowledgements, discharges and overrides: structured columns, and the entry in words under text. */
function safetyColumns(row: CsvRow, entry: EntryInput, plan: SessionRecord['session']['plan']): void {
  switch (entry.type) {
    case 'infusion_started':
      if (entry.override) {
        row.override_reason = entry.override.reason
        row.text = describeEntry(entry, plan)
      }
      return
    case 'scale': {
      const s = entry.scale
      row.scale = SCALE_SHORT[s.kind]
      row.scale_timing = 'timing' in s ? s.timing : null
      row.scale_total = scaleTotal(s)
      row.scale_max = scaleMax(s)
      row.scale_band = scaleBand(s)
      row.scale_items = 'items' in s ? s.items.join(' ') : null
      row.text = describeEntry(entry, plan)
      return
    }
    case 'alert_acknowledged':
      row.alert_rule = ALERT_RULE_LABELS[entry.ack.rule]
      row.alert_response = ALERT_RESPONSE_LABELS[entry.ack.response]
      row.text = describeEntry(entry, plan)
      return
    case 'discharge':
      row.aldrete_total = aldreteTotal(entry.discharge.aldrete)
      row.override_reason = entry.discharge.override?.reason ?? null
      row.text = describeEntry(entry, plan)
      return
    case 'checklist':
      row.text = describeEntry(entry, plan)
      return
    default:
      return
  }
}
