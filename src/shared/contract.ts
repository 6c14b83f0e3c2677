/**
 * The IPC contract: every channel once, with its input schema and output type. Main validates
 * against it, preload builds window.api from its keys, the harness serves it over HTTP.
 */
import { z } from 'zod'
import type { MonitoredSession, RecordStatus, SessionAudit } from './people/audit'
import {
  firstAdministratorSchema,
  newStaffMemberSchema,
  resetPinSchema,
  setStaffActiveSchema,
  signInSchema,
  signOffSchema,
  updateSettingsSchema,
  type ClinicSettings,
  type SignOff,
  type WorkstationState
} from './people/auth'
import { entryInputSchema, reasonSchema, type SessionEvent } from './record/events'
import { newPatientSchema, type Patient, type Staff } from './people/people'
import type { AppError, Result } from './kernel/result'
import { newSessionSchema, type Session, type SessionRecord, type SessionSummary } from './sessions/session'
import { protocolDefinitionSchema, type ProtocolVersion } from './protocols/protocols'
import { ALERT_RESPONSES, dischargeAssessmentSchema, MAX_OVERRIDE_REASON } from './record/safetyPayloads'
import type { CourseScale } from './therapy/scaleCourse'
// issue 6: report, REMS data, exports, course, backups
import type { BackupInfo, BackupOverview, RestoreOutcome, StartupStatus } from './storage/backup'
import type { CourseRow } from './records-out/course'
import type { ExportFile } from './records-out/exportFile'
import type { PrintableDocument } from './records-out/reportHtml'
import type { RemsForm } from './records-out/rems'
export * from './appEvents'

const id = (what: string) => z.number({ error: `Choose a ${what}` }).int().positive(`Choose a ${what}`)
const authorId = z.number({ error: 'Choose the current user' }).int().positive('Choose the current user')
/** Clinical time, epoch ms; absent means now. Bounds keep Date arithmetic exact. */
const occurredAt = z.number({ error: 'Time must be a time' }).int('Time must be a time').min(0).max(8.64e15).optional()

export const recordEntryInput = z.strictObject({
  sessionId: id('session'),
  authorId,
  occurredAt,
  entry: entryInputSchema,
  /** The user has seen and accepted the warning that this rate passes the planned total. */
  confirmOverPlan: z.boolean().optional(),
  /** Why an entry is added to a signed-off record; required there, refused elsewhere. */
  addendumReason: reasonSchema.optional()
})
export type RecordEntryInput = z.infer<typeof recordEntryInput>

export const correctEntryInput = z.strictObject({
  sessionId: id('session'),
  authorId,
  eventId: id('entry'),
  reason: reasonSchema,
  entry: entryInputSchema,
  occurredAt
})
export type CorrectEntryInput = z.infer<typeof correctEntryInput>

export const markInErrorInput = z.strictObject({
  sessionId: id('session'),
  authorId,
  eventId: id('entry'),
  reason: reasonSchema
})
export type MarkInErrorInput = z.infer<typeof markInErrorInput>

const none = z.strictObject({})

// Clinical safety (issue 4)
const protocolUpdateInput = z.strictObject({
  authorId,
  /** The version the editor started from: refused if someone saved a newer one meanwhile. */
  protocolId: id('protocol'),
  definition: protocolDefinitionSchema,
  reason: reasonSchema
})
export const acknowledgeAlertInput = z.strictObject({
  sessionId: id('session'),
  authorId,
  alertKey: z.string({ error: 'Choose an alert' }).min(1, 'Choose an alert').max(200, 'Unknown alert'),
  response: z.enum(ALERT_RESPONSES, { error: 'Choose a response' }),
  note: z.string({ error: 'Note must be text' }).max(1000, 'Note must be at most 1000 characters').optional()
})
export const dischargeInput = z.strictObject({
  sessionId: id('session'),
  authorId,
  assessment: dischargeAssessmentSchema,
  /** A physician's override of unmet criteria, or null. */
  override: z
    .strictObject({
      reason: z
        .string({ error: 'Give a reason for the override' })
        .trim()
        .min(1, 'Give a reason for the override')
        .max(MAX_OVERRIDE_REASON, `Reason must be at most ${MAX_OVERRIDE_REASON} characters`)
    })
    .nullable()
})
export type DischargeInput = z.infer<typeof dischargeInput>
// issue 6: who asked for an export, backup or restore, for the audit log (optional: a restore may
// be needed before any staff can be read).
const actorId = z.number({ error: 'Choose the current user' }).int().positive('Choose the current user').optional()
export const sessionExportInput = z.strictObject({ sessionId: id('session'), authorId: actorId })
export const restoreInput = z.strictObject({
  fileName: z.string({ error: 'Choose a backup' }).min(1, 'Choose a backup').max(255, 'Choose a backup from the list'),
  authorId: actorId
})
export const backupFolderInput = z.strictObject({
  folder: z.string({ error: 'Enter the folder' }).trim().min(1, 'Enter the folder').max(1000, 'The folder path is too long'),
  authorId: actorId
})

/** Carries an output type without a runtime value. */
const returns = <T>() => undefined as unknown as T
const channel = <I extends z.ZodType, O>(input: I, output: O) => ({ input, output })

export const contract = {
  'clock.now': channel(none, returns<number>()),
  'patients.list': channel(none, returns<Patient[]>()),
  'patients.get': channel(z.strictObject({ patientId: id('patient') }), returns<Patient>()),
  'patients.create': channel(newPatientSchema, returns<Patient>()),
  'staff.list': channel(none, returns<Staff[]>()),
  'staff.create': channel(newStaffMemberSchema, returns<Staff>()),
  'sessions.create': channel(newSessionSchema, returns<Session>()),
  'sessions.get': channel(z.strictObject({ sessionId: id('session') }), returns<SessionRecord>()),
  'entries.since': channel(z.strictObject({ sessionId: id('session'), afterSeq: z.number({ error: 'afterSeq must be a number' }).int().min(0) }), returns<SessionEvent[]>()),
  'sessions.listForPatient': channel(z.strictObject({ patientId: id('patient') }), returns<SessionSummary[]>()),
  'sessions.listOpen': channel(none, returns<SessionSummary[]>()),
  'entries.record': channel(recordEntryInput, returns<SessionEvent>()),
  'entries.correct': channel(correctEntryInput, returns<SessionEvent>()),
  'entries.markInError': channel(markInErrorInput, returns<SessionEvent>()),
  // Clinical safety: protocols, alerts, discharge, scales across sessions (issue 4)
  'protocols.list': channel(none, returns<ProtocolVersion[]>()),
  'protocols.history': channel(z.strictObject({ lineageId: id('protocol') }), returns<ProtocolVersion[]>()),
  'protocols.create': channel(z.strictObject({ authorId, definition: protocolDefinitionSchema }), returns<ProtocolVersion>()),
  'protocols.update': channel(protocolUpdateInput, returns<ProtocolVersion>()),
  'protocols.retire': channel(z.strictObject({ authorId, protocolId: id('protocol'), reason: reasonSchema }), returns<ProtocolVersion>()),
  'alerts.acknowledge': channel(acknowledgeAlertInput, returns<SessionEvent[]>()),
  'discharge.record': channel(dischargeInput, returns<SessionEvent>()),
  'scales.listForPatient': channel(z.strictObject({ patientId: id('patient') }), returns<CourseScale[]>()),
  // issue 6: the session record leaving the room, the patient's course, backups and recovery
  'reports.document': channel(sessionExportInput, returns<PrintableDocument>()),
  'reports.rems': channel(z.strictObject({ sessionId: id('session') }), returns<RemsForm | null>()),
  'exports.fhir': channel(sessionExportInput, returns<ExportFile>()),
  'exports.csv': channel(sessionExportInput, returns<ExportFile>()),
  'patients.course': channel(z.strictObject({ patientId: id('patient') }), returns<CourseRow[]>()),
  'backups.overview': channel(none, returns<BackupOverview>()),
  'backups.create': channel(z.strictObject({ authorId: actorId }), returns<BackupInfo>()),
  'backups.restore': channel(restoreInput, returns<RestoreOutcome>()),
  'backups.setFolder': channel(backupFolderInput, returns<BackupOverview>()),
  'startup.status': channel(none, returns<StartupStatus>()),
  'startup.startEmpty': channel(none, returns<StartupStatus>()),
  // Issue 5: sign-in, roles and permissions, sign-off, audit trail
  'auth.state': channel(none, returns<WorkstationState>()),
  'auth.setUp': channel(firstAdministratorSchema, returns<WorkstationState>()),
  'auth.signIn': channel(signInSchema, returns<WorkstationState>()),
  'auth.signOut': channel(none, returns<WorkstationState>()),
  'auth.lock': channel(none, returns<WorkstationState>()),
  'auth.activity': channel(none, returns<null>()),
  'staff.setActive': channel(setStaffActiveSchema, returns<Staff>()),
  'staff.resetPin': channel(resetPinSchema, returns<Staff>()),
  'settings.get': channel(none, returns<ClinicSettings>()),
  'settings.update': channel(updateSettingsSchema, returns<ClinicSettings>()),
  'monitor.openSessions': channel(none, returns<MonitoredSession[]>()),
  'record.status': channel(z.strictObject({ sessionId: id('session') }), returns<RecordStatus>()),
  'record.signOff': channel(signOffSchema, returns<SignOff>()),
  'audit.session': channel(z.strictObject({ sessionId: id('session') }), returns<SessionAudit>())
} as const

export type Contract = typeof contract
export type Channel = keyof Contract
export const CHANNELS = Object.keys(contract) as Channel[]
export type InputOf<C extends Channel> = z.input<Contract[C]['input']>
export type ParsedInputOf<C extends Channel> = z.output<Contract[C]['input']>
export type OutputOf<C extends Channel> = Contract[C]['output']

/** What window.api looks like in the renderer: one async function per channel, never throwing. */
export type Api = { [C in Channel]: (input: InputOf<C>) => Promise<Result<OutputOf<C>>> }

/** Turns a schema failure into the first problem, named by its dotted field path. */
export function schemaError(error: z.ZodError): AppError {
  const issue = error.issues[0]
  const field = issue && issue.path.length > 0 ? issue.path.map(String).join('.') : undefined
  const message = issue?.message ?? 'Invalid input'
  return field === undefined ? { code: 'INVALID_INPUT', message } : { code: 'INVALID_INPUT', message, field }
}
