/**
 * ISO 8601 times with the UTC offset written out, as exports need them: a reader in another time
 * zone (or a FHIR server) must get the same instant, and a nurse reading the file sees local time.
 */

const p2 = (n: number) => String(n).padStart(2, '0')

/** The local UTC offset at that instant, in minutes east of UTC (+60 for Central European winter time). */
export function localOffsetMinutes(epochMs: number): number {
  // getTimezoneOffset is minutes *behind* UTC; 0 is negated to avoid "-0".
  return 0 - new Date(epochMs).getTimezoneOffset()
}

/** "+01:00", "-05:30", "+00:00". */
export function formatOffset(offsetMinutes: number): string {
  const sign = offsetMinutes < 0 ? '-' : '+'
  const abs = Math.abs(offsetMinutes)
  return `${sign}${p2(Math.floor(abs / 60))}:${p2(abs % 60)}`
}

/**
 * "2025-03-10T13:05:00+01:00" (milliseconds added only when there are any), in the offset given
 * (default: this machine's offset at that instant, so summer and winter time are each right).
 */
export function isoWithOffset(epochMs: number, offsetMinutes: number = localOffsetMinutes(epochMs)): string {
  const d = new Date(epochMs + offsetMinutes * 60_000)
  const ms = d.getUTCMilliseconds()
  const date = `${d.getUTCFullYear()}-${p2(d.getUTCMonth() + 1)}-${p2(d.getUTCDate())}`
  const time = `${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}${ms ? `.${String(ms).padStart(3, '0')}` : ''}`
  return `${date}T${time}${formatOffset(offsetMinutes)}`
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const

/**
 * The one date-time format people read, on every screen and in every report: local, 24-hour,
 * "05 Dec 2026 14:32". The month is spelt so that 05/12 and 12/05 cannot be confused.
 */
export function formatLocalDateTime(epochMs: number): string {
  const d = new Date(epochMs)
  return `${p2(d.getDate())} ${MONTHS[d.getMonth()]} ${d.getFullYear()} ${p2(d.getHours())}:${p2(d.getMinutes())}`
}

/** File-name-safe local stamp "20250310-130500". */
export function fileStamp(epochMs: number): string {
  const d = new Date(epochMs)
  return `${d.getFullYear()}${p2(d.getMonth() + 1)}${p2(d.getDate())}-${p2(d.getHours())}${p2(d.getMinutes())}${p2(d.getSeconds())}`
}

/** Local calendar day "YYYY-MM-DD": one daily backup per local day. */
export function localDateKey(epochMs: number): string {
  const d = new Date(epochMs)
  return `${d.getFullYear()}-${p2(d.getMonth() + 1)}-${p2(d.getDate())}`
}
