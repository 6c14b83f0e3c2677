/**
 * Shared test scaffolding: a real better-sqlite3 file in a fresh temp dir, a clock the test
 * moves by hand, and seeds for the standard worked example of REFERENCE.md
 * (70 kg, 0.5 mg/kg over 40 min = 35 mg at 52.5 mg/h; 1 mg/mL, 100 mL bag).
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openDatabase, type Db } from '../../src/main/db/connection'
import type { ServiceContext } from '../../src/main/app/context'
import { createPatient, createStaff } from '../../src/main/people/people'
import { createSession } from '../../src/main/sessions/sessions'
import type { Patient, Staff } from '../../src/shared/people/people'
import type { SessionPlan } from '../../src/shared/record/plan'
import type { Session } from '../../src/shared/sessions/session'
import { STANDARD_PLAN } from '../fixtures/workedExample'

export const MIN = 60_000
export const HOUR = 60 * MIN

/** A fixed instant (noon UTC, so the local calendar date is the same in every time zone we run in). */
export const T0 = Date.UTC(2025, 2, 10, 12, 0, 0)

export interface TestClock {
  now(): number
  set(t: number): void
  advance(ms: number): void
}

export function makeClock(start = T0): TestClock {
  let t = start
  return {
    now: () => t,
    set: (next) => {
      t = next
    },
    advance: (ms) => {
      t += ms
    }
  }
}

export interface TestContext {
  ctx: ServiceContext
  db: Db
  clock: TestClock
  dir: string
  dbPath: string
  cleanup(): void
}

export function makeTempDir(prefix = 'ksc-unit-'): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) }
}

export function makeTestContext(start = T0): TestContext {
  const { dir, cleanup: removeDir } = makeTempDir()
  const dbPath = join(dir, 'records.sqlite')
  const db = openDatabase(dbPath)
  const clock = makeClock(start)
  return {
    ctx: { db, clock },
    db,
    clock,
    dir,
    dbPath,
    cleanup: () => {
      if (db.open) db.close()
      removeDir()
    }
  }
}

/** The worked-example plan and its hand-worked figures, shared with the e2e and fault tests. */
export { STANDARD, STANDARD_PLAN } from '../fixtures/workedExample'

export interface Team {
  physician: Staff
  nurse: Staff
  therapist: Staff
  admin: Staff
}

export function seedStaff(ctx: ServiceContext): Team {
  return {
    physician: createStaff(ctx, { name: 'Dr Ada Physician', role: 'physician' }),
    nurse: createStaff(ctx, { name: 'Nina Nurse', role: 'nurse' }),
    therapist: createStaff(ctx, { name: 'Theo Therapist', role: 'therapist' }),
    admin: createStaff(ctx, { name: 'Alex Admin', role: 'administrator' })
  }
}

export function seedPatient(ctx: ServiceContext, overrides: Partial<Parameters<typeof createPatient>[1]> = {}): Patient {
  return createPatient(ctx, {
    patientCode: 'P-0001',
    fullName: 'Pat Example',
    dateOfBirth: '1980-05-17',
    weightKg: 70,
    ...overrides
  })
}

export function seedSession(ctx: ServiceContext, team: Team, patient: Patient, plan: SessionPlan = STANDARD_PLAN): Session {
  return createSession(ctx, {
    patientId: patient.id,
    authorId: team.nurse.id,
    plan,
    team: { physicianId: team.physician.id, nurseId: team.nurse.id, therapistId: team.therapist.id }
  })
}

/** A context with staff, a 70 kg patient and one open standard session created at T0. */
export function makeSeededContext(): TestContext & { team: Team; patient: Patient; session: Session } {
  const tc = makeTestContext()
  const team = seedStaff(tc.ctx)
  const patient = seedPatient(tc.ctx)
  const session = seedSession(tc.ctx, team, patient)
  return { ...tc, team, patient, session }
}

export function countEvents(db: Db): number {
  return (db.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n
}

export function countRows(db: Db, table: string): number {
  return (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n
}

/** Expects fn to throw a DomainError-like object with this code (and field, if given); returns it. */
export function catchError(fn: () => unknown): { code?: string; message: string; field?: string; name?: string } {
  try {
    fn()
  } catch (e) {
    return e as { code?: string; message: string; field?: string }
  }
  throw new Error('Expected the call to throw, but it returned normally')
}

/**
 * The end of a session that had an infusion and no discharge: a physician's override with a
 * reason, as the service requires. Flows about other things end their sessions this way.
 */
export const END_OVERRIDDEN = { type: 'session_ended', override: { reason: 'Discharge assessed on paper (test flow)' } } as const
