/**
 * The contract's implementation: channel -> validated input -> service. No Electron here, so the
 * very same handlers serve the app over IPC and the browser tests over HTTP.
 */
import { contract, schemaError, type Channel, type OutputOf, type ParsedInputOf } from '../../shared/contract'
import { DomainError, type AppError, type Result } from '../../shared/kernel/result'
import { guard } from './guard'
import type { ScryptCost } from '../people/pin'
import { createWorkstation, type HandlerContext, type Workstation } from '../people/workstation'
import { lockScreen, noteActivity, requireSignedIn, setUpFirstAdministrator, signIn, signOut, workstationState } from '../people/auth'
import type { ServiceContext } from './context'
import { monitorOpenSessions, sessionAudit } from '../people/sessionAudit'
import { getSettings, updateSettings } from '../people/settings'
import { recordStatus, signOffRecord } from '../record/signOff'
import { addStaffMember, resetPin, setStaffActive } from '../people/staffAdmin'
import { correctEntry, markInError, recordEntry } from '../record/entries'
import { createPatient, getPatient, listPatients, listStaff } from '../people/people'
import { createSession, entriesSince, getSessionRecord, listOpenSessions, listSessionsForPatient } from '../sessions/sessions'
import { createProtocol, listProtocols, protocolHistory, retireProtocol, updateProtocol } from '../protocols/protocols'
import { acknowledgeAlert, recordDischarge } from '../safety/safety'
import { scalesForPatient } from '../therapy/scales'
// issue 6
import { courseOfPatient, exportCsv, exportFhir, remsForm, reportDocument } from '../records-out/records'
import { requireStorage } from '../storage/requireStorage'

// A few channels (backups, restore) finish asynchronously: SQLite's backup API copies in steps.
type Implementations = {
  [C in Channel]: (ctx: HandlerContext, input: ParsedInputOf<C>) => C extends AsyncChannel ? Promise<OutputOf<C>> : OutputOf<C>
}

const implementations: Implementations = {
  'clock.now': (ctx) => ctx.clock.now(),
  'patients.list': (ctx) => listPatients(ctx),
  'patients.get': (ctx, input) => getPatient(ctx, input.patientId),
  'patients.create': (ctx, input) => createPatient(ctx, input),
  'staff.list': (ctx) => listStaff(ctx),
  'staff.create': (ctx, { authorId: _, ...input }) => addStaffMember(ctx, requireSignedIn(ctx), input, ctx.pinCost),
  'sessions.create': (ctx, input) => createSession(ctx, input),
  'sessions.get': (ctx, input) => getSessionRecord(ctx, input.sessionId),
  'entries.since': (ctx, input) => entriesSince(ctx, input.sessionId, input.afterSeq),
  'sessions.listForPatient': (ctx, input) => listSessionsForPatient(ctx, input.patientId),
  'sessions.listOpen': (ctx) => listOpenSessions(ctx),
  'entries.record': (ctx, input) => recordEntry(ctx, input),
  'entries.correct': (ctx, input) => correctEntry(ctx, input),
  'entries.markInError': (ctx, input) => markInError(ctx, input),
  // Clinical safety (issue 4)
  'protocols.list': (ctx) => listProtocols(ctx),
  'protocols.history': (ctx, input) => protocolHistory(ctx, input.lineageId),
  'protocols.create': (ctx, input) => createProtocol(ctx, input),
  'protocols.update': (ctx, input) => updateProtocol(ctx, input),
  'protocols.retire': (ctx, input) => retireProtocol(ctx, input),
  'alerts.acknowledge': (ctx, input) => acknowledgeAlert(ctx, input),
  'discharge.record': (ctx, input) => recordDischarge(ctx, input),
  'scales.listForPatient': (ctx, input) => scalesForPatient(ctx, input.patientId),
  // issue 6: report, REMS, exports, course, backups and recovery
  'reports.document': (ctx, input) => reportDocument(ctx, input),
  'reports.rems': (ctx, input) => remsForm(ctx, input),
  'exports.fhir': (ctx, input) => exportFhir(ctx, input),
  'exports.csv': (ctx, input) => exportCsv(ctx, input),
  'patients.course': (ctx, input) => courseOfPatient(ctx, input.patientId),
  'backups.overview': (ctx) => requireStorage(ctx).overview(),
  'backups.create': (ctx, input) => requireStorage(ctx).backupNow('manual', input.authorId ?? null),
  'backups.restore': (ctx, input) => requireStorage(ctx).restore(input.fileName, input.authorId ?? null),
  'backups.setFolder': (ctx, input) => requireStorage(ctx).setBackupFolder(input.folder, input.authorId ?? null),
  'startup.status': (ctx) => ctx.storage?.startupStatus() ?? { mode: 'normal' },
  'startup.startEmpty': (ctx) => requireStorage(ctx).startEmpty(),
  // Issue 5: sign-in, roles and permissions, sign-off, audit trail
  'auth.state': (ctx) => workstationState(ctx),
  'auth.setUp': (ctx, input) => setUpFirstAdministrator(ctx, input),
  'auth.signIn': (ctx, input) => signIn(ctx, input),
  'auth.signOut': (ctx) => signOut(ctx),
  'auth.lock': (ctx) => lockScreen(ctx),
  'auth.activity': (ctx) => noteActivity(ctx),
  'staff.setActive': (ctx, input) => setStaffActive(ctx, requireSignedIn(ctx), input.staffId, input.active),
  'staff.resetPin': (ctx, input) => resetPin(ctx, requireSignedIn(ctx), input.staffId, input.pin, ctx.pinCost),
  'settings.get': (ctx) => getSettings(ctx),
  'settings.update': (ctx, { authorId, ...settings }) => updateSettings(ctx, authorId, settings),
  'monitor.openSessions': (ctx) => monitorOpenSessions(ctx),
  'record.status': (ctx, input) => recordStatus(ctx, input.sessionId, ctx.workstation.staffId),
  'record.signOff': (ctx, input) => signOffRecord(ctx, requireSignedIn(ctx), input),
  'audit.session': (ctx, input) => sessionAudit(ctx, input.sessionId)
}

export type Handler = (input: unknown) => Result<unknown>
/** issue 6: the channels whose work finishes later (SQLite's backup API copies in steps); they answer a Promise of a Result, never a rejected one. */
export const ASYNC_CHANNELS = ['backups.create', 'backups.restore', 'startup.startEmpty'] as const satisfies readonly Channel[]
export type AsyncChannel = (typeof ASYNC_CHANNELS)[number]
export type AsyncHandler = (input: unknown) => Promise<Result<unknown>> | Result<unknown>
export type Handlers = { [C in Channel]: C extends AsyncChannel ? AsyncHandler : Handler }

export interface HandlerOptions {
  /** Where unexpected failures are reported; they reach the user only as a plain message. */
  log?: (channel: Channel, error: unknown) => void
  /** issue 6: told of every call that succeeded (after its commit), e.g. to take a backup when a session ends. */
  onSuccess?: (channel: Channel, input: unknown) => void
  /** Who is signed in; one per app (or harness) process. A new one (nobody signed in) by default. */
  workstation?: Workstation
  /** Test harness only: hash new PINs at this (lower) cost. The app always uses the production cost. */
  pinCost?: ScryptCost
}

export function createHandlers(services: ServiceContext, options: HandlerOptions = {}): Handlers {
  // Extended in place, not copied: the storage's context reads `db` through a getter so that a
  // restore can swap the connection under every handler.
  const ctx = services as HandlerContext
  ctx.workstation = options.workstation ?? createWorkstation()
  if (options.pinCost) ctx.pinCost = options.pinCost
  const handlers = {} as Handlers
  for (const channel of Object.keys(contract) as Channel[]) {
    ;(handlers as Record<Channel, AsyncHandler>)[channel] = (input: unknown) => invoke(ctx, channel, input, options)
  }
  return handlers
}

function invoke(ctx: HandlerContext, channel: Channel, input: unknown, options: HandlerOptions): Result<unknown> | Promise<Result<unknown>> {
  const parsed = contract[channel].input.safeParse(input ?? {})
  if (!parsed.success) return { ok: false, error: schemaError(parsed.error) }
  const succeeded = <T>(value: T): Result<T> => {
    try {
      options.onSuccess?.(channel, parsed.data)
    } catch (e) {
      options.log?.(channel, e)
    }
    return { ok: true, value }
  }
  try {
    // Permissions are checked here, in main, for every channel: never only in the UI.
    guard(ctx, channel, parsed.data)
    const run = implementations[channel] as (ctx: HandlerContext, input: unknown) => unknown
    const value = run(ctx, parsed.data)
    if (value instanceof Promise) return value.then(succeeded, (e: unknown) => ({ ok: false as const, error: toAppError(e, channel, options) }))
    return succeeded(value)
  } catch (e) {
    return { ok: false, error: toAppError(e, channel, options) }
  }
}

function toAppError(e: unknown, channel: Channel, options: HandlerOptions): AppError {
  if (e instanceof DomainError) return e.toAppError()
  try {
    options.log?.(channel, e)
  } catch {
    // A failing logger must not turn a typed error into a throw across IPC.
  }
  // Anything may be thrown, null included.
  const code = typeof e === 'object' && e !== null ? (e as { code?: unknown }).code : undefined
  if (typeof code === 'string' && code.startsWith('SQLITE_')) {
    return { code: 'STORAGE', message: storageMessage(code) }
  }
  return { code: 'INTERNAL', message: 'Something went wrong and nothing was saved. Try again; if it keeps happening, call support.' }
}

function storageMessage(sqliteCode: string): string {
  // Every channel (patients and staff as well as entries) lands here: say plainly that nothing was saved.
  if (sqliteCode.startsWith('SQLITE_FULL')) return 'The disk is full: nothing was saved. Keep the entry on screen and call support.'
  if (sqliteCode.startsWith('SQLITE_READONLY')) return 'The database cannot be written to: nothing was saved. Call support.'
  if (sqliteCode.startsWith('SQLITE_BUSY')) return 'The database is busy: nothing was saved. Try again.'
  if (sqliteCode.startsWith('SQLITE_CORRUPT') || sqliteCode.startsWith('SQLITE_NOTADB'))
    return 'The database file is damaged: nothing was saved. Call support.'
  return `The database could not save this (${sqliteCode}). Nothing was saved; try again.`
}
