import { afterEach, describe, expect, it } from 'vitest'
import { recordEntry } from '../../../src/main/record/entries'
import { listProtocols } from '../../../src/main/protocols/protocols'
import { remsForm } from '../../../src/main/records-out/records'
import { recordDischarge } from '../../../src/main/safety/safety'
import { createSession } from '../../../src/main/sessions/sessions'
import { isRemsSession } from '../../../src/shared/records-out/rems'
import type { SessionPlan } from '../../../src/shared/record/plan'
import { END_OVERRIDDEN, makeSeededContext, MIN, seedSession, T0 } from '../helpers'

const cleanups: (() => void)[] = []
afterEach(() => cleanups.splice(0).forEach((c) => c()))

const ESKETAMINE: SessionPlan = {
  weightKg: 70,
  route: 'intranasal',
  drug: 'esketamine',
  concentrationMgPerMl: 100,
  bagVolumeMl: 1,
  plannedDose: { kind: 'mg', value: 84 },
  plannedDurationMin: 5
}

function esketamineSession() {
  const t = makeSeededContext()
  cleanups.push(t.cleanup)
  const session = seedSession(t.ctx, t.team, t.patient, ESKETAMINE)
  const rec = (min: number, authorId: number, entry: Parameters<typeof recordEntry>[1]['entry']) => {
    t.clock.set(T0 + min * MIN)
    return recordEntry(t.ctx, { sessionId: session.id, authorId, entry, confirmOverPlan: true })
  }
  const v = (sys: number, dia: number, sedation?: number) => ({
    type: 'vitals' as const,
    vitals: { systolic: sys, diastolic: dia, heartRate: 70, spo2: 98, respiratoryRate: 14, ...(sedation === undefined ? {} : { sedation }) }
  })
  return { ...t, session, rec, v }
}

const byId = (form: NonNullable<ReturnType<typeof remsForm>>, id: string) => form.fields.find((f) => f.id === id)!

describe('REMS monitoring form data', () => {
  it('applies to intranasal esketamine only', () => {
    expect(isRemsSession(ESKETAMINE)).toBe(true)
    expect(isRemsSession({ drug: 'esketamine', route: 'IV' })).toBe(false)
    expect(isRemsSession({ drug: 'racemic ketamine', route: 'intranasal' })).toBe(false)
    const t = makeSeededContext()
    cleanups.push(t.cleanup)
    expect(remsForm(t.ctx, { sessionId: t.session.id })).toBeNull()
  })

  it('fills blood pressures, sedation, dissociation and monitoring time from the record', () => {
    const s = esketamineSession()
    s.rec(1, s.team.nurse.id, s.v(128, 82))
    s.rec(5, s.team.physician.id, { type: 'infusion_started', rate: { value: 1000, unit: 'mg/h' } })
    s.rec(6, s.team.physician.id, { type: 'infusion_stopped' })
    s.rec(35, s.team.nurse.id, s.v(150, 95, 4))
    s.rec(46, s.team.nurse.id, s.v(146, 92, 3))
    s.rec(60, s.team.therapist.id, { type: 'note', note: { noteType: 'subjective_report', text: 'detached', intensity: 4, intensityOf: 'dissociation' } })
    s.rec(124, s.team.nurse.id, s.v(126, 80, 5))
    s.rec(130, s.team.physician.id, END_OVERRIDDEN)
    const form = remsForm(s.ctx, { sessionId: s.session.id })!
    expect(byId(form, 'dose').value).toBe('84 mg')
    expect(byId(form, 'bp-before').value).toMatch(/^128\/82 mmHg/)
    // 46 min is nearer 40 min after dosing (at 5) than 35 min is: 41 vs 30 minutes after.
    expect(byId(form, 'bp-40').value).toMatch(/^146\/92 mmHg/)
    expect(byId(form, 'bp-end').value).toMatch(/^126\/80 mmHg/)
    expect(byId(form, 'sedation').value).toBe('Yes (lowest MOAA/S 3)')
    expect(byId(form, 'dissociation').value).toBe('Yes (highest reported 4/10)')
    expect(byId(form, 'monitoring').value).toBe('125 min')
    expect(form.monitoringShort).toBe(false)
    expect(byId(form, 'prescriber').value).toBe(s.team.physician.name)
  })

  it('flags what the record does not hold, and never fills a judgement', () => {
    const s = esketamineSession()
    s.rec(5, s.team.physician.id, { type: 'infusion_started', rate: { value: 1000, unit: 'mg/h' } })
    s.rec(6, s.team.physician.id, { type: 'infusion_stopped' })
    s.rec(60, s.team.physician.id, END_OVERRIDDEN)
    const form = remsForm(s.ctx, { sessionId: s.session.id })!
    const missing = form.fields.filter((f) => f.missing).map((f) => f.id)
    for (const id of ['site', 'lot', 'vitals-ok-before', 'vitals-ok-end', 'bp-before', 'bp-40', 'bp-end', 'sedation', 'dissociation', 'ready', 'concomitant-MAOIs'])
      expect(missing).toContain(id)
    expect(form.missing).toBe(missing.length)
    expect(byId(form, 'bp-40').note).toMatch(/No vitals between 30 and 50 min/)
    expect(form.monitoringShort).toBe(true)
  })
})

describe('REMS monitoring form data from the discharge', () => {
  it('takes the blood pressures, sedation and dissociation resolved, monitoring time and ready-to-leave time the discharge recorded', () => {
    const t = makeSeededContext()
    cleanups.push(t.cleanup)
    const esk = listProtocols(t.ctx).find((p) => p.definition.discharge.rems)!
    const session = createSession(t.ctx, {
      patientId: t.patient.id,
      authorId: t.team.nurse.id,
      plan: { ...ESKETAMINE, plannedDose: { kind: 'mg', value: 56 }, bagVolumeMl: 0.84, plannedDurationMin: 10 },
      team: { physicianId: t.team.physician.id, nurseId: t.team.nurse.id, therapistId: null },
      protocolId: esk.id
    })
    const rec = (min: number, authorId: number, entry: Parameters<typeof recordEntry>[1]['entry']) => {
      t.clock.set(T0 + min * MIN)
      return recordEntry(t.ctx, { sessionId: session.id, authorId, entry, confirmOverPlan: true })
    }
    const v = (sys: number, dia: number) => ({ type: 'vitals' as const, vitals: { systolic: sys, diastolic: dia, heartRate: 70, spo2: 98, respiratoryRate: 14 } })
    rec(1, t.team.nurse.id, v(128, 82))
    rec(5, t.team.physician.id, { type: 'infusion_started', rate: { value: 336, unit: 'mg/h' }, override: { reason: 'Checks on paper' } })
    rec(15, t.team.physician.id, { type: 'infusion_stopped' })
    rec(45, t.team.nurse.id, v(146, 92))
    rec(50, t.team.nurse.id, { type: 'scale', scale: { kind: 'moaas', score: 3 } })
    rec(55, t.team.therapist.id, { type: 'scale', scale: { kind: 'cadss', score: 14 } })
    rec(100, t.team.nurse.id, v(126, 80))
    t.clock.set(T0 + 110 * MIN)
    recordDischarge(t.ctx, {
      sessionId: session.id,
      authorId: t.team.physician.id,
      assessment: {
        aldrete: { activity: 2, respiration: 2, circulation: 2, consciousness: 2, oxygenSaturation: 2 },
        escortPresent: true,
        noDrivingAdviceGiven: true,
        patientReport: 'Fine',
        rems: {
          bpBeforeDosing: { systolic: 128, diastolic: 82 },
          bpAt40Min: { systolic: 148, diastolic: 92 },
          bpBeforeCompletion: { systolic: 126, diastolic: 80 },
          sedationResolved: true,
          dissociationResolved: true,
          totalMonitoringMin: 105,
          readyToLeaveAt: T0 + 95 * MIN
        }
      },
      override: { reason: 'Transport booked' }
    })
    rec(112, t.team.physician.id, { type: 'session_ended' })
    const form = remsForm(t.ctx, { sessionId: session.id })!
    expect(byId(form, 'bp-before')).toMatchObject({ value: '128/82 mmHg', note: 'Entered at discharge' })
    // The record's reading nearest 40 min after dosing (at 5) is 146/92 at 45 min: named beside the entered figure.
    expect(byId(form, 'bp-40').value).toBe('148/92 mmHg')
    expect(byId(form, 'bp-40').note).toMatch(/^Entered at discharge; the record's reading: 146\/92 mmHg at \d\d:\d\d$/)
    expect(byId(form, 'bp-end').value).toBe('126/80 mmHg')
    expect(byId(form, 'sedation').value).toBe('Yes (lowest MOAA/S 3)')
    expect(byId(form, 'sedation-resolved').value).toBe('Yes')
    expect(byId(form, 'dissociation').value).toBe('Yes (highest CADSS 14/92)')
    expect(byId(form, 'dissociation-resolved').value).toBe('Yes')
    // 5 -> 112 min is 107 min in the record; the clinician entered 105.
    expect(byId(form, 'monitoring')).toMatchObject({ value: '105 min', note: 'Entered at discharge; the record shows 107 min from the first dose to the end' })
    expect(form.monitoringShort).toBe(true)
    expect(byId(form, 'ready').value).toMatch(/^\d\d:\d\d$/)
    expect(byId(form, 'ready').missing).toBe(false)
    // Still to be given: site, lot number, the four concomitant classes, the two yes/no judgements.
    expect(form.fields.filter((f) => f.missing).map((f) => f.id)).toEqual([
      'site',
      'lot',
      'concomitant-benzodiazepines',
      'concomitant-non-benzodiazepine hypnotics',
      'concomitant-psychostimulants',
      'concomitant-MAOIs',
      'vitals-ok-before',
      'vitals-ok-end'
    ])
  })
})
