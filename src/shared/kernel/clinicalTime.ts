/** An entry documented this long after its clinical time is marked late. */
export const LATE_AFTER_MS = 5 * 60_000

export function isLate(occurredAt: number, recordedAt: number): boolean {
  return recordedAt - occurredAt > LATE_AFTER_MS
}

/** "T+mm:ss" from infusion start; "T-mm:ss" before it; minutes keep counting past 59. */
export function formatElapsed(ms: number): string {
  const total = Math.floor(Math.abs(ms) / 1000)
  // Under a second before the start is shown as T+00:00, never as "minus zero".
  const sign = ms < 0 && total > 0 ? '-' : '+'
  const m = Math.floor(total / 60)
  const s = total % 60
  return `T${sign}${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`
}

/** "mm:ss" (or "h:mm:ss" past an hour) for running timers. */
export function formatDuration(ms: number): string {
  const total = Math.floor(Math.max(0, ms) / 1000)
  const h = Math.floor(total / 3600)
  const m = Math.floor((total % 3600) / 60)
  const s = total % 60
  const mmss = `${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`
  return h > 0 ? `${h}:${mmss}` : mmss
}

/** How far back a bare clock time may reach: beyond this, a time later than now is taken as a typo. */
export const CLOCK_TIME_LOOKBACK_MS = 12 * 3_600_000

/**
 * Turns a wall-clock time typed at the bedside ("14:05" or "14:05:30", local time) into an instant:
 * the most recent such time not after `now`, so 23:58 typed at 00:05 means seven minutes ago.
 * Returns an error message instead when it is not a time, or would lie in the future.
 */
export function resolveClockTime(text: string, now: number): { at: number } | { error: string } {
  const m = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(text.trim())
  if (!m) return { error: 'Enter the time as HH:MM or HH:MM:SS' }
  const [h, min, s] = [Number(m[1]), Number(m[2]), Number(m[3] ?? '0')]
  if (h > 23 || min > 59 || s > 59) return { error: 'Enter the time as HH:MM or HH:MM:SS' }
  const candidate = new Date(now)
  candidate.setHours(h, min, s, 0)
  let at = candidate.getTime()
  if (at > now) {
    candidate.setDate(candidate.getDate() - 1)
    at = candidate.getTime()
  }
  if (now - at > CLOCK_TIME_LOOKBACK_MS) return { error: 'Time cannot be in the future' }
  return { at }
}
