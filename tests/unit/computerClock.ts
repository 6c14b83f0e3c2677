import { createSteadyClock, type SteadyClock } from '../../src/main/app/steadyClock'
import type { ClockReading } from '../../src/shared/kernel/clockJump'
import { T0 } from './helpers'

/**
 * The computer's clock (wall) and the monotonic clock, moved by a test as the world would, read
 * through the app's steady clock: time passing moves both, someone changing the clock moves only the wall.
 */
export function computerClock(start = T0): { clock: SteadyClock; passes(ms: number): void; changeClock(ms: number): void } {
  let wall = start
  let mono = 0
  return {
    clock: createSteadyClock((): ClockReading => ({ wall, mono }), null),
    passes: (ms) => {
      wall += ms
      mono += ms
    },
    changeClock: (ms) => {
      wall += ms
    }
  }
}
