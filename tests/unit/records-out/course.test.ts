import { afterEach, describe, expect, it } from 'vitest'
import { recordEntry } from '../../../src/main/record/entries'
import { courseOfPatient } from '../../../src/main/records-out/records'
import { makeSeededContext, MIN, seedSession, T0, END_OVERRIDDEN } from '../helpers'
import { safetySession } from './safetyScenario'

const cleanups: (() => void)[] = []
afterEach(() => cleanups.splice(0).forEach((c) => c()))

describe("a patient's course", () => {
  it('lists each session oldest first with its delivered dose, peak blood pressure and the alerts it raised', () => {
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
    rec(first, 100, t.team.physician.id, END_OVERRIDDEN)
    t.clock.set(T0 + 3 * 24 * 60 * MIN)
    const second = seedSession(t.ctx, t.team, t.patient)
    const course = courseOfPatient(t.ctx, t.patient.id)
    expect(course.map((c) => c.sessionId)).toEqual([first, second.id])
    // 52.5 mg/h for 40 min = 35 mg.
    expect(course[0]!.deliveredMg).toBeCloseTo(35, 9)
    expect(course[0]!.peakBp).toMatchObject({ systolic: 152, diastolic: 90 })
    expect(course[0]!.ended).toBe(true)
    // No protocol: the reference limits (vitals every 10 min during infusion, 15 in recovery). Overdue
    // 12 -> 20 min, then 32 -> 100: the stop does not reset the schedule, the end ends it. Two alerts.
    expect(course[0]!.alerts).toBe(2)
    expect(course[0]!.scales).toEqual([])
    expect(course[1]).toMatchObject({ deliveredMg: 0, peakBp: null, ended: false, alerts: 0, scales: [] })
  })
})

describe("a patient's course with clinical safety entries", () => {
  it('counts the alerts each session raised and shows PHQ-9 and GAD-7 before and after', () => {
    const s = safetySession()
    cleanups.push(s.cleanup)
    const [row] = courseOfPatient(s.ctx, s.patient.id)
    // The systolic of 190 (acknowledged) and the overdue vitals at 28-31 and 51-58 min.
    expect(row!.alerts).toBe(3)
    expect(row!.scales).toEqual([
      { scale: 'PHQ-9', pre: 10, post: 5 },
      { scale: 'GAD-7', pre: 10, post: 3 }
    ])
    expect(row!.deliveredMg).toBeCloseTo(35, 9)
  })

  it('a repeated questionnaire counts its latest score; one taken only before has no after', () => {
    const t = makeSeededContext()
    cleanups.push(t.cleanup)
    const phq9 = (min: number, timing: 'before' | 'after', items: number[]) => {
      t.clock.set(T0 + min * MIN)
      recordEntry(t.ctx, { sessionId: t.session.id, authorId: t.team.therapist.id, entry: { type: 'scale', scale: { kind: 'phq9', timing, items } } })
    }
    phq9(1, 'before', [3, 3, 3, 3, 3, 3, 3, 3, 0])
    phq9(2, 'before', [2, 2, 2, 2, 2, 2, 2, 2, 0])
    expect(courseOfPatient(t.ctx, t.patient.id)[0]!.scales).toEqual([{ scale: 'PHQ-9', pre: 16, post: null }])
  })
})
