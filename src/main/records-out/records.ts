/**
 * The session record leaving the room: the printable report, the REMS form data, the FHIR and
 * CSV exports, and a patient's course. Each reads the stored record and hands it to the pure
 * functions in src/shared/domain; none writes to the record. Exports are reported to the audit hook,
 * under the actor main has signed in (the handlers pass it), never an id the caller sends.
 */
import { randomUUID } from 'node:crypto'
import { stringify } from 'csv-stringify/sync'
import type { z } from 'zod'
import type { sessionExportInput } from '../../shared/records-out/channels'
import { patientCourse, type CourseRow } from '../../shared/records-out/course'
import { courseSafetyExtras } from '../../shared/records-out/courseSafety'
import { CSV_COLUMNS, csvRows } from '../../shared/records-out/csvRows'
import type { ExportFile } from '../../shared/records-out/exportFile'
import { sessionBundle } from '../../shared/records-out/fhir'
import { fileStamp } from '../../shared/kernel/isoTime'
import { sessionReport, staffNames } from '../../shared/records-out/report'
import { reportExtraSections } from '../../shared/records-out/reportExtras'
import { printableReport, type PrintableDocument } from '../../shared/records-out/reportHtml'
import { remsMonitoringForm, type RemsForm } from '../../shared/records-out/rems'
import { effectiveEntries } from '../../shared/record/record'
import type { SessionRecord } from '../../shared/sessions/session'
import { audit } from '../people/auditHook'
import type { ServiceContext } from '../app/context'
import { loadEvents } from '../record/eventStore'
import { getPatient, listStaff } from '../people/people'
import { getSessionRecord, listSessionsForPatient } from '../sessions/sessions'
import { findSignOff, recordStatus } from '../record/signOff'

type SessionExportInput = z.infer<typeof sessionExportInput>

const stem = (r: SessionRecord) => `${r.patient.patientCode}-session-${r.session.id}-${fileStamp(r.session.createdAt)}`

/** Staff and record in one read, so the names match the entries. */
function load(ctx: ServiceContext, sessionId: number) {
  return ctx.db.transaction(() => ({ record: getSessionRecord(ctx, sessionId), staff: listStaff(ctx) }))()
}

/**
 * The report, with the sign-off and the record's integrity checked by the same verification the
 * console runs when a record is opened (a failed check is written to the audit log there too).
 */
export function reportDocument(ctx: ServiceContext, input: SessionExportInput, actorId: number | null = null): PrintableDocument {
  const { record, staff, status } = ctx.db.transaction(() => ({ ...load(ctx, input.sessionId), status: recordStatus(ctx, input.sessionId, actorId) }))()
  const now = ctx.clock.now()
  const sections = reportExtraSections({ record, names: staffNames(staff), signOff: status.signOff, integrity: status.integrity, generatedAt: now })
  const doc = printableReport(sessionReport({ record, staff, generatedAt: now, sections, signedThroughSeq: status.signOff?.lastSeq ?? null }))
  audit(ctx, { action: 'export', format: 'report', sessionId: input.sessionId, actorId, at: now, fileName: doc.fileName })
  return doc
}

export function remsForm(ctx: ServiceContext, input: { sessionId: number }): RemsForm | null {
  const { record, staff } = load(ctx, input.sessionId)
  return remsMonitoringForm({ record, staff, entries: effectiveEntries(record.events) })
}

export function exportFhir(ctx: ServiceContext, input: SessionExportInput, actorId: number | null = null): ExportFile {
  const { record, staff } = load(ctx, input.sessionId)
  const now = ctx.clock.now()
  const bundle = sessionBundle({ record, staff, exportedAt: now, newId: randomUUID })
  const file = { fileName: `${stem(record)}.fhir.json`, mimeType: 'application/fhir+json', content: JSON.stringify(bundle, null, 2) + '\n' }
  audit(ctx, { action: 'export', format: 'fhir', sessionId: input.sessionId, actorId, at: now, fileName: file.fileName })
  return file
}

/** RFC 4180 (CRLF, double quotes around any field with a comma, quote or line break), UTF-8 with a BOM for spreadsheets. */
export function exportCsv(ctx: ServiceContext, input: SessionExportInput, actorId: number | null = null): ExportFile {
  const { record, staff, signOff } = ctx.db.transaction(() => ({ ...load(ctx, input.sessionId), signOff: findSignOff(ctx.db, input.sessionId) }))()
  const now = ctx.clock.now()
  const rows = csvRows(record, staff, signOff?.lastSeq ?? null).map((r) => CSV_COLUMNS.map((c) => r[c]))
  const text = stringify([[...CSV_COLUMNS], ...rows], { record_delimiter: 'windows', cast: { number: (n) => String(n) } })
  const file = { fileName: `${stem(record)}.csv`, mimeType: 'text/csv;charset=utf-8', content: `\uFEFF${text}` }
  audit(ctx, { action: 'export', format: 'csv', sessionId: input.sessionId, actorId, at: now, fileName: file.fileName })
  return file
}

export function courseOfPatient(ctx: ServiceContext, patientId: number): CourseRow[] {
  return ctx.db.transaction(() => {
    getPatient(ctx, patientId)
    const sessions = listSessionsForPatient(ctx, patientId).map((s) => ({ session: s, events: loadEvents(ctx.db, s.id) }))
    const now = ctx.clock.now()
    return patientCourse(sessions, now, courseSafetyExtras(sessions, now))
  })()
}
