/**
 * The app's clock: the wall clock, kept steady across jumps (see shared/domain/clockJump.ts).
 * The main process and the test harness both use it; services see only Clock.
 */
import { startSteady, stepSteady, type ClockJump, type ClockReading, type SteadyState } from '../../shared/kernel/clockJump'
import type { Clock } from './context'

/** The jumps kept in memory: far more than any session sees. */
const MAX_JUMPS = 100

export interface SteadyClock extends Clock {
  jumpsSince(steadyTime: number): readonly ClockJump[]
}

/**
 * `read` gives the wall and monotonic clocks together; `floor` is the newest entry's recorded time
 * (the app never starts before it).
 */
export function createSteadyClock(read: () => ClockReading, floor: number | null = null): SteadyClock {
  const jumps: ClockJump[] = []
  const note = (jump: ClockJump | null) => {
    if (!jump) return
    jumps.push(jump)
    if (jumps.length > MAX_JUMPS) jumps.shift()
  }
  const started = startSteady(read(), floor)
  let state: SteadyState = started.state
  note(started.jump)
  return {
    now() {
      const step = stepSteady(state, read())
      state = step.state
      note(step.jump)
      return step.now
    },
    jumpsSince: (t) => jumps.filter((j) => j.detectedAt > t)
  }
}

/** The real clocks: Date.now() (settable by anyone) and performance.now() (monotonic). */
export const systemReading = (): ClockReading => ({ wall: Date.now(), mono: performance.now() })
