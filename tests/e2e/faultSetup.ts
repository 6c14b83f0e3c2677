/**
 * Set-up for the fault tests that drive the harness through its API: the staff, a patient and a
 * session, made exactly as the UI would make them. The one place to change when writes need more
 * (a signed-in user, say): every API-driven fault test starts here.
 */
import type { SessionPlan } from '../../src/shared/domain/plan'
import type { Harness } from './fixtures'

/** Eight hours planned (350 mg for 70 kg), so rates in the tens of mg/h are plausible for hours. */
export const FAULT_PLAN: SessionPlan = {
  weightKg: 70,
  route: 'IV',
  drug: 'racemic ketamine',
  concentrationMgPerMl: 1,
  bagVolumeMl: 1000,
  plannedDose: { kind: 'mg/kg', value: 5 },
  plannedDurationMin: 480
}

export interface ApiSession {
  sessionId: number
  physicianId: number
  nurseId: number
  plan: SessionPlan
}

export async function setUpSessionViaApi(harness: Harness, plan: SessionPlan = FAULT_PLAN): Promise<ApiSession> {
  const value = <T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T => {
    if (!r.ok) throw new Error(`set-up failed: ${r.error.message}`)
    return r.value
  }
  const physician = value(await harness.call('staff.create', { name: 'Dr Fault', role: 'physician' }))
  const nurse = value(await harness.call('staff.create', { name: 'Nurse Fault', role: 'nurse' }))
  const patient = value(
    await harness.call('patients.create', { patientCode: 'FAULT-1', fullName: 'Fault Patient', dateOfBirth: '1975-03-02', weightKg: plan.weightKg })
  )
  const session = value(
    await harness.call('sessions.create', {
      patientId: patient.id,
      authorId: nurse.id,
      plan,
      team: { physicianId: physician.id, nurseId: nurse.id, therapistId: null }
    })
  )
  return { sessionId: session.id, physicianId: physician.id, nurseId: nurse.id, plan }
}
