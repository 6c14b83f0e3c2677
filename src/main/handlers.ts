/**
 * The contract's implementation: channel -> validated input -> service. No Electron here, so the
 * very same handlers serve the app over IPC and the browser tests over HTTP.
 */
import { contract, schemaError, type Channel, type OutputOf, type ParsedInputOf } from '../shared/contract'
import { DomainError, type AppError, type Result } from '../shared/domain/result'
import { guard } from './auth/guard'
import type { ScryptCost } from './auth/pin'
import { createWorkstation, type HandlerContext, type Workstation } from './auth/workstation'
import { lockScreen, noteActivity, requireSignedIn, setUpFirstAdministrator, signIn, signOut, workstationState } from './services/auth'
import type { ServiceContext } from './services/context'
import { monitorOpenSessions, sessionAudit } from './services/sessionAudit'
import { getSettings, updateSettings } from './services/settings'
import { recordStatus, signOffRecord } from './services/signOff'
import { addStaffMember, resetPin, setStaffActive } from './services/staffAdmin'
import { correctEntry, markInError, recordEntry } from './services/entries'
import { createPatient, getPatient, listPatients, listStaff } from './services/people'
import { createSession, getSessionRecord, listOpenSessions, listSessionsForPatient } from './services/sessions'

type Implementations = { [C in Channel]: (ctx: HandlerContext, input: ParsedInputOf<C>) => OutputOf<C> }

const implementations: Implementations = {
  'clock.now': (ctx) => ctx.clock.now(),
  'patients.list': (ctx) => listPatients(ctx),
  'patients.get': (ctx, input) => getPatient(ctx, input.patientId),
  'patients.create': (ctx, input) => createPatient(ctx, input),
  'staff.list': (ctx) => listStaff(ctx),
  'staff.create': (ctx, { authorId: _, ...input }) => addStaffMember(ctx, requireSignedIn(ctx), input, ctx.pinCost),
  'sessions.create': (ctx, input) => createSession(ctx, input),
  'sessions.get': (ctx, input) => getSessionRecord(ctx, input.sessionId),
  'sessions.listForPatient': (ctx, input) => listSessionsForPatient(ctx, input.patientId),
  'sessions.listOpen': (ctx) => listOpenSessions(ctx),
  'entries.record': (ctx, input) => recordEntry(ctx, input),
  'entries.correct': (ctx, input) => correctEntry(ctx, input),
  'entries.markInError': (ctx, input) => markInError(ctx, input),
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
export type Handlers = Record<Channel, Handler>

export interface HandlerOptions {
  /** Where unexpected failures are reported; they reach the user only as a plain message. */
  log?: (channel: Channel, error: unknown) => void
  /** Who is signed in; one per app (or harness) process. A new one (nobody signed in) by default. */
  workstation?: Workstation
  /** Test harness only: hash new PINs at this (lower) cost. The app always uses the production cost. */
  pinCost?: ScryptCost
}

export function createHandlers(services: ServiceContext, options: HandlerOptions = {}): Handlers {
  const ctx: HandlerContext = { ...services, workstation: options.workstation ?? createWorkstation() }
  if (options.pinCost) ctx.pinCost = options.pinCost
  const handlers = {} as Handlers
  for (const channel of Object.keys(contract) as Channel[]) {
    handlers[channel] = (input: unknown) => invoke(ctx, channel, input, options)
  }
  return handlers
}

function invoke(ctx: HandlerContext, channel: Channel, input: unknown, options: HandlerOptions): Result<unknown> {
  const parsed = contract[channel].input.safeParse(input ?? {})
  if (!parsed.success) return { ok: false, error: schemaError(parsed.error) }
  try {
    // Permissions are checked here, in main, for every channel: never only in the UI.
    guard(ctx, channel, parsed.data)
    const run = implementations[channel] as (ctx: HandlerContext, input: unknown) => unknown
    return { ok: true, value: run(ctx, parsed.data) }
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
