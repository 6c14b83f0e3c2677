/**
 * The session report as data: everything the printed report shows, derived from the record by
 * pure functions (the dose through snapshotOf, i.e. rateSegments/deliveredDoseMg, like the console).
 * reportHtml.ts turns it into the one HTML template that is printed to PDF.
 */
import { safetyOf, type SafetySettings } from '../protocols/protocols'
import type { LimitOverride } from '../record/limitOverride'
import { formatElapsed } from '../kernel/clinicalTime'
import { describeEntry, ENTRY_KIND_LABELS } from '../record/describe'
import { NOTE_TYPE_LABELS, type CorrectionPayload, type EntryInput, type NotePayload } from '../record/events'
import { convertMgPerHour, rateSegments, type RateTriple } from '../record/infusion'
import type { Staff } from '../people/people'
import { plannedRate, plannedTotalMg, type SessionPlan } from '../record/plan'
import { effectiveEntries, infusionActions, liveEntries, snapshotOf, type EffectiveEntry } from '../record/record'
import { remsMonitoringForm, type RemsExtras, type RemsForm } from './rems'
import type { SessionRecord } from '../sessions/session'
import type { Vitals } from '../record/vitals'

const MS_PER_HOUR = 3_600_000
const SAFETY_TYPES: ReadonlySet<EntryInput['type']> = new Set(['checklist', 'scale', 'alert_acknowledged', 'discharge'])

/**
 * A section another feature adds to the report (alerts, scales, discharge, signatures, integrity):
 * plain data, so escaping and the black-and-white styling stay in one place (reportHtml.ts).
 */
export interface ReportSection {
  id: string
  title: string
  blocks: ReportBlock[]
}
export type ReportBlock =
  | { kind: 'paragraph'; text: string; emphasis?: boolean }
  | { kind: 'fields'; items: { label: string; value: string; flagged?: boolean }[] }
  | { kind: 'table'; caption?: string; columns: string[]; rows: string[][] }

/** Where the extra sections go: after the record itself, in this order. */
export const EXTRA_SECTION_ORDER = ['checks', 'alerts', 'scales', 'discharge', 'signatures', 'integrity'] as const

export interface StaffNames {
  nameOf(id: number | null | undefined): string
}

export function staffNames(staff: readonly Staff[]): StaffNames {
  const byId = new Map(staff.map((s) => [s.id, s]))
  return {
    nameOf(id) {
      if (id === null || id === undefined) return '—'
      const s = byId.get(id)
      return s ? `${s.name} (${s.role})` : `staff #${id}`
    }
  }
}

export type EntryStatus = 'as recorded' | 'corrected' | 'entered in error'
export const statusOf = (e: EffectiveEntry): EntryStatus => (e.voided ? 'entered in error' : e.corrections.length > 0 ? 'corrected' : 'as recorded')

export interface DoseSegmentRow {
  from: number
  /** The segment's end, or the report's time for a segment still running. */
  to: number
  running: boolean
  rate: RateTriple
  doseMg: number
}

export interface VitalsRow {
  seq: number
  /** Added after the record was signed off. */
  addendum: boolean
  at: number
  /** T+mm:ss from infusion start (T-mm:ss before it), or null before any infusion. */
  elapsed: string | null
  vitals: Vitals
  author: string
  status: EntryStatus
}

export interface NoteRow {
  seq: number
  /** Added after the record was signed off. */
  addendum: boolean
  at: number
  elapsed: string | null
  noteType: string
  text: string
  author: string
  status: EntryStatus
}

export interface InfusionRow {
  seq: number
  /** Added after the record was signed off. */
  addendum: boolean
  at: number
  elapsed: string | null
  what: string
  detail: string
  author: string
  status: EntryStatus
}

export interface AmendmentRow {
  /** The amendment's own entry number: the order amendments were made in. */
  seq: number
  /** When the amendment was made. */
  at: number
  author: string
  kind: 'Correction' | 'Entered in error'
  /** The entry it amends: its kind, number and clinical time before this amendment. */
  target: string
  before: string
  after: string | null
  reason: string
}

export interface SessionReport {
  generatedAt: number
  patient: { name: string; code: string; dateOfBirth: string }
  session: {
    id: number
    openedAt: number
    endedAt: number | null
    plan: SessionPlan
    plannedTotalMg: number
    plannedRate: RateTriple
    /** The physician's confirmation of a plan over a soft limit of the drug library. */
    planOverride: LimitOverride | null
    /** The alert limits the session ran with: a value past one is flagged in the tables. */
    limits: SafetySettings['limits']
  }
  team: { role: string; name: string }[]
  dose: {
    deliveredMg: number
    deliveredMgPerKg: number
    percentOfPlan: number
    infusedMs: number
    startedAt: number | null
    stoppedAt: number | null
    segments: DoseSegmentRow[]
    /** At the end of the session, or at the report's time while it is still open. */
    asOf: number
  }
  infusion: InfusionRow[]
  vitals: VitalsRow[]
  notes: NoteRow[]
  amendments: AmendmentRow[]
  /** For intranasal esketamine sessions: the REMS Patient Monitoring Form data. */
  rems: RemsForm | null
  sections: ReportSection[]
  /** The effective entries, for the chart. */
  entries: EffectiveEntry[]
}

export interface ReportOptions {
  record: SessionRecord
  staff: readonly Staff[]
  generatedAt: number
  rems?: RemsExtras
  /** Sections other features add (see EXTRA_SECTION_ORDER). */
  sections?: readonly ReportSection[]
  /** The last entry number the sign-off covers: later entries are addenda. */
  signedThroughSeq?: number | null
}

function elapsedFrom(start: number | null, at: number): string | null {
  return start === null ? null : formatElapsed(at - start)
}

/** What an entry said, in one line, with its clinical time. */
function entryLine(entry: EntryInput, at: number, plan: SessionPlan): string {
  const text = describeEntry(entry, plan)
  const clock = new Date(at)
  const hhmmss = [clock.getHours(), clock.getMinutes(), clock.getSeconds()].map((n) => String(n).padStart(2, '0')).join(':')
  return `${hhmmss} ${ENTRY_KIND_LABELS[entry.type]}${text ? `: ${text}` : ''}`
}

/** Every correction and entered-in-error mark, oldest first, each with what the entry said before it. */
export function amendmentRows(entries: readonly EffectiveEntry[], plan: SessionPlan, names: StaffNames): AmendmentRow[] {
  const rows: AmendmentRow[] = []
  for (const e of entries) {
    let entry = { type: e.original.type, ...(e.original.payload as object) } as EntryInput
    let at = e.original.occurredAt
    const target = () => `#${e.original.seq} ${ENTRY_KIND_LABELS[entry.type]} (entered by ${names.nameOf(e.original.authorId)})`
    const amendments = [...e.corrections, ...(e.voided ? [e.voided] : [])].sort((a, b) => a.seq - b.seq)
    for (const a of amendments) {
      const before = entryLine(entry, at, plan)
      if (a.type === 'correction') {
        const p = a.payload as CorrectionPayload
        rows.push({ seq: a.seq, at: a.recordedAt, author: names.nameOf(a.authorId), kind: 'Correction', target: target(), before, after: entryLine(p.entry, p.occurredAt, plan), reason: a.reason ?? '' })
        entry = p.entry
        at = p.occurredAt
      } else {
        rows.push({ seq: a.seq, at: a.recordedAt, author: names.nameOf(a.authorId), kind: 'Entered in error', target: target(), before, after: null, reason: a.reason ?? '' })
      }
    }
  }
  return rows.sort((a, b) => a.seq - b.seq)
}

/** The report's data for one session, as the record stands at `generatedAt`. */
export function sessionReport(options: ReportOptions): SessionReport {
  const { record, staff, generatedAt } = options
  const { session, patient } = record
  const plan = session.plan
  const names = staffNames(staff)
  const entries = effectiveEntries(record.events)
  const snapshot = snapshotOf(entries, plan, generatedAt)
  const asOf = snapshot.endedAt ?? generatedAt
  const start = snapshot.infusion.startedAt
  const signedThrough = options.signedThroughSeq ?? null

  const segments: DoseSegmentRow[] = rateSegments(infusionActions(entries), plan)
    .filter((s) => s.from <= asOf)
    .map((s) => {
      const to = s.to === null ? asOf : Math.min(s.to, asOf)
      return {
        from: s.from,
        to,
        running: s.to === null,
        rate: convertMgPerHour(s.mgPerHour, plan),
        doseMg: (s.mgPerHour * Math.max(0, to - s.from)) / MS_PER_HOUR
      }
    })

  const infusion: InfusionRow[] = []
  const vitals: VitalsRow[] = []
  const notes: NoteRow[] = []
  for (const e of entries) {
    const base = {
      seq: e.original.seq,
      addendum: signedThrough !== null && e.original.seq > signedThrough,
      at: e.occurredAt,
      elapsed: elapsedFrom(start, e.occurredAt),
      author: names.nameOf(e.original.authorId),
      status: statusOf(e)
    }
    const entry = e.entry
    if (entry.type === 'vitals') vitals.push({ ...base, vitals: entry.vitals })
    else if (entry.type === 'note') notes.push({ ...base, noteType: NOTE_TYPE_LABELS[entry.note.noteType], text: noteText(entry.note) })
    // Checklists, scales, acknowledgements and discharges have sections of their own (reportSafety.ts).
    else if (!SAFETY_TYPES.has(entry.type)) infusion.push({ ...base, what: ENTRY_KIND_LABELS[entry.type], detail: describeEntry(entry, plan) })
  }

  const team = [
    { role: 'Physician', name: names.nameOf(session.team.physicianId) },
    { role: 'Nurse', name: names.nameOf(session.team.nurseId) },
    { role: 'Therapist', name: session.team.therapistId === null ? 'none' : names.nameOf(session.team.therapistId) },
    { role: 'Session opened by', name: names.nameOf(session.createdBy) }
  ]

  const order = (s: ReportSection) => {
    const i = (EXTRA_SECTION_ORDER as readonly string[]).indexOf(s.id)
    return i < 0 ? EXTRA_SECTION_ORDER.length : i
  }

  return {
    generatedAt,
    patient: { name: patient.fullName, code: patient.patientCode, dateOfBirth: patient.dateOfBirth },
    session: {
      id: session.id,
      openedAt: session.createdAt,
      endedAt: snapshot.endedAt,
      plan,
      plannedTotalMg: plannedTotalMg(plan),
      plannedRate: plannedRate(plan),
      limits: safetyOf(session.protocol ?? null).limits,
      planOverride: session.planOverride ?? null
    },
    team,
    dose: {
      deliveredMg: snapshot.deliveredMg,
      deliveredMgPerKg: snapshot.deliveredMgPerKg,
      percentOfPlan: snapshot.percentDelivered,
      infusedMs: snapshot.infusedMs,
      startedAt: snapshot.infusion.startedAt,
      stoppedAt: snapshot.infusion.stoppedAt,
      segments,
      asOf
    },
    infusion,
    vitals,
    notes,
    amendments: amendmentRows(entries, plan, names),
    rems: remsMonitoringForm({ record, staff, entries, extras: options.rems }),
    sections: [...(options.sections ?? [])].sort((a, b) => order(a) - order(b)),
    entries
  }
}

function noteText(n: NotePayload): string {
  const parts: string[] = []
  if (n.medication) parts.push(`${n.medication.drug} ${n.medication.dose} ${n.medication.unit} ${n.medication.route}`)
  if (n.intensity !== undefined) parts.push(`${n.intensityOf} ${n.intensity}/10`)
  if (n.text.trim()) parts.push(n.text)
  return parts.join(' · ')
}

/** Live vitals only (corrected values), for figures such as the peak blood pressure. */
export function liveVitals(entries: readonly EffectiveEntry[]): { at: number; vitals: Vitals }[] {
  const out: { at: number; vitals: Vitals }[] = []
  for (const e of liveEntries(entries)) if (e.entry.type === 'vitals') out.push({ at: e.occurredAt, vitals: e.entry.vitals })
  return out
}
