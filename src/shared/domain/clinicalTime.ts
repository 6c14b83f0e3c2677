/** An entry documented this long after its clinical time is marked late. */
export const LATE_AFTER_MS = 5 * 60_000

export function isLate(occurredAt: number, recordedAt: number): boolean {
  return recordedAt - occurredAt > LATE_AFTER_MS
}

/** "T+mm:ss" from infusion start; "T-mm:ss" before it; minutes keep counting past 59. */
export function formatElapsed(ms: number): string {
  const sign = ms < 0 ? '-' : '+'
  const total = Math.floor(Math.abs(ms) / 1000)
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
