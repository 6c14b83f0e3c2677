import { describe, expect, it } from 'vitest'
import { protocolDefinitionSchema, REFERENCE_SAFETY, type ProtocolDefinition } from '../../../src/shared/protocols/protocols'
import { dischargeAssessmentSchema } from '../../../src/shared/record/safetyPayloads'
import { describeScale, gad7Band, phq9Band, scalePayloadSchema, scaleTotal } from '../../../src/shared/record/scales'

const IV: ProtocolDefinition = {
  name: 'IV test',
  drug: 'racemic ketamine',
  route: 'IV',
  dose: { kind: 'mg/kg', value: 0.5 },
  durationMin: 40,
  defaultConcentrationMgPerMl: 1,
  defaultBagVolumeMl: 100,
  ...REFERENCE_SAFETY
}
const firstIssue = (r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) => {
  const i = r.error?.issues[0]
  return i && { path: i.path.join('.'), message: i.message }
}

describe('protocol definitions', () => {
  it('the reference defaults make a valid protocol', () => {
    expect(protocolDefinitionSchema.safeParse(IV).success).toBe(true)
  })

  it('a low limit above the high limit is refused with a clear message', () => {
    const r = protocolDefinitionSchema.safeParse({ ...IV, limits: { ...IV.limits, heartRate: { low: 130, high: 120 } } })
    expect(firstIssue(r)).toEqual({ path: 'limits.heartRate.low', message: 'Heart rate: the low limit must be below the high limit' })
    // Equal is contradictory too: every value would alert.
    expect(protocolDefinitionSchema.safeParse({ ...IV, limits: { ...IV.limits, spo2: { low: 95, high: 95 } } }).success).toBe(false)
  })

  it('a protocol without a name or a dose is refused', () => {
    expect(firstIssue(protocolDefinitionSchema.safeParse({ ...IV, name: '  ' }))).toEqual({ path: 'name', message: 'Give the protocol a name' })
    const { dose: _, ...noDose } = IV
    expect(firstIssue(protocolDefinitionSchema.safeParse(noDose))?.path).toBe('dose')
    expect(firstIssue(protocolDefinitionSchema.safeParse({ ...IV, dose: { kind: 'mg/kg', value: 0 } }))?.path).toBe('dose.value')
  })

  it('limits outside physiological plausibility, and a dose unit that does not fit the drug, are refused', () => {
    expect(protocolDefinitionSchema.safeParse({ ...IV, limits: { ...IV.limits, systolic: { low: 90, high: 400 } } }).success).toBe(false)
    expect(firstIssue(protocolDefinitionSchema.safeParse({ ...IV, drug: 'esketamine', route: 'intranasal' }))?.path).toBe('dose.kind')
  })

  it('a check listed twice is refused', () => {
    expect(protocolDefinitionSchema.safeParse({ ...IV, requiredChecks: ['consent', 'consent'] }).success).toBe(false)
  })
})

describe('scales', () => {
  it('single scores within their ranges are accepted, and one past either end is refused', () => {
    const ranges = { moaas: 5, distress: 10, dissociation: 4, cadss: 92 } as const
    for (const [kind, max] of Object.entries(ranges)) {
      expect(scalePayloadSchema.safeParse({ kind, score: 0 }).success, kind).toBe(true)
      expect(scalePayloadSchema.safeParse({ kind, score: max }).success, kind).toBe(true)
      expect(scalePayloadSchema.safeParse({ kind, score: max + 1 }).success, kind).toBe(false)
      expect(scalePayloadSchema.safeParse({ kind, score: -1 }).success, kind).toBe(false)
      expect(scalePayloadSchema.safeParse({ kind, score: 1.5 }).success, kind).toBe(false)
    }
  })

  it('PHQ-9 needs all nine answers from 0 to 3', () => {
    expect(scalePayloadSchema.safeParse({ kind: 'phq9', timing: 'before', items: [0, 1, 2, 3, 0, 1, 2, 3, 0] }).success).toBe(true)
    const bad = scalePayloadSchema.safeParse({ kind: 'phq9', timing: 'before', items: [0, 1, 2, 4, 0, 1, 2, 3, 0] })
    expect(firstIssue(bad)).toEqual({ path: 'items.3', message: 'Each PHQ-9 answer must be a whole number from 0 to 3' })
    expect(firstIssue(scalePayloadSchema.safeParse({ kind: 'phq9', timing: 'before', items: [0, 1] }))?.message).toBe('Answer all 9 PHQ-9 items')
    expect(scalePayloadSchema.safeParse({ kind: 'gad7', timing: 'after', items: [3, 3, 3, 3, 3, 3, 3] }).success).toBe(true)
    expect(scalePayloadSchema.safeParse({ kind: 'gad7', items: [3, 3, 3, 3, 3, 3, 3] }).success).toBe(false)
  })

  it('PHQ-9 and GAD-7 bands at their boundaries', () => {
    expect([4, 5, 9, 10, 14, 15, 19, 20, 27].map(phq9Band)).toEqual([
      'minimal',
      'mild',
      'mild',
      'moderate',
      'moderate',
      'moderately severe',
      'moderately severe',
      'severe',
      'severe'
    ])
    expect([4, 5, 9, 10, 14, 15, 21].map(gad7Band)).toEqual(['minimal', 'mild', 'mild', 'moderate', 'moderate', 'severe', 'severe'])
  })

  it('totals add the items; the description carries total, band and items', () => {
    const s = { kind: 'phq9' as const, timing: 'before' as const, items: [2, 2, 1, 1, 1, 1, 1, 1, 2] }
    expect(scaleTotal(s)).toBe(12)
    expect(describeScale(s)).toBe('PHQ-9 (before) 12/27 · moderate · items 2 2 1 1 1 1 1 1 2 · item 9 positive: assess suicide risk')
    expect(describeScale({ kind: 'moaas', score: 4 })).toBe('MOAA/S 4/5 · Lethargic response to name spoken in normal tone')
  })
})

describe('discharge assessment', () => {
  const ok = {
    aldrete: { activity: 2, respiration: 2, circulation: 2, consciousness: 2, oxygenSaturation: 2 },
    escortPresent: true,
    noDrivingAdviceGiven: true,
    patientReport: 'Feels fine'
  }
  it('Aldrete items are 0, 1 or 2', () => {
    expect(dischargeAssessmentSchema.safeParse(ok).success).toBe(true)
    expect(firstIssue(dischargeAssessmentSchema.safeParse({ ...ok, aldrete: { ...ok.aldrete, activity: 3 } }))).toEqual({
      path: 'aldrete.activity',
      message: 'Activity must be scored 0, 1 or 2'
    })
  })
  it("the patient's own report is required", () => {
    expect(firstIssue(dischargeAssessmentSchema.safeParse({ ...ok, patientReport: ' ' }))?.path).toBe('patientReport')
  })
})
