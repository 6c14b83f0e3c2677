import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { formatLocalDateTime, formatOffset, isoWithOffset } from '../../../src/shared/kernel/isoTime'

describe('ISO 8601 times with offset', () => {
  it('writes the offset and the local wall time for it', () => {
    const t = Date.UTC(2025, 2, 10, 12, 0, 0)
    expect(isoWithOffset(t, 60)).toBe('2025-03-10T13:00:00+01:00')
    expect(isoWithOffset(t, -330)).toBe('2025-03-10T06:30:00-05:30')
    expect(isoWithOffset(t, 0)).toBe('2025-03-10T12:00:00+00:00')
    expect(isoWithOffset(t + 7, 0)).toBe('2025-03-10T12:00:00.007+00:00')
    expect(formatOffset(-0)).toBe('+00:00')
  })

  it('always means the same instant, whatever the offset', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4_102_444_800_000 }), fc.integer({ min: -14 * 60, max: 14 * 60 }), (t, off) => {
        expect(Date.parse(isoWithOffset(t, off))).toBe(t)
      })
    )
  })

  it('by default uses this machine’s offset at that instant', () => {
    const t = Date.UTC(2025, 6, 1, 8, 30, 0)
    expect(Date.parse(isoWithOffset(t))).toBe(t)
    expect(isoWithOffset(t)).toMatch(/[+-]\d{2}:\d{2}$/)
  })
})

describe('the one date-time format people read', () => {
  it('is day, spelt month, year and 24-hour time, zero-padded', () => {
    expect(formatLocalDateTime(new Date(2026, 11, 5, 14, 32, 59).getTime())).toBe('05 Dec 2026 14:32')
    expect(formatLocalDateTime(new Date(2026, 0, 1, 0, 0).getTime())).toBe('01 Jan 2026 00:00')
    expect(formatLocalDateTime(new Date(2026, 4, 12, 23, 59).getTime())).toBe('12 May 2026 23:59')
  })

  it('never writes a 12-hour time or AM/PM', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4_102_444_800_000 }), (t) => {
        expect(formatLocalDateTime(t)).toMatch(/^\d\d (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} ([01]\d|2[0-3]):[0-5]\d$/)
      })
    )
  })
})
