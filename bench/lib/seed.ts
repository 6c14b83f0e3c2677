/** Reference data every benchmark needs, made through the real services. */
import type { Handlers } from '../../src/main/app/handlers'
import type { ServiceContext } from '../../src/main/app/context'
import { setPin } from '../../src/main/people/credentials'
import { createPatient, createStaff } from '../../src/main/people/people'
import { createSession } from '../../src/main/sessions/sessions'
import type { Patient, Staff } from '../../src/shared/people/people'
import type { SessionPlan } from '../../src/shared/record/plan'
import type { Session } from '../../src/shared/sessions/session'
import { STANDARD_PLAN } from '../../tests/fixtures/workedExample'

/** The worked-example plan the tests use, so the benchmarks measure the same session. */
export { STANDARD_PLAN } from '../../tests/fixtures/workedExample'

export interface Seeded {
  physician: Staff
  nurse: Staff
  patient: Patient
  session: Session
}

export function seedSession(ctx: ServiceContext, plan: SessionPlan = STANDARD_PLAN): Seeded {
  const physician = createStaff(ctx, { name: 'Dr Bench', role: 'physician' })
  const nurse = createStaff(ctx, { name: 'Nurse Bench', role: 'nurse' })
  const patient = createPatient(ctx, { patientCode: 'BENCH-1', fullName: 'Bench Patient', dateOfBirth: '1980-05-17', weightKg: plan.weightKg })
  const session = createSession(ctx, {
    patientId: patient.id,
    authorId: nurse.id,
    plan,
    team: { physicianId: physician.id, nurseId: nurse.id, therapistId: null }
  })
  return { physician, nurse, patient, session }
}

export const VITALS = { systolic: 124, diastolic: 78, heartRate: 72, spo2: 98, respiratoryRate: 14 }

/** A manual clock, as services want it. */
export function manualClock(start: number): { now(): number; set(t: number): void; advance(ms: number): void; readonly rate: number } {
  let t = start
  // Moved only by the benchmark: no real time passes on it (rate 0), so the idle lock waits for it.
  return { now: () => t, set: (v) => (t = v), advance: (ms) => (t += ms), rate: 0 }
}

/** A fixed morning: every run records the same times. */
export const BENCH_T0 = Date.UTC(2026, 0, 12, 8, 0, 0)

/** The PIN the benchmarks give their staff (not a run such as 1234, which the app refuses). */
export const BENCH_PIN = '639175'

/**
 * Gives `staffId` a PIN and signs them in through the handler, as at the workstation: every
 * channel a benchmark times passes the same guard as in the app.
 */
export async function signIn(ctx: ServiceContext, handlers: Handlers, staffId: number): Promise<void> {
  setPin(ctx, staffId, BENCH_PIN, null)
  const r = await handlers['auth.signIn']({ staffId, pin: BENCH_PIN })
  if (!r.ok) throw new Error(`the benchmark could not sign in: ${r.error.message}`)
}
