import { describe, expect, it } from 'vitest'
import { DEFAULT_DOSE_LIMITS, doseLimitsOf, doseLimitsSchema, drugLimitFor, type DoseLimits } from '../../../src/shared/protocols/doseLimits'
import { protocolDefinitionSchema } from '../../../src/shared/protocols/protocols'
import type { SessionPlan } from '../../../src/shared/record/plan'
import { planLimitProblems, rateLimitProblems, weightProblem, type LimitProblem } from '../../../src/shared/safety/doseLimits'
import { PROTOCOL_DEFINITION } from '../../fixtures/validInputs'

// Every expected figure below is worked out by hand from the defaults (IV ketamine: dose 0.1–1 mg/kg
// soft, 2 mg/kg hard; rate 1.5 mg/kg/h soft, 3 mg/kg/h hard; 200 mg hard total; 10 mg/mL; weight 10 %).
const IV = drugLimitFor(DEFAULT_DOSE_LIMITS, 'racemic ketamine', 'IV')!
const plan = (over: Partial<SessionPlan> = {}): SessionPlan => ({
  weightKg: 70,
  route: 'IV',
  drug: 'racemic ketamine',
  concentrationMgPerMl: 1,
  bagVolumeMl: 500,
  plannedDose: { kind: 'mg/kg', value: 0.5 },
  // Long enough that the planned rate stays under every rate limit unless a test says otherwise.
  plannedDurationMin: 120,
  ...over
})
const levels = (ps: LimitProblem[], field?: LimitProblem['field']) => ps.filter((p) => !field || p.field === field).map((p) => p.level)
const mgkg = (value: number) => ({ plannedDose: { kind: 'mg/kg' as const, value } })

describe('the rate against the library', () => {
  it.each([
    [1.499, []],
    [1.5, []],
    [1.501, ['soft']],
    [2.999, ['soft']],
    [3, ['soft']],
    [3.001, ['hard']]
  ])('%s mg/kg/h gives %j', (rate, expected) => {
    expect(levels(rateLimitProblems(rate, IV))).toEqual(expected)
  })

  it('a ten-fold typo (7.5 for 0.75 mg/kg/h) is refused, naming the limit', () => {
    const [p] = rateLimitProblems(7.5, IV)
    expect(p).toEqual({ level: 'hard', message: 'Rate 7.5 mg/kg/h is above the hard limit of 3 mg/kg/h for racemic ketamine IV' })
  })

  it('a rate exactly at the hard limit reached through mg/h is not refused for a rounding error', () => {
    // 72.4 kg × 3 mg/kg/h = 217.2 mg/h, by hand.
    expect(levels(rateLimitProblems(217.2 / 72.4, IV))).toEqual(['soft'])
    expect(levels(rateLimitProblems(217.3 / 72.4, IV))).toEqual(['hard'])
  })

  it('a route without rate limits has no rate problems, and nor has a drug not in the library', () => {
    expect(rateLimitProblems(50, drugLimitFor(DEFAULT_DOSE_LIMITS, 'racemic ketamine', 'IM'))).toEqual([])
    expect(rateLimitProblems(50, null)).toEqual([])
  })
})

describe('the session plan against the library', () => {
  it.each([
    [0.099, ['soft']],
    [0.1, []],
    [0.101, []],
    [0.999, []],
    [1, []],
    [1.001, ['soft']],
    [1.999, ['soft']],
    [2, ['soft']],
    [2.001, ['hard']]
  ])('a dose of %s mg/kg gives %j', (value, expected) => {
    expect(levels(planLimitProblems(plan(mgkg(value)), DEFAULT_DOSE_LIMITS, 70), 'plannedDose')).toEqual(expected)
  })

  it('ten times the protocol dose is refused with the limit named', () => {
    const ps = planLimitProblems(plan({ ...mgkg(5), plannedDurationMin: 480 }), DEFAULT_DOSE_LIMITS, 70)
    expect(ps.find((p) => p.field === 'plannedDose')).toEqual({
      level: 'hard',
      field: 'plannedDose',
      message: 'Dose 5 mg/kg is above the hard limit of 2 mg/kg for racemic ketamine IV'
    })
  })

  it('a fixed dose in mg is checked per kg too: 140 mg for 70 kg is 2 mg/kg', () => {
    expect(levels(planLimitProblems(plan({ plannedDose: { kind: 'mg', value: 140 } }), DEFAULT_DOSE_LIMITS, 70), 'plannedDose')).toEqual(['soft'])
    expect(levels(planLimitProblems(plan({ plannedDose: { kind: 'mg', value: 140.1 } }), DEFAULT_DOSE_LIMITS, 70), 'plannedDose')).toEqual(['hard'])
  })

  it.each([
    [199.9, false],
    [200, false],
    [200.1, true]
  ])('a total of %s mg (120 kg) is refused: %s', (mg, refused) => {
    const ps = planLimitProblems(plan({ weightKg: 120, plannedDose: { kind: 'mg', value: mg } }), DEFAULT_DOSE_LIMITS, 120)
    expect(ps.some((p) => p.level === 'hard' && p.message.startsWith('Total'))).toBe(refused)
  })

  it.each([
    [9.99, false],
    [10, false],
    [10.01, true],
    [100, true]
  ])('an IV concentration of %s mg/mL is refused: %s', (c, refused) => {
    const ps = planLimitProblems(plan({ concentrationMgPerMl: c, bagVolumeMl: 50 }), DEFAULT_DOSE_LIMITS, 70)
    expect(levels(ps, 'concentrationMgPerMl')).toEqual(refused ? ['hard'] : [])
  })

  it('undiluted 100 mg/mL says to dilute it', () => {
    const ps = planLimitProblems(plan({ concentrationMgPerMl: 100, bagVolumeMl: 1 }), DEFAULT_DOSE_LIMITS, 70)
    expect(ps.find((p) => p.field === 'concentrationMgPerMl')?.message).toBe(
      'Concentration 100 mg/mL is above the hard limit of 10 mg/mL for racemic ketamine IV: dilute it'
    )
  })

  it('the planned rate is checked: 0.5 mg/kg over 40 min is 0.75 mg/kg/h, within; over 10 min is 3 mg/kg/h, soft; over 9 min, refused', () => {
    expect(levels(planLimitProblems(plan({ plannedDurationMin: 40 }), DEFAULT_DOSE_LIMITS, 70), 'plannedDurationMin')).toEqual([])
    expect(levels(planLimitProblems(plan({ plannedDurationMin: 10 }), DEFAULT_DOSE_LIMITS, 70), 'plannedDurationMin')).toEqual(['soft'])
    expect(levels(planLimitProblems(plan({ plannedDurationMin: 9 }), DEFAULT_DOSE_LIMITS, 70), 'plannedDurationMin')).toEqual(['hard'])
  })

  it('a planned rate exactly at a limit set to 0.75 mg/kg/h is within it', () => {
    const tight: DoseLimits = { ...DEFAULT_DOSE_LIMITS, drugs: [{ ...IV, rateMgPerKgPerHour: { softMax: 0.75, hardMax: 0.75 } }] }
    expect(planLimitProblems(plan({ plannedDurationMin: 40 }), tight, 70)).toEqual([])
    expect(levels(planLimitProblems(plan({ plannedDurationMin: 39 }), tight, 70))).toEqual(['hard'])
  })

  it('a drug and route the library does not list needs a confirmation', () => {
    const ps = planLimitProblems(plan({ route: 'intranasal' }), DEFAULT_DOSE_LIMITS, 70)
    expect(ps).toEqual([{ level: 'soft', field: 'drug', message: 'The drug library has no limits for racemic ketamine intranasal' }])
  })

  it('esketamine 84 mg is within its limit, 112 mg is refused', () => {
    const esk = plan({ drug: 'esketamine', route: 'intranasal', plannedDose: { kind: 'mg', value: 84 }, concentrationMgPerMl: 140, bagVolumeMl: 1 })
    expect(planLimitProblems({ ...esk, concentrationMgPerMl: 100 }, DEFAULT_DOSE_LIMITS, 70)).toEqual([])
    expect(levels(planLimitProblems({ ...esk, concentrationMgPerMl: 100, bagVolumeMl: 2, plannedDose: { kind: 'mg', value: 112 } }, DEFAULT_DOSE_LIMITS, 70))).toEqual(['hard'])
  })
})

describe("today's weight against the patient record's", () => {
  it.each([
    [62.9, true],
    [63, false],
    [70, false],
    [77, false],
    [77.1, true]
  ])('%s kg against 70 kg needs a confirmation: %s', (kg, soft) => {
    expect(weightProblem(kg, 70, 10)?.level ?? null).toBe(soft ? 'soft' : null)
  })

  it('a weight that looks like pounds is called out', () => {
    // 70 kg is 154.3 lb.
    expect(weightProblem(154, 70, 10)?.message).toBe('Weight 154 kg looks like pounds: the patient record says 70 kg (154.323 lb)')
  })

  it('a record weight that looks like pounds is called out too', () => {
    expect(weightProblem(70, 154, 10)?.message).toBe("The patient record's weight of 154 kg looks like pounds: today's 70 kg is 154.323 lb")
  })

  it('no record weight, no weight problem', () => {
    expect(weightProblem(154, null, 10)).toBeNull()
  })
})

describe('the library in the protocol', () => {
  it('a protocol version stored before the library reads with the shipped defaults', () => {
    const { doseLimits: _, ...old } = { ...PROTOCOL_DEFINITION, doseLimits: undefined }
    const parsed = protocolDefinitionSchema.parse(old)
    expect(parsed.doseLimits).toBeUndefined()
    expect(doseLimitsOf(parsed)).toBe(DEFAULT_DOSE_LIMITS)
    expect(doseLimitsOf(null)).toBe(DEFAULT_DOSE_LIMITS)
  })

  it('a protocol keeps its own library', () => {
    const own: DoseLimits = { ...DEFAULT_DOSE_LIMITS, weightDifferencePct: 15 }
    expect(doseLimitsOf(protocolDefinitionSchema.parse({ ...PROTOCOL_DEFINITION, doseLimits: own }))).toEqual(own)
  })

  it('refuses a soft limit above the hard one, a minimum above the maximum, and a drug listed twice', () => {
    const bad = (d: typeof IV) => doseLimitsSchema.safeParse({ ...DEFAULT_DOSE_LIMITS, drugs: [d] }).success
    expect(bad({ ...IV, rateMgPerKgPerHour: { softMax: 4, hardMax: 3 } })).toBe(false)
    expect(bad({ ...IV, dosePerKg: { softMin: 1, softMax: 1, hardMax: 2 } })).toBe(false)
    expect(bad({ ...IV, dosePerKg: { softMin: 0.1, softMax: 3, hardMax: 2 } })).toBe(false)
    expect(bad(IV)).toBe(true)
    expect(doseLimitsSchema.safeParse({ ...DEFAULT_DOSE_LIMITS, drugs: [IV, IV] }).success).toBe(false)
    expect(doseLimitsSchema.safeParse({ ...DEFAULT_DOSE_LIMITS, weightDifferencePct: 0 }).success).toBe(false)
  })

  it('a protocol whose own dose is over its library’s hard limit is refused at the dose', () => {
    const r = protocolDefinitionSchema.safeParse({ ...PROTOCOL_DEFINITION, dose: { kind: 'mg/kg', value: 2.5 } })
    expect(r.success).toBe(false)
    expect(r.error?.issues.find((i) => i.path.join('.') === 'dose.value')?.message).toBe("The dose is above the drug library's hard limit of 2 mg/kg")
    expect(protocolDefinitionSchema.safeParse({ ...PROTOCOL_DEFINITION, dose: { kind: 'mg/kg', value: 2 } }).success).toBe(true)
  })

  it('the shipped defaults are valid', () => {
    expect(doseLimitsSchema.parse(DEFAULT_DOSE_LIMITS)).toEqual(DEFAULT_DOSE_LIMITS)
  })
})
