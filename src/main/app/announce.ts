/**
 * Tells the windows what a call changed, once it has returned: by then its transaction has
 * committed (transactions are synchronous). The writes note what they touched (db/changes.ts);
 * here those notes become events. A failed call's notes are dropped: nothing was saved.
 */
import { CHANNELS, type Channel } from '../../shared/contract'
import type { Result } from '../../shared/kernel/result'
import type { Db } from '../db/connection'
import { takeChanges, type Changes } from '../db/changes'
import type { HandlerContext, Workstation } from '../people/workstation'
import type { AsyncHandler, Handlers } from './handlers'
import type { EventBus } from './bus'

/** The connection open now, or null while there is none (recovery, a restore under way). */
function openDb(ctx: HandlerContext): Db | null {
  try {
    return ctx.db
  } catch {
    return null
  }
}

const signInOf = (ws: Workstation) => `${ws.staffId}:${ws.lockedAt}`

function emitChanges(bus: EventBus, changes: Changes): void {
  for (const [sessionId, seq] of changes.appended) bus.emit({ type: 'entries.appended', sessionId, seq })
  if (changes.openSessions) bus.emit({ type: 'sessions.changed' })
}

/**
 * The handlers, each followed by the events its writes call for. `afterCall` runs after every
 * call, whatever its outcome (the idle-lock timer follows the sign-in state with it).
 */
export function announcing(handlers: Handlers, ctx: HandlerContext, bus: EventBus, afterCall: (peopleChanged: boolean) => void = () => undefined): Handlers {
  const settle = (result: Result<unknown>, signInBefore: string): void => {
    const db = openDb(ctx)
    const changes = db && takeChanges(db)
    if (result.ok && changes) emitChanges(bus, changes)
    // Whatever the outcome: a refused call may still have found the idle time run out and locked the screen.
    if (signInOf(ctx.workstation) !== signInBefore || (result.ok && changes?.people)) bus.emit({ type: 'auth.changed' })
    afterCall(Boolean(result.ok && changes?.people))
  }
  const wrapped = {} as Record<Channel, AsyncHandler>
  for (const channel of CHANNELS) {
    const handler = handlers[channel] as AsyncHandler
    wrapped[channel] = (input: unknown) => {
      // Notes left by work done outside a call (none in the app) are not this call's to tell.
      const db = openDb(ctx)
      if (db) takeChanges(db)
      const signInBefore = signInOf(ctx.workstation)
      const result = handler(input)
      if (result instanceof Promise)
        return result.then((r) => {
          settle(r, signInBefore)
          return r
        })
      settle(result, signInBefore)
      return result
    }
  }
  return wrapped as Handlers
}
