import { describe, expect, it } from 'vitest'
import { preInfusionProblems, preInfusionState } from '../../../src/shared/safety/checks'
import { ageInYears, CHECK_IDS, REFERENCE_SAFETY, type SafetySettings } from '../../../src/shared/protocols/protocols'
import type { Checklist } from '../../../src/shared/record/safetyPayloads'
import { at, RecordBuilder } from './build'

const ALL: SafetySettings = { ...REFERENCE_SAFETY, requiredChecks: [...CHECK_IDS] }
const COMPLETE: Checklist = {
  consent: true,
  escort: true,
  screening: { hypertension: 'no', psychosis: 'no', pregnancy: 'not_applicable', trauma: 'no' },
  lastFoodDrink: 'Toast 07:30'
}
const problems = (b: RecordBuilder, safety = ALL, age: number | null = 40) =>
  preInfusionProblems(preInfusionState(b.entries, Number.MAX_SAFE_INTEGER), safety, age).map((p) => p.message)

function ready(): RecordBuilder {
  const b = new RecordBuilder()
  b.add({ type: 'checklist', checklist: COMPLETE }, at(-10))
  b.vitals(at(-5))
  b.add({ type: 'scale', scale: { kind: 'distress', score: 3 } }, at(-4))
  return b
}

describe('pre-infusion checks', () => {
  it('a complete checklist with baseline vitals and a scale meets every check', () => {
    expect(problems(ready())).toEqual([])
  })

  it('an empty record lists every required check', () => {
    expect(problems(new RecordBuilder())).toEqual([
      'Consent not confirmed',
      'Escort not arranged',
      'Screening question not answered: uncontrolled hypertension',
      'Screening question not answered: active psychosis',
      'Screening question not answered: pregnancy',
      'Screening question not answered: recent trauma',
      'Last food and drink not recorded',
      'No baseline vitals recorded',
      'No baseline scale recorded'
    ])
  })

  it('a "yes" to a screening question needs an override', () => {
    const b = ready()
    b.add({ type: 'checklist', checklist: { ...COMPLETE, screening: { ...COMPLETE.screening, psychosis: 'yes' } } }, at(-3))
    expect(problems(b)).toEqual(['Screening: active psychosis answered yes'])
  })

  it('the latest checklist counts, and one marked in error does not', () => {
    const b = ready()
    const later = b.add({ type: 'checklist', checklist: { ...COMPLETE, consent: false } }, at(-2))
    expect(problems(b)).toEqual(['Consent not confirmed'])
    b.amend('entered_in_error', later, at(-1))
    expect(problems(b)).toEqual([])
  })

  it('only the checks the protocol requires are asked for', () => {
    expect(problems(new RecordBuilder(), { ...ALL, requiredChecks: ['consent'] })).toEqual(['Consent not confirmed'])
    expect(problems(new RecordBuilder(), { ...ALL, requiredChecks: [] })).toEqual([])
  })

  it('a baseline vital outside the alert limits needs an override, at and around the limit', () => {
    const b = ready()
    b.vitals(at(-1), { systolic: 180 })
    expect(problems(b)).toEqual([])
    b.vitals(at(-0.5), { systolic: 181 })
    expect(problems(b)).toEqual(['Baseline systolic 181 mmHg is above the limit of 180'])
  })

  it('the pre-dose limit applies to the latest baseline, with the higher systolic from age 65', () => {
    const esk = { ...ALL, preDoseBp: { systolicMax: 140, diastolicMax: 90, systolicMaxAged65: 150 } }
    const b = ready()
    b.vitals(at(-1), { systolic: 145, diastolic: 85 })
    expect(problems(b, esk, 64)).toEqual(['Baseline BP 145/85 is above the pre-dose limit of 140/90'])
    expect(problems(b, esk, 65)).toEqual([])
    b.vitals(at(-0.5), { systolic: 140, diastolic: 91 })
    expect(problems(b, esk, 70)).toEqual(['Baseline BP 140/91 is above the pre-dose limit of 150/90'])
  })

  it('age is counted in whole years on the local date', () => {
    const noon = (y: number, m: number, d: number) => new Date(y, m - 1, d, 12).getTime()
    expect(ageInYears('1960-05-17', noon(2025, 5, 16))).toBe(64)
    expect(ageInYears('1960-05-17', noon(2025, 5, 17))).toBe(65)
  })
})
