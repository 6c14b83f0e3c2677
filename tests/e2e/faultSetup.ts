/**
 * Set-up for the fault tests that drive the harness through its API: the staff, a patient and a
 * session, made exactly as the UI would make them. The one place to change when writes need more
 * (a signed-in user, say): every API-driven fault test starts here.
 */
import type { SessionPlan } from '../../src/shared/record/plan'
import type { Harness } from './fixtures'

/**
 * Eight hours planned at 1 mg/kg (70 mg for 70 kg: the drug library's soft maximum, so no physician
 * confirmation), so rates in the tens of mg/h (up to ten times 8.75 mg/h) are plausible for hours.
 */
export const FAULT_PLAN: SessionPlan = {
  weightKg: 70,
  route: 'IV',
  drug: 'racemic ketamine',
  concentrationMgPerMl: 1,
  bagVolumeMl: 1000,
  plannedDose: { kind: 'mg/kg', value: 1 },
  plannedDurationMin: 480
}

export interface ApiSession {
  sessionId: number
  physicianId: number
  nurseId: number
  adminId: number
  plan: SessionPlan
}

/** The PINs of the staff made here (not runs like 1234, which the app refuses). */
export const FAULT_PINS = { admin: '480213', physician: '571920', nurse: '639175' } as const

const value = <T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T => {
  if (!r.ok) throw new Error(`set-up failed: ${r.error.message}`)
  return r.value
}

/** Signs `staffId` in at the harness's workstation (a restarted harness has nobody signed in). */
export async function signInViaApi(harness: Harness, staffId: number, pin: string): Promise<void> {
  value(await harness.call('auth.signIn', { staffId, pin }))
}

/**
 * The first administrator, a physician and a nurse (with PINs), a patient and a session without a
 * protocol, made through the API as the UI would. Leaves the physician signed in: the only role that
 * may both control the infusion and record vitals and notes.
 */
export async function setUpSessionViaApi(harness: Harness, plan: SessionPlan = FAULT_PLAN): Promise<ApiSession> {
  const admin = value(await harness.call('auth.setUp', { name: 'Admin Fault', pin: FAULT_PINS.admin }))
  const adminId = admin.staff?.id
  if (adminId === undefined) throw new Error('set-up failed: the administrator is not signed in')
  const physician = value(await harness.call('staff.create', { authorId: adminId, name: 'Dr Fault', role: 'physician', pin: FAULT_PINS.physician }))
  const nurse = value(await harness.call('staff.create', { authorId: adminId, name: 'Nurse Fault', role: 'nurse', pin: FAULT_PINS.nurse }))
  await signInViaApi(harness, physician.id, FAULT_PINS.physician)
  const patient = value(
    await harness.call('patients.create', { patientCode: 'FAULT-1', fullName: 'Fault Patient', dateOfBirth: '1975-03-02', weightKg: plan.weightKg })
  )
  const session = value(
    await harness.call('sessions.create', {
      patientId: patient.id,
      authorId: physician.id,
      plan,
      team: { physicianId: physician.id, nurseId: nurse.id, therapistId: null }
    })
  )
  return { sessionId: session.id, physicianId: physician.id, nurseId: nurse.id, adminId, plan }
}
