import { afterEach, describe, expect, it } from 'vitest'
import { correctEntry, recordEntry } from '../../../src/main/record/entries'
import { createSession, getSession } from '../../../src/main/sessions/sessions'
import { listAudit } from '../../../src/main/people/audit'
import type { SessionPlan } from '../../../src/shared/record/plan'
import type { SessionEvent } from '../../../src/shared/record/events'
import { givePin } from '../authHelpers'
import { catchError, countEvents, makeSeededContext, MIN, STANDARD_PLAN } from '../helpers'

const cleanups: (() => void)[] = []
afterEach(() => cleanups.splice(0).forEach((c) => c()))

function setup() {
  const t = makeSeededContext()
  cleanups.push(t.cleanup)
  givePin(t.ctx, t.team.physician.id, '2580')
  givePin(t.ctx, t.team.nurse.id, '1357')
  const confirm = (reason = 'Treatment-resistant, titrating up') => ({ physicianId: t.team.physician.id, pin: '2580', reason })
  const rate = (value: number, extra: object = {}) =>
    recordEntry(t.ctx, { sessionId: t.session.id, authorId: t.team.nurse.id, entry: { type: 'rate_changed', rate: { value, unit: 'mg/kg/h' } }, confirmOverPlan: true, ...extra })
  const start = () => recordEntry(t.ctx, { sessionId: t.session.id, authorId: t.team.physician.id, entry: { type: 'infusion_started', rate: { value: 0.75, unit: 'mg/kg/h' } } })
  return { ...t, confirm, rate, start }
}

const payload = (e: SessionEvent) => e.payload as { limitOverride?: { physicianName: string; reason: string; limits: string[] } }

describe('rates checked against the drug library', () => {
  it('a ten-fold rate typo (7.5 for 0.75 mg/kg/h) is refused at the rate, naming the limit, and nothing is stored', () => {
    const t = setup()
    t.start()
    t.clock.advance(5 * MIN)
    const before = countEvents(t.db)
    const e = catchError(() => t.rate(7.5, { limitConfirmation: t.confirm() }))
    expect(e).toMatchObject({ code: 'INVALID_INPUT', field: 'entry.rate.value' })
    expect(e.message).toBe('Refused: Rate 7.5 mg/kg/h is above the hard limit of 3 mg/kg/h for racemic ketamine IV')
    expect(countEvents(t.db)).toBe(before)
  })

  it('just over the soft limit asks for a physician; with PIN and reason the confirmation is stored and audited', () => {
    const t = setup()
    t.start()
    t.clock.advance(5 * MIN)
    expect(catchError(() => t.rate(1.51))).toMatchObject({ code: 'CONFIRMATION_REQUIRED', field: 'limitConfirmation' })
    const saved = t.rate(1.51, { limitConfirmation: t.confirm() })
    expect(payload(saved).limitOverride).toEqual({
      physicianId: t.team.physician.id,
      physicianName: 'Dr Ada Physician',
      reason: 'Treatment-resistant, titrating up',
      limits: ['Rate 1.51 mg/kg/h is above the soft limit of 1.5 mg/kg/h for racemic ketamine IV']
    })
    const audit = listAudit(t.db).filter((a) => a.kind === 'dose_limit_override')
    expect(audit).toHaveLength(1)
    expect(audit[0]).toMatchObject({ actorId: t.team.physician.id, sessionId: t.session.id })
  })

  it('at the soft limit no confirmation is needed, and one offered is refused', () => {
    const t = setup()
    t.start()
    t.clock.advance(5 * MIN)
    expect(catchError(() => t.rate(1.5, { limitConfirmation: t.confirm() }))).toMatchObject({ code: 'INVALID_INPUT', field: 'limitConfirmation' })
    expect(payload(t.rate(1.5)).limitOverride).toBeUndefined()
  })

  it('a wrong PIN or a confirmer who is not a physician is refused at the confirmation, and the wrong PIN is counted', () => {
    const t = setup()
    t.start()
    t.clock.advance(5 * MIN)
    expect(catchError(() => t.rate(2, { limitConfirmation: { ...t.confirm(), pin: '0000' } }))).toMatchObject({ field: 'limitConfirmation.pin' })
    expect(listAudit(t.db).some((a) => a.kind === 'pin_failed' && a.detail['during'] === 'dose_override')).toBe(true)
    expect(catchError(() => t.rate(2, { limitConfirmation: { ...t.confirm(), physicianId: t.team.nurse.id, pin: '1357' } }))).toMatchObject({
      field: 'limitConfirmation.physicianId'
    })
  })

  it('a client cannot write a confirmation into the entry itself', () => {
    const t = setup()
    t.start()
    const forged = { physicianId: t.team.physician.id, physicianName: 'Dr Ada Physician', reason: 'x', limits: [] }
    const e = catchError(() =>
      recordEntry(t.ctx, { sessionId: t.session.id, authorId: t.team.nurse.id, entry: { type: 'rate_changed', rate: { value: 2, unit: 'mg/kg/h' }, limitOverride: forged } })
    )
    expect(e).toMatchObject({ code: 'INVALID_INPUT', field: 'limitConfirmation' })
  })

  it('a correction to a rate over the hard limit is refused; over the soft limit it needs its own confirmation', () => {
    const t = setup()
    t.start()
    t.clock.advance(5 * MIN)
    const changed = t.rate(1)
    t.clock.advance(MIN)
    const correct = (value: number, extra: object = {}) =>
      correctEntry(t.ctx, { sessionId: t.session.id, authorId: t.team.nurse.id, eventId: changed.id, reason: 'Typed wrong', entry: { type: 'rate_changed', rate: { value, unit: 'mg/kg/h' } }, ...extra })
    expect(catchError(() => correct(3.01))).toMatchObject({ code: 'INVALID_INPUT', field: 'entry.rate.value' })
    expect(catchError(() => correct(2))).toMatchObject({ code: 'CONFIRMATION_REQUIRED', field: 'limitConfirmation' })
    const c = correct(2, { limitConfirmation: t.confirm('Physician asked for 2') })
    expect((c.payload as { entry: { limitOverride?: { reason: string } } }).entry.limitOverride?.reason).toBe('Physician asked for 2')
  })
})

describe('the session plan checked against the drug library', () => {
  const create = (t: ReturnType<typeof setup>, plan: SessionPlan, extra: object = {}) =>
    createSession(t.ctx, {
      patientId: t.patient.id,
      authorId: t.team.nurse.id,
      plan,
      team: { physicianId: t.team.physician.id, nurseId: t.team.nurse.id, therapistId: null },
      ...extra
    })

  it('a plan at ten times the protocol dose (5 mg/kg) is refused at the dose', () => {
    const t = setup()
    const e = catchError(() => create(t, { ...STANDARD_PLAN, plannedDose: { kind: 'mg/kg', value: 5 }, bagVolumeMl: 500, plannedDurationMin: 480 }))
    expect(e).toMatchObject({ code: 'INVALID_INPUT', field: 'plan.plannedDose.value' })
    expect(e.message).toContain('Dose 5 mg/kg is above the hard limit of 2 mg/kg')
  })

  it('undiluted 100 mg/mL for IV is refused at the concentration', () => {
    const t = setup()
    expect(catchError(() => create(t, { ...STANDARD_PLAN, concentrationMgPerMl: 100, bagVolumeMl: 1 }))).toMatchObject({ field: 'plan.concentrationMgPerMl' })
  })

  it('a plan over a soft limit is stored with the physician’s confirmation and audited', () => {
    const t = setup()
    const plan = { ...STANDARD_PLAN, plannedDose: { kind: 'mg/kg' as const, value: 1.2 }, plannedDurationMin: 60 }
    expect(catchError(() => create(t, plan))).toMatchObject({ code: 'CONFIRMATION_REQUIRED' })
    const s = create(t, plan, { limitConfirmation: t.confirm('Previous sessions without response at 1 mg/kg') })
    expect(getSession(t.ctx, s.id).planOverride).toMatchObject({ physicianName: 'Dr Ada Physician', limits: ['Dose 1.2 mg/kg is above the soft limit of 1 mg/kg for racemic ketamine IV'] })
    expect(listAudit(t.db).filter((a) => a.kind === 'dose_limit_override' && a.sessionId === s.id)).toHaveLength(1)
  })

  it("a weight typed in pounds asks for a confirmation that says so", () => {
    const t = setup()
    const e = catchError(() => create(t, { ...STANDARD_PLAN, weightKg: 154 }))
    expect(e.message).toContain('Weight 154 kg looks like pounds')
  })
})
