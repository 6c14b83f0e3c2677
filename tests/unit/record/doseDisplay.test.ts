import { describe, expect, it } from 'vitest'
import { formatAmount, formatDose } from '../../../src/shared/record/doseDisplay'

describe('medication amounts on screen (ISMP)', () => {
  it('writes whole amounts without a trailing zero', () => {
    expect(formatDose(35, 'mg')).toBe('35 mg')
    expect(formatDose(35.0, 'mg')).toBe('35 mg')
    expect(formatDose(0.5, 'mg/kg')).toBe('0.5 mg/kg')
    expect(formatDose(0.5, 'mg/kg/h')).toBe('0.5 mg/kg/h')
  })

  it('always writes a leading zero before the decimal point', () => {
    expect(formatDose(0.75, 'mg/kg/h')).toBe('0.75 mg/kg/h')
    expect(formatAmount(0.05, 2)).toBe('0.05')
  })

  it('rounds to the unit’s places and then drops the zeros the rounding left', () => {
    expect(formatDose(27.44, 'mg')).toBe('27.4 mg')
    expect(formatDose(27.46, 'mg')).toBe('27.5 mg')
    expect(formatDose(34.96, 'mg')).toBe('35 mg')
    expect(formatDose(52.5, 'mg/h')).toBe('52.5 mg/h')
    expect(formatDose(0.7499, 'mg/kg/h')).toBe('0.75 mg/kg/h')
    expect(formatDose(0.704, 'mg/kg/h')).toBe('0.7 mg/kg/h')
  })

  it('shows nothing delivered as 0 with its unit, never as -0 or an empty string', () => {
    expect(formatDose(0, 'mg')).toBe('0 mg')
    expect(formatDose(-0, 'mg')).toBe('0 mg')
    expect(formatDose(-0.001, 'mg')).toBe('0 mg')
    expect(formatDose(0.04, 'mg')).toBe('0 mg')
    expect(formatDose(0.05, 'mg')).toBe('0.1 mg')
  })

  it('groups thousands from 1,000 and not below', () => {
    expect(formatAmount(999, 1)).toBe('999')
    expect(formatAmount(999.96, 1)).toBe('1,000')
    expect(formatAmount(1000, 1)).toBe('1,000')
    expect(formatAmount(1234567.25, 2)).toBe('1,234,567.25')
  })

  it('keeps the sign of a negative amount (a difference, never a dose)', () => {
    expect(formatAmount(-2.5, 1)).toBe('-2.5')
  })

  it('writes a missing number as a dash, never NaN or Infinity', () => {
    expect(formatAmount(Number.NaN, 1)).toBe('—')
    expect(formatAmount(Number.POSITIVE_INFINITY, 1)).toBe('—')
  })
})
