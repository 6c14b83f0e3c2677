/**
 * The computer's clock can be changed under a running session: a time-server correction, daylight
 * saving set by hand, a battery-flat clock reset. A clinical record must never reorder its entries
 * or shrink the delivered dose because of it. The policy:
 *
 * 1. While the app runs, its time is steady: it advances with the monotonic clock (which no one can
 *    set) and follows the wall clock only while the two agree within CLOCK_JUMP_TOLERANCE_MS. A
 *    larger change is a jump: the app does not follow it, so elapsed times, the delivered dose and
 *    the order of entries stay right, and the jump is noted in the record of every open session.
 * 2. Whatever the clock says, an entry is never recorded earlier than the session's last entry:
 *    if it would be (the clock was behind the record when the app started, or a clock that is not
 *    steady), it is recorded at the last entry's time, with a note saying by how much the clock
 *    was behind. Entries are never refused for it: a nurse must always be able to document.
 *
 * What this cannot know: how long the app was closed if the clock was also changed meanwhile. The
 * record then carries on from its last entry, and says so.
 */

/** Small corrections (time servers slew by milliseconds) are followed; anything larger is a jump. */
export const CLOCK_JUMP_TOLERANCE_MS = 2_000

/** The wall clock (settable, epoch ms) and a monotonic clock (ms, never set) read together. */
export interface ClockReading {
  wall: number
  mono: number
}

export interface ClockJump {
  /** The app's (steady) time when the jump was seen. */
  detectedAt: number
  /** How far the wall clock moved against the steady time: negative is back, positive forward. */
  byMs: number
  /** What the wall clock read at that moment. */
  wallAt: number
}

export interface SteadyState {
  /** Steady time and monotonic reading at the last reading. */
  steady: number
  mono: number
  /** wall - steady as last accepted: it changes by each jump. */
  offset: number
}

/**
 * Starts the steady time at a reading. With a floor (the newest entry's time in the database), a
 * wall clock behind it by more than the tolerance is a jump seen at start-up, and the steady time
 * starts from the floor.
 */
export function startSteady(reading: ClockReading, floor: number | null = null, tolerance = CLOCK_JUMP_TOLERANCE_MS): { state: SteadyState; jump: ClockJump | null } {
  if (floor !== null && reading.wall < floor - tolerance) {
    return {
      state: { steady: floor, mono: reading.mono, offset: reading.wall - floor },
      jump: { detectedAt: floor, byMs: reading.wall - floor, wallAt: reading.wall }
    }
  }
  const steady = floor === null ? reading.wall : Math.max(reading.wall, floor)
  return { state: { steady, mono: reading.mono, offset: reading.wall - steady }, jump: null }
}

/**
 * The steady time at a new reading, and the jump if the wall clock moved against it by more than
 * the tolerance. Never earlier than the previous steady time.
 */
export function stepSteady(state: SteadyState, reading: ClockReading, tolerance = CLOCK_JUMP_TOLERANCE_MS): { state: SteadyState; now: number; jump: ClockJump | null } {
  // A monotonic clock does not go back; if a platform's ever did, count no time as passed.
  const elapsed = Math.max(0, reading.mono - state.mono)
  const expected = state.steady + elapsed
  const drift = reading.wall - (expected + state.offset)
  if (Math.abs(drift) <= tolerance) {
    // In step: follow the wall clock (less the offset of earlier jumps), so small corrections count.
    const now = Math.max(state.steady, reading.wall - state.offset)
    return { state: { steady: now, mono: reading.mono, offset: state.offset }, now, jump: null }
  }
  return {
    state: { steady: expected, mono: reading.mono, offset: state.offset + drift },
    now: expected,
    jump: { detectedAt: expected, byMs: drift, wallAt: reading.wall }
  }
}

/** How far the clock is behind the session's last entry (ms), or null when it is not, beyond the tolerance. */
export function clockBehindRecord(lastRecordedAt: number | null, now: number, tolerance = CLOCK_JUMP_TOLERANCE_MS): number | null {
  if (lastRecordedAt === null || now >= lastRecordedAt - tolerance) return null
  return lastRecordedAt - now
}

/** The time to record an entry at: now, but never before the session's last entry. */
export function recordTime(lastRecordedAt: number | null, now: number): number {
  return lastRecordedAt === null ? now : Math.max(now, lastRecordedAt)
}

/** "1 h 5 min", "42 s": the size of a jump for people. */
export function formatJump(ms: number): string {
  const total = Math.round(Math.abs(ms) / 1000)
  const h = Math.floor(total / 3600)
  const m = Math.floor((total % 3600) / 60)
  const s = total % 60
  if (h > 0) return m > 0 ? `${h} h ${m} min` : `${h} h`
  if (m > 0) return s > 0 && m < 10 ? `${m} min ${s} s` : `${m} min`
  return `${s} s`
}

/** The payload stored with a clock_jump entry in the record. */
export interface ClockJumpPayload {
  /** Negative: the clock was moved back (or was behind the record); positive: forward. */
  byMs: number
  wallAt: number
  /** 'steady': seen by the running app, which kept its time; 'record': the clock was behind this session's last entry. */
  seenBy: 'steady' | 'record'
}

/** One line for the console and the report. */
export function clockJumpMessage(p: ClockJumpPayload): string {
  const size = formatJump(p.byMs)
  if (p.seenBy === 'record')
    return `The computer's clock was ${size} behind this record: the next entry was recorded at the time of the entry before it.`
  const direction = p.byMs < 0 ? 'back' : 'forward'
  return `The computer's clock was moved ${direction} by ${size}: times in this record carry on from before the change.`
}
