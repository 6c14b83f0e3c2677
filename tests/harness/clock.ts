/**
 * The harness clock. `system` follows Date.now(); `manual` stands still and moves only when a
 * test says so (POST /__harness/clock), so a 40-minute session runs in seconds with no sleeping.
 */
import type { Clock } from '../../src/main/services/context'

export type ClockMode = 'system' | 'manual'

export interface HarnessClock extends Clock {
  readonly mode: ClockMode
  /** Manual mode only: moves the clock by `ms` (may be negative) and returns the new time. */
  advance(ms: number): number
  /** Manual mode only: sets the clock to `epochMs` and returns it. */
  set(epochMs: number): number
}

/** Largest time a JS Date can hold; also the contract's bound on clinical times. */
const MAX_TIME = 8.64e15

export class ClockError extends Error {}

export function parseClockMode(value: string | undefined): ClockMode {
  if (value === undefined || value === '' || value === 'system' || value === 'real') return 'system'
  if (value === 'manual') return 'manual'
  throw new ClockError(`HARNESS_CLOCK must be "manual" or unset (got "${value}")`)
}

export function createHarnessClock(mode: ClockMode, start: number = Date.now()): HarnessClock {
  if (mode === 'system') {
    const refuse = (): never => {
      throw new ClockError('The harness clock follows the real time; start the harness with HARNESS_CLOCK=manual to move it')
    }
    return { mode, now: () => Date.now(), advance: refuse, set: refuse }
  }
  let current = checkTime(start, 'start')
  return {
    mode,
    now: () => current,
    advance(ms: number) {
      if (typeof ms !== 'number' || !Number.isFinite(ms)) throw new ClockError('advanceMs must be a finite number of milliseconds')
      current = checkTime(current + Math.round(ms), 'the advanced time')
      return current
    },
    set(epochMs: number) {
      if (typeof epochMs !== 'number' || !Number.isFinite(epochMs)) throw new ClockError('set must be a finite epoch time in milliseconds')
      current = checkTime(Math.round(epochMs), 'set')
      return current
    }
  }
}

function checkTime(t: number, what: string): number {
  if (!Number.isSafeInteger(t) || t < 0 || t > MAX_TIME) throw new ClockError(`${what} must be an epoch time between 0 and ${MAX_TIME} ms (got ${t})`)
  return t
}
