import { afterEach, describe, expect, it } from 'vitest'
import { recordEntry } from '../../../src/main/record/entries'
import { createSession } from '../../../src/main/sessions/sessions'
import { plannedRate } from '../../../src/shared/record/plan'
import { catchError, makeSeededContext, STANDARD_PLAN } from '../helpers'

const cleanups: (() => void)[] = []
afterEach(() => cleanups.splice(0).forEach((c) => c()))

describe('the start rate the app proposes', () => {
  it('0.5 mg/kg over 45 min started at exactly 2/3 mg/kg/h needs no over-plan confirmation; the rounded 0.67 does', () => {
    const t = makeSeededContext()
    cleanups.push(t.cleanup)
    const plan = { ...STANDARD_PLAN, plannedDurationMin: 45 }
    // By hand: 0.5 mg/kg over 0.75 h is 2/3 mg/kg/h; the app's proposal must be that figure.
    expect(Math.abs(plannedRate(plan).mgPerKgPerHour - 2 / 3)).toBeLessThan(1e-12)
    const s = createSession(t.ctx, { patientId: t.patient.id, authorId: t.team.nurse.id, plan, team: { physicianId: t.team.physician.id, nurseId: t.team.nurse.id, therapistId: null } })
    const start = (value: number) =>
      recordEntry(t.ctx, { sessionId: s.id, authorId: t.team.physician.id, entry: { type: 'infusion_started', rate: { value, unit: 'mg/kg/h' } } })
    expect(catchError(() => start(0.67))).toMatchObject({ code: 'CONFIRMATION_REQUIRED', field: 'entry.rate.value' })
    const saved = start(plannedRate(plan).mgPerKgPerHour)
    expect((saved.payload as { rate: { value: number } }).rate.value).toBe(plannedRate(plan).mgPerKgPerHour)
  })

  it('the exact planned rate, in mg/h or mL/h, for durations from 20 to 480 min, never trips the over-plan check', () => {
    const t = makeSeededContext()
    cleanups.push(t.cleanup)
    for (const minutes of [20, 40, 45, 47, 59, 61, 97, 119, 480]) {
      const plan = { ...STANDARD_PLAN, plannedDurationMin: minutes }
      const exact = plannedRate(plan)
      for (const rate of [{ value: exact.mgPerHour, unit: 'mg/h' as const }, { value: exact.mlPerHour, unit: 'mL/h' as const }]) {
        const s = createSession(t.ctx, { patientId: t.patient.id, authorId: t.team.nurse.id, plan, team: { physicianId: t.team.physician.id, nurseId: t.team.nurse.id, therapistId: null } })
        expect(recordEntry(t.ctx, { sessionId: s.id, authorId: t.team.physician.id, entry: { type: 'infusion_started', rate } }).type).toBe('infusion_started')
      }
    }
  })
})
