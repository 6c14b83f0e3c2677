/**
 * The contract's implementation: channel -> validated input -> service. No Electron here, so the
 * very same handlers serve the app over IPC and the browser tests over HTTP.
 */
import { contract, schemaError, type Channel, type OutputOf, type ParsedInputOf } from '../shared/contract'
import { DomainError, type AppError, type Result } from '../shared/domain/result'
import type { ServiceContext } from './services/context'
import { correctEntry, markInError, recordEntry } from './services/entries'
import { createPatient, createStaff, getPatient, listPatients, listStaff } from './services/people'
import { createSession, getSessionRecord, listOpenSessions, listSessionsForPatient } from './services/sessions'
import { createProtocol, listProtocols, protocolHistory, retireProtocol, updateProtocol } from './services/protocols'
import { acknowledgeAlert, recordDischarge } from './services/safety'
import { scalesForPatient } from './services/course'

type Implementations = { [C in Channel]: (ctx: ServiceContext, input: ParsedInputOf<C>) => OutputOf<C> }

const implementations: Implementations = {
  'clock.now': (ctx) => ctx.clock.now(),
  'patients.list': (ctx) => listPatients(ctx),
  'patients.get': (ctx, input) => getPatient(ctx, input.patientId),
  'patients.create': (ctx, input) => createPatient(ctx, input),
  'staff.list': (ctx) => listStaff(ctx),
  'staff.create': (ctx, input) => createStaff(ctx, input),
  'sessions.create': (ctx, input) => createSession(ctx, input),
  'sessions.get': (ctx, input) => getSessionRecord(ctx, input.sessionId),
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
  'scales.listForPatient': (ctx, input) => scalesForPatient(ctx, input.patientId)
}

export type Handler = (input: unknown) => Result<unknown>
export type Handlers = Record<Channel, Handler>

export interface HandlerOptions {
  /** Where unexpected failures are reported; they reach the user only as a plain message. */
  log?: (channel: Channel, error: unknown) => void
}

export function createHandlers(ctx: ServiceContext, options: HandlerOptions = {}): Handlers {
  const handlers = {} as Handlers
  for (const channel of Object.keys(contract) as Channel[]) {
    handlers[channel] = (input: unknown) => invoke(ctx, channel, input, options)
  }
  return handlers
}

function invoke(ctx: ServiceContext, channel: Channel, input: unknown, options: HandlerOptions): Result<unknown> {
  const parsed = contract[channel].input.safeParse(input ?? {})
  if (!parsed.success) return { ok: false, error: schemaError(parsed.error) }
  try {
    const run = implementations[channel] as (ctx: ServiceContext, input: unknown) => unknown
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
