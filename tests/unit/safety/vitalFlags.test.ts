import { describe, expect, it } from 'vitest'
import { REFERENCE_SAFETY } from '../../../src/shared/protocols/protocols'
import { flagMeaning, vitalFlag, vitalsFlags, vitalsSegments } from '../../../src/shared/safety/vitalFlags'

const limits = REFERENCE_SAFETY.limits

describe('a reading flagged past its alert limit', () => {
  it('is flagged just over a high limit, not at it or just under (systolic 180)', () => {
    expect(vitalFlag('systolic', 179, limits)).toBeNull()
    expect(vitalFlag('systolic', 180, limits)).toBeNull()
    expect(vitalFlag('systolic', 181, limits)).toEqual({ direction: 'high', limit: 180 })
  })

  it('is flagged just under a low limit, not at it or just over (SpO2 92)', () => {
    expect(vitalFlag('spo2', 93, limits)).toBeNull()
    expect(vitalFlag('spo2', 92, limits)).toBeNull()
    expect(vitalFlag('spo2', 91, limits)).toEqual({ direction: 'low', limit: 92 })
  })

  it('has no flag where the protocol sets no limit (no SpO2 high, no diastolic low)', () => {
    expect(vitalFlag('spo2', 100, limits)).toBeNull()
    expect(vitalFlag('diastolic', 20, limits)).toBeNull()
  })

  it('says which limit it passed', () => {
    const high = vitalFlag('heartRate', 130, limits)
    const low = vitalFlag('respiratoryRate', 8, limits)
    expect(flagMeaning(high!)).toBe('above the limit of 120')
    expect(flagMeaning(low!)).toBe('below the limit of 10')
  })

  it('collects every flag of one vitals set', () => {
    expect(vitalsFlags({ systolic: 192, diastolic: 104, heartRate: 96, spo2: 90, respiratoryRate: 9 }, limits)).toEqual({
      systolic: { direction: 'high', limit: 180 },
      spo2: { direction: 'low', limit: 92 },
      respiratoryRate: { direction: 'low', limit: 10 }
    })
  })
})

describe('a vitals set written with its flags', () => {
  it('reads as the plain description when nothing is flagged', () => {
    const text = vitalsSegments({ systolic: 124, diastolic: 78, heartRate: 74, spo2: 98, respiratoryRate: 14 }, limits).map((s) => s.text).join('')
    expect(text).toBe('BP 124/78 · HR 74 · SpO2 98% · RR 14')
  })

  it('puts the arrow on each value past its limit, and only there', () => {
    const segments = vitalsSegments({ systolic: 192, diastolic: 104, heartRate: 96, spo2: 90, respiratoryRate: 9, sedation: 3 }, limits)
    expect(segments.map((s) => s.text).join('')).toBe('BP 192↑/104 · HR 96 · SpO2 90↓% · RR 9↓ · MOAA/S 3')
    expect(segments.filter((s) => s.flag).map((s) => s.text)).toEqual(['192↑', '90↓', '9↓'])
  })
})
