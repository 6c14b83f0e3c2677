import { afterEach, describe, expect, it } from 'vitest'
import { recordEntry } from '../../../src/main/services/entries'
import { courseOfPatient } from '../../../src/main/services/records'
import { makeSeededContext, MIN, seedSession, T0 } from '../helpers'

const cleanups: (() => void)[] = []
afterEach(() => cleanups.splice(0).forEach((c) => c()))

describe("a patient's course", () => {
  it('lists each session oldest first with its delivered dose and peak blood pressure; alerts and scales say not recorded', () => {
    const t = makeSeededContext()
    cleanups.push(t.cleanup)
    const rec = (sessionId: number, min: number, authorId: number, entry: Parameters<typeof recordEntry>[1]['entry']) => {
      t.clock.set(T0 + min * MIN)
      return recordEntry(t.ctx, { sessionId, authorId, entry })
    }
    const v = (sys: number, dia: number) => ({ type: 'vitals' as const, vitals: { systolic: sys, diastolic: dia, heartRate: 70, spo2: 98, respiratoryRate: 14 } })
    const first = t.session.id
    rec(first, 1, t.team.nurse.id, v(130, 85))
    rec(first, 2, t.team.physician.id, { type: 'infusion_started', rate: { value: 0.75, unit: 'mg/kg/h' } })
    rec(first, 20, t.team.nurse.id, v(152, 90))
    rec(first, 22, t.team.nurse.id, v(150, 99))
    rec(first, 42, t.team.physician.id, { type: 'infusion_stopped' })
    rec(first, 100, t.team.physician.id, { type: 'session_ended' })
    t.clock.set(T0 + 3 * 24 * 60 * MIN)
    const second = seedSession(t.ctx, t.team, t.patient)
    const course = courseOfPatient(t.ctx, t.patient.id)
    expect(course.map((c) => c.sessionId)).toEqual([first, second.id])
    // 52.5 mg/h for 40 min = 35 mg.
    expect(course[0]!.deliveredMg).toBeCloseTo(35, 9)
    expect(course[0]!.peakBp).toMatchObject({ systolic: 152, diastolic: 90 })
    expect(course[0]!.ended).toBe(true)
    expect(course[0]!.alerts).toBeNull()
    expect(course[1]).toMatchObject({ deliveredMg: 0, peakBp: null, ended: false })
  })
})
