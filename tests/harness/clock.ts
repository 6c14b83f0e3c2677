/**
 * The harness clock. `system` follows Date.now(); `manual` stands still and moves only when a
 * test says so (POST /__harness/clock), so a 40-minute session runs in seconds with no sleeping.
 * Either way the app sees it through the same steady clock as the real app (steadyClock.ts):
 * advancing is time passing; a jump is the computer's clock being changed while no time passes.
 */
import type { ClockJump, ClockReading } from '../../src/shared/kernel/clockJump'
import type { Clock } from '../../src/main/app/context'
import { createSteadyClock, systemReading, type SteadyClock } from '../../src/main/app/steadyClock'

export type ClockMode = 'system' | 'manual'

export interface HarnessClock extends Clock {
  readonly mode: ClockMode
  /** Manual mode only: lets `ms` of time pass (negative moves both clocks back) and returns the new time. */
  advance(ms: number): number
  /** Manual mode only: starts the clock afresh at `epochMs` (no jump is seen) and returns it. */
  set(epochMs: number): number
  /** Manual mode only: changes the computer's clock by `ms` while no time passes; returns the app's time. */
  jump(ms: number): number
  jumpsSince(time: number): readonly ClockJump[]
}

/** Largest time a JS Date can hold; also the contract's bound on clinical times. */
const MAX_TIME = 8.64e15

export class ClockError extends Error {}

export function parseClockMode(value: string | undefined): ClockMode {
  if (value === undefined || value === '' || value === 'system' || value === 'real') return 'system'
  if (value === 'manual') return 'manual'
  throw new ClockError(`HARNESS_CLOCK must be "manual" or unset (got "${value}")`)
}

/** `floor`: the newest entry's recorded time in the database, as the app passes it (see steadyClock.ts). */
export function createHarnessClock(mode: ClockMode, start: number = Date.now(), floor: number | null = null): HarnessClock {
  if (mode === 'system') {
    const refuse = (): never => {
      throw new ClockError('The harness clock follows the real time; start the harness with HARNESS_CLOCK=manual to move it')
    }
    const steady = createSteadyClock(systemReading, floor)
    return { mode, rate: 1, now: () => steady.now(), jumpsSince: (t) => steady.jumpsSince(t), advance: refuse, set: refuse, jump: refuse }
  }
  let wall = checkTime(start, 'start')
  let mono = 0
  const read = (): ClockReading => ({ wall, mono })
  let steady: SteadyClock = createSteadyClock(read, floor)
  const finite = (v: unknown, what: string): number => {
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new ClockError(`${what} must be a finite number of milliseconds`)
    return Math.round(v)
  }
  return {
    mode,
    rate: 0,
    now: () => steady.now(),
    jumpsSince: (t) => steady.jumpsSince(t),
    advance(ms: number) {
      const by = finite(ms, 'advanceMs')
      if (by < 0) {
        // Time does not run backwards: moving back is a fresh start, as set() is.
        wall = checkTime(steady.now() + by, 'the advanced time')
        steady = createSteadyClock(read, null)
        return steady.now()
      }
      wall = checkTime(wall + by, 'the advanced time')
      mono += by
      return steady.now()
    },
    set(epochMs: number) {
      wall = checkTime(finite(epochMs, 'set'), 'set')
      steady = createSteadyClock(read, null)
      return steady.now()
    },
    jump(ms: number) {
      wall = checkTime(wall + finite(ms, 'jumpMs'), 'the clock after the jump')
      return steady.now()
    }
  }
}

function checkTime(t: number, what: string): number {
  if (!Number.isSafeInteger(t) || t < 0 || t > MAX_TIME) throw new ClockError(`${what} must be an epoch time between 0 and ${MAX_TIME} ms (got ${t})`)
  return t
}
