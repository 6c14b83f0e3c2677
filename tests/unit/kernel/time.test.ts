import { describe, expect, it } from 'vitest'
import { formatDuration, formatElapsed, isLate, LATE_AFTER_MS } from '../../../src/shared/kernel/clinicalTime'
import { formatClock, overPlanMessage } from '../../../src/shared/record/messages'

const SEC = 1000
const MIN = 60 * SEC

describe('clinical time', () => {
  it('an entry documented up to five minutes after its time is not late; later than that it is', () => {
    expect(LATE_AFTER_MS).toBe(5 * MIN)
    expect(isLate(0, 0)).toBe(false)
    expect(isLate(0, 5 * MIN)).toBe(false)
    expect(isLate(0, 5 * MIN + 1)).toBe(true)
    expect(isLate(10 * MIN, 4 * MIN)).toBe(false)
  })

  it('elapsed time reads T+mm:ss and keeps counting minutes past the hour', () => {
    expect(formatElapsed(0)).toBe('T+00:00')
    expect(formatElapsed(59 * SEC + 999)).toBe('T+00:59')
    expect(formatElapsed(65 * SEC)).toBe('T+01:05')
    expect(formatElapsed(125 * MIN + 3 * SEC)).toBe('T+125:03')
  })

  it('time before the infusion start reads T-mm:ss', () => {
    expect(formatElapsed(-1 * SEC)).toBe('T-00:01')
    expect(formatElapsed(-(10 * MIN + 30 * SEC))).toBe('T-10:30')
  })

  it('less than a second before the start does not read as minus zero', () => {
    expect(formatElapsed(-1)).toBe('T+00:00')
    expect(formatElapsed(-999)).toBe('T+00:00')
  })

  it('durations read mm:ss, or h:mm:ss past an hour, and never go negative', () => {
    expect(formatDuration(0)).toBe('00:00')
    expect(formatDuration(59 * MIN + 59 * SEC)).toBe('59:59')
    expect(formatDuration(60 * MIN)).toBe('1:00:00')
    expect(formatDuration(2 * 60 * MIN + 5 * MIN + 7 * SEC)).toBe('2:05:07')
    expect(formatDuration(-5 * SEC)).toBe('00:00')
  })
})

describe('messages', () => {
  it('clock times are local HH:MM:SS', () => {
    expect(formatClock(new Date(2025, 2, 10, 9, 5, 7).getTime())).toBe('09:05:07')
    expect(formatClock(new Date(2025, 2, 10, 23, 59, 59).getTime())).toBe('23:59:59')
  })

  it('the over-plan message gives the planned total and when it is passed', () => {
    const m = overPlanMessage({ minutesToPlannedTotal: 30, plannedTotalMg: 35, projectedMg: 46.7 })
    expect(m).toContain('35.0 mg')
    expect(m).toContain('in 30.0 min')
    expect(m).toMatch(/confirm/i)
  })

  it('the over-plan message says "at once" when the total is already reached', () => {
    expect(overPlanMessage({ minutesToPlannedTotal: 0, plannedTotalMg: 35, projectedMg: 36 })).toContain('at once')
  })
})
