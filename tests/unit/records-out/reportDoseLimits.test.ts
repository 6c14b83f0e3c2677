import { afterEach, describe, expect, it } from 'vitest'
import { reportDocument } from '../../../src/main/records-out/records'
import { recordEntry } from '../../../src/main/record/entries'
import { createSession } from '../../../src/main/sessions/sessions'
import { givePin } from '../authHelpers'
import { makeSeededContext, MIN, STANDARD_PLAN } from '../helpers'

const cleanups: (() => void)[] = []
afterEach(() => cleanups.splice(0).forEach((c) => c()))

const text = (html: string) => html.replace(/<style>[\s\S]*?<\/style>/g, '').replace(/<[^>]+>/g, ' ').replace(/&#39;/g, "'").replace(/\s+/g, ' ')

describe('the report shows each dose-limit confirmation with its reason', () => {
  it('the plan’s in the session details, a rate’s in the infusion record', () => {
    const t = makeSeededContext()
    cleanups.push(t.cleanup)
    givePin(t.ctx, t.team.physician.id, '2580')
    const confirm = (reason: string) => ({ physicianId: t.team.physician.id, pin: '2580', reason })
    const session = createSession(t.ctx, {
      patientId: t.patient.id,
      authorId: t.team.nurse.id,
      plan: { ...STANDARD_PLAN, plannedDose: { kind: 'mg/kg', value: 1.2 }, plannedDurationMin: 60 },
      team: { physicianId: t.team.physician.id, nurseId: t.team.nurse.id, therapistId: null },
      limitConfirmation: confirm('No response at 0.5 mg/kg')
    })
    recordEntry(t.ctx, { sessionId: session.id, authorId: t.team.physician.id, entry: { type: 'infusion_started', rate: { value: 1.2, unit: 'mg/kg/h' } } })
    t.clock.advance(10 * MIN)
    recordEntry(t.ctx, {
      sessionId: session.id,
      authorId: t.team.physician.id,
      entry: { type: 'rate_changed', rate: { value: 1.8, unit: 'mg/kg/h' } },
      confirmOverPlan: true,
      limitConfirmation: confirm('Titrating to effect')
    })
    const body = text(reportDocument(t.ctx, { sessionId: session.id }).html)
    expect(body).toContain(
      'Dose limit override Over a soft limit (Dose 1.2 mg/kg is above the soft limit of 1 mg/kg for racemic ketamine IV), confirmed by Dr Ada Physician: No response at 0.5 mg/kg'
    )
    expect(body).toContain(
      'Over a soft limit (Rate 1.8 mg/kg/h is above the soft limit of 1.5 mg/kg/h for racemic ketamine IV), confirmed by Dr Ada Physician: Titrating to effect'
    )
  })
})
