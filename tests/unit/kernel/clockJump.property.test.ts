import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  CLOCK_JUMP_TOLERANCE_MS,
  clockBehindRecord,
  clockJumpMessage,
  formatJump,
  recordTime,
  startSteady,
  stepSteady,
  type ClockReading,
  type SteadyState
} from '../../../src/shared/kernel/clockJump'

const T = Date.UTC(2026, 0, 12, 9, 0, 0)
const MIN = 60_000

/** Replays readings through the steady clock; returns the times and the jumps it saw. */
function replay(readings: ClockReading[]) {
  let state: SteadyState = startSteady(readings[0]!).state
  const times = [state.steady]
  const jumps: number[] = []
  for (const r of readings.slice(1)) {
    const step = stepSteady(state, r)
    state = step.state
    times.push(step.now)
    if (step.jump) jumps.push(step.jump.byMs)
  }
  return { times, jumps }
}

/** Time passing (ms per step) and, at some steps, the wall clock being changed (ms). */
const scenario = fc.array(
  fc.record({
    passes: fc.integer({ min: 0, max: 10 * MIN }),
    change: fc.oneof({ weight: 4, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: -48 * 60 * MIN, max: 48 * 60 * MIN }) })
  }),
  { minLength: 1, maxLength: 60 }
)

function readingsOf(steps: { passes: number; change: number }[]): ClockReading[] {
  let wall = T
  let mono = 1000
  const out: ClockReading[] = [{ wall, mono }]
  for (const s of steps) {
    wall += s.passes + s.change
    mono += s.passes
    out.push({ wall, mono })
  }
  return out
}

describe('the steady clock', () => {
  it('is the wall clock itself while nobody changes it', () => {
    const readings = readingsOf([{ passes: 1000, change: 0 }, { passes: 30 * MIN, change: 0 }, { passes: 5, change: 0 }])
    expect(replay(readings)).toEqual({ times: readings.map((r) => r.wall), jumps: [] })
  })

  it('never runs backwards, whatever is done to the wall clock', () => {
    fc.assert(
      fc.property(scenario, (steps) => {
        const { times } = replay(readingsOf(steps))
        for (let i = 1; i < times.length; i++) expect(times[i]!).toBeGreaterThanOrEqual(times[i - 1]!)
      })
    )
  })

  it('keeps real time across jumps: the time elapsed is the time that passed, within the tolerance per change', () => {
    fc.assert(
      fc.property(scenario, (steps) => {
        const { times } = replay(readingsOf(steps))
        const passed = steps.reduce((n, s) => n + s.passes, 0)
        const changes = steps.filter((s) => s.change !== 0).length
        expect(Math.abs(times[times.length - 1]! - times[0]! - passed)).toBeLessThanOrEqual(changes * CLOCK_JUMP_TOLERANCE_MS)
      })
    )
  })

  it('sees every change larger than the tolerance, with its size, and none smaller', () => {
    fc.assert(
      fc.property(scenario, (steps) => {
        const { jumps } = replay(readingsOf(steps))
        const big = steps.filter((s) => Math.abs(s.change) > CLOCK_JUMP_TOLERANCE_MS).map((s) => s.change)
        // Small changes are followed (and may add up), so compare only when there are none.
        if (steps.every((s) => s.change === 0 || Math.abs(s.change) > CLOCK_JUMP_TOLERANCE_MS)) expect(jumps).toEqual(big)
      })
    )
  })

  it('follows a small correction (a time server slewing) without calling it a jump', () => {
    const readings = readingsOf([{ passes: MIN, change: 0 }, { passes: MIN, change: 1500 }, { passes: MIN, change: 0 }])
    const { times, jumps } = replay(readings)
    expect(jumps).toEqual([])
    expect(times[3]).toBe(readings[3]!.wall)
  })

  it('moved back an hour ten minutes into a session, it carries on: fifteen minutes later reads fifteen minutes later', () => {
    const { times, jumps } = replay(readingsOf([{ passes: 10 * MIN, change: 0 }, { passes: 0, change: -60 * MIN }, { passes: 5 * MIN, change: 0 }]))
    expect(jumps).toEqual([-60 * MIN])
    expect(times[3]! - times[0]!).toBe(15 * MIN)
  })

  it('starts no earlier than the newest entry, and calls a clock behind it a jump', () => {
    const behind = startSteady({ wall: T - 60 * MIN, mono: 0 }, T)
    expect(behind.state.steady).toBe(T)
    expect(behind.jump).toMatchObject({ byMs: -60 * MIN, detectedAt: T })
    // Then it runs on from there at the pace of time.
    expect(stepSteady(behind.state, { wall: T - 55 * MIN, mono: 5 * MIN }).now).toBe(T + 5 * MIN)
    const ahead = startSteady({ wall: T + MIN, mono: 0 }, T)
    expect(ahead).toEqual({ state: { steady: T + MIN, mono: 0, offset: 0 }, jump: null })
    expect(startSteady({ wall: T - 1000, mono: 0 }, T).jump).toBeNull()
  })
})

describe('the record never goes back', () => {
  it('an entry is recorded no earlier than the session’s last entry', () => {
    expect(recordTime(null, T)).toBe(T)
    expect(recordTime(T, T - 60 * MIN)).toBe(T)
    expect(recordTime(T, T + 1)).toBe(T + 1)
  })

  it('a clock behind the last entry by more than the tolerance is noticed, with how far', () => {
    expect(clockBehindRecord(null, T)).toBeNull()
    expect(clockBehindRecord(T, T - CLOCK_JUMP_TOLERANCE_MS)).toBeNull()
    expect(clockBehindRecord(T, T - 60 * MIN)).toBe(60 * MIN)
  })
})

describe('what the record says about a jump', () => {
  it('sizes read as people say them', () => {
    expect(formatJump(-60 * MIN)).toBe('1 h')
    expect(formatJump(65 * MIN)).toBe('1 h 5 min')
    expect(formatJump(2 * MIN + 30_000)).toBe('2 min 30 s')
    expect(formatJump(42_000)).toBe('42 s')
  })

  it('says which way the clock went and what the record did', () => {
    expect(clockJumpMessage({ byMs: -60 * MIN, wallAt: T, seenBy: 'steady' })).toBe(
      "The computer's clock was moved back by 1 h: times in this record carry on from before the change."
    )
    expect(clockJumpMessage({ byMs: 2 * 60 * MIN, wallAt: T, seenBy: 'steady' })).toMatch(/moved forward by 2 h/)
    expect(clockJumpMessage({ byMs: -5 * MIN, wallAt: T, seenBy: 'record' })).toMatch(/5 min behind this record/)
  })
})
