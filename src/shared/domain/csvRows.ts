/**
 * The CSV export's rows: one per stored entry of the session record (corrections and
 * entered-in-error marks are entries too, pointing at the entry they amend), in the order
 * they were made. Pure; the service turns them into RFC 4180 text.
 */
import { ENTRY_KIND_LABELS } from './describe'
import { NOTE_TYPE_LABELS, isClinical, type CorrectionPayload, type EntryInput, type SessionEvent } from './events'
import { rateToMgPerHour } from './infusion'
import { isoWithOffset } from './isoTime'
import type { Staff } from './people'
import type { SessionRecord } from './session'

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
  'text'
] as const
export type CsvColumn = (typeof CSV_COLUMNS)[number]
export type CsvRow = Record<CsvColumn, string | number | null>

/** Columns that hold free text typed by people: the only ones guarded against formula injection. */
export const FREE_TEXT_COLUMNS: ReadonlySet<CsvColumn> = new Set(['author', 'reason', 'medication', 'text'])

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
  return ENTRY_KIND_LABELS[e.type]
}

export function csvRows(record: SessionRecord, staff: readonly Staff[]): CsvRow[] {
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
      for (const c of FREE_TEXT_COLUMNS) {
        const v = row[c]
        if (typeof v === 'string') row[c] = guardFormula(v)
      }
      return row
    })
}
