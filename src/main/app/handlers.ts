/**
 * The contract's implementation: channel -> validated input -> service. No Electron here, so the
 * very same handlers serve the app over IPC and the browser tests over HTTP.
 */
import { ASYNC_CHANNELS, contract, schemaError, type AsyncChannel, type Channel } from '../../shared/contract'
import { DomainError, type AppError, type Result } from '../../shared/kernel/result'
import { peopleHandlers } from '../people/handlers'
import type { ScryptCost } from '../people/pin'
import { createWorkstation, type HandlerContext, type Workstation } from '../people/workstation'
import { protocolHandlers } from '../protocols/handlers'
import { recordHandlers } from '../record/handlers'
import { recordsOutHandlers } from '../records-out/handlers'
import { safetyHandlers } from '../safety/handlers'
import { sessionHandlers } from '../sessions/handlers'
import { storageHandlers } from '../storage/handlers'
import { therapyHandlers } from '../therapy/handlers'
import type { ChannelHandler } from './channelHandler'
import type { ServiceContext } from './context'
import { guard, type Rule } from './guard'

/** Every channel's rule and implementation, from the modules. */
const channelHandlers: { [C in Channel]: ChannelHandler<C> } = {
  ...recordHandlers,
  ...peopleHandlers,
  ...storageHandlers,
  ...protocolHandlers,
  ...sessionHandlers,
  ...safetyHandlers,
  ...therapyHandlers,
  ...recordsOutHandlers
}

/** Each channel's permission rule, as the guard applies it. */
export const CHANNEL_RULES = Object.fromEntries((Object.keys(channelHandlers) as Channel[]).map((c) => [c, channelHandlers[c].rule])) as { [C in Channel]: Rule }

export type Handler = (input: unknown) => Result<unknown>
export type AsyncHandler = (input: unknown) => Promise<Result<unknown>> | Result<unknown>
export type Handlers = { [C in Channel]: C extends AsyncChannel ? AsyncHandler : Handler }
export { ASYNC_CHANNELS }

export interface HandlerOptions {
  /** Where unexpected failures are reported; they reach the user only as a plain message. */
  log?: (channel: Channel, error: unknown) => void
  /** Told of every call that succeeded (after its commit), e.g. to take a backup when a session ends. */
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
    const handler = channelHandlers[channel] as ChannelHandler<Channel>
    guard(ctx, channel, handler.rule, parsed.data)
    const run = handler.run as (ctx: HandlerContext, input: unknown) => unknown
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
