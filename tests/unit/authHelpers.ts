/**
 * Sign-in scaffolding for unit tests. PINs are hashed at a low scrypt cost here so hundreds of
 * tests stay fast; the cost travels in the hash, so verification is the production code path.
 */
import type { ScryptCost } from '../../src/main/people/pin'
import { createWorkstation, type HandlerContext, type Workstation } from '../../src/main/people/workstation'
import type { ServiceContext } from '../../src/main/app/context'
import { setPin } from '../../src/main/people/credentials'
import { databaseIdentity } from '../../src/main/db/identity'

export const CHEAP_PIN_COST: ScryptCost = { N: 2 ** 10, r: 8, p: 1 }

export function givePin(ctx: ServiceContext, staffId: number, pin: string): void {
  setPin(ctx, staffId, pin, null, CHEAP_PIN_COST)
}

/** A workstation with `staffId` already signed in (the PIN path has its own tests). */
export function signedInWorkstation(ctx: ServiceContext, staffId: number | null): Workstation {
  const ws = createWorkstation()
  sitDown(ws, ctx, staffId)
  return ws
}

export function handlerContext(ctx: ServiceContext, staffId: number | null = null): HandlerContext {
  return { ...ctx, workstation: signedInWorkstation(ctx, staffId) }
}

/** Puts `staffId` at the workstation, as if they had just signed in. */
export function sitDown(ws: Workstation, ctx: ServiceContext, staffId: number | null): void {
  ws.staffId = staffId
  // A sign-in belongs to the records it was made in.
  ws.databaseId = staffId === null ? null : databaseIdentity(ctx.db)
  ws.lockedAt = null
  ws.lastActivityAt = ctx.clock.now()
}
