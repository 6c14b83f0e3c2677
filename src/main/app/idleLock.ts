/**
 * Main locks the screen when the signed-in person has been idle for the clinic's idle time, and
 * says so at once: a timer for the deadline asks for the sign-in state (which applies the lock),
 * and the announcing handlers tell the windows. A clock that moves only when told (the test
 * harness) has no deadline in real time: the lock is checked whenever that clock moves instead.
 */
import type { Clock } from './context'
import type { Handlers } from './handlers'
import type { HandlerContext } from '../people/workstation'
import { getSettings } from '../people/settings'

export interface IdleLock {
  /** After every call: follows a sign-in, a lock or a change of the idle time. */
  follow(peopleChanged?: boolean): void
  /** The clock moved: the deadline may have passed. */
  check(): void
  stop(): void
}

export function startIdleLock(ctx: HandlerContext, clock: Clock, handlers: () => Handlers): IdleLock {
  const rate = clock.rate ?? 1
  let timer: ReturnType<typeof setTimeout> | undefined
  /** Who the pending timer is for; a new sign-in or lock needs a new one. */
  let timerFor = ''
  let checking = false
  const clear = () => {
    if (timer !== undefined) clearTimeout(timer)
    timer = undefined
    timerFor = ''
  }
  const check = () => {
    // The check is a call, and every call is followed here: do not start another from inside it.
    if (checking) return
    checking = true
    try {
      handlers()['auth.state']({})
    } finally {
      checking = false
    }
  }
  const follow = (force = false) => {
    const ws = ctx.workstation
    if (ws.staffId === null || ws.lockedAt !== null || rate === 0) return clear()
    const key = `${ws.staffId}`
    // Activity only moves the deadline later: a pending timer that finds it moved sets the next one.
    if (timer !== undefined && key === timerFor && !force) return
    let idleMs: number
    try {
      idleMs = getSettings(ctx).idleLockMinutes * 60_000
    } catch {
      return clear()
    }
    clear()
    timerFor = key
    // A timer that fires a little early finds the lock not yet due and sets the next one.
    const wait = Math.max(0, (ws.lastActivityAt + idleMs - clock.now()) / rate)
    timer = setTimeout(() => {
      timer = undefined
      timerFor = ''
      check()
      follow()
    }, wait)
    timer.unref?.()
  }
  return { follow, check, stop: clear }
}
