import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { overPlanWarning, rateToMgPerHour, RATE_UNITS } from '../../../src/shared/record/infusion'
import { absurdRateProblem, planProblem, plannedTotalMg, type SessionPlan } from '../../../src/shared/record/plan'

const planArb: fc.Arbitrary<SessionPlan> = fc.record({
  weightKg: fc.integer({ min: 200, max: 3500 }).map((n) => n / 10),
  route: fc.constant('IV' as const),
  drug: fc.constant('racemic ketamine' as const),
  concentrationMgPerMl: fc.integer({ min: 1, max: 1000 }).map((n) => n / 100),
  bagVolumeMl: fc.integer({ min: 1, max: 1000 }),
  plannedDose: fc.oneof(
    fc.integer({ min: 1, max: 50 }).map((n) => ({ kind: 'mg/kg' as const, value: n / 10 })),
    fc.integer({ min: 1, max: 500 }).map((n) => ({ kind: 'mg' as const, value: n }))
  ),
  plannedDurationMin: fc.integer({ min: 1, max: 480 })
})

/** Ten times the planned rate, worked out directly in the unit a nurse would type it in. */
function tenTimesPlanned(plan: SessionPlan, unit: (typeof RATE_UNITS)[number]): number {
  const hours = plan.plannedDurationMin / 60
  const totalMg = plan.plannedDose.kind === 'mg/kg' ? plan.plannedDose.value * plan.weightKg : plan.plannedDose.value
  if (unit === 'mg/h') return (10 * totalMg) / hours
  if (unit === 'mL/h') return (10 * totalMg) / plan.concentrationMgPerMl / hours
  return plan.plannedDose.kind === 'mg/kg' ? (10 * plan.plannedDose.value) / hours : (10 * totalMg) / plan.weightKg / hours
}

describe('plan properties', () => {
  it('exactly ten times the planned rate, typed in any unit, is not taken for a typing error', () => {
    fc.assert(
      fc.property(planArb, fc.constantFrom(...RATE_UNITS), (plan, unit) => {
        const mgPerHour = rateToMgPerHour({ value: tenTimesPlanned(plan, unit), unit }, plan)
        expect(absurdRateProblem(mgPerHour, plan)).toBeNull()
      }),
      { numRuns: 2000 }
    )
  })

  it('the planned rate, typed in any unit, never asks for over-plan confirmation at the start', () => {
    fc.assert(
      fc.property(planArb, fc.constantFrom(...RATE_UNITS), (plan, unit) => {
        const proposedMgPerHour = rateToMgPerHour({ value: tenTimesPlanned(plan, unit) / 10, unit }, plan)
        const w = overPlanWarning({ deliveredMg: 0, infusedMs: 0, proposedMgPerHour, plannedTotalMg: plannedTotalMg(plan), plannedDurationMin: plan.plannedDurationMin })
        expect(w).toBeNull()
      }),
      { numRuns: 2000 }
    )
  })

  it('one percent above ten times the planned rate is taken for a typing error', () => {
    fc.assert(
      fc.property(planArb, fc.constantFrom(...RATE_UNITS), (plan, unit) => {
        const mgPerHour = rateToMgPerHour({ value: tenTimesPlanned(plan, unit) * 1.01, unit }, plan)
        expect(absurdRateProblem(mgPerHour, plan)).toMatch(/10 times/)
      })
    )
  })

  it('a bag is too small exactly when it holds less than the planned total', () => {
    fc.assert(
      fc.property(planArb, (plan) => {
        const bagMg = plan.concentrationMgPerMl * plan.bagVolumeMl
        const total = plannedTotalMg(plan)
        // Leave out the knife-edge where float rounding decides.
        fc.pre(Math.abs(bagMg - total) > 1e-6)
        expect(planProblem(plan) !== null).toBe(total > bagMg)
      })
    )
  })
})
