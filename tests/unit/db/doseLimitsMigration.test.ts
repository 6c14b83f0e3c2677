import Database from 'better-sqlite3'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { migrate, openDatabase } from '../../../src/main/db/connection'
import { MIGRATIONS } from '../../../src/main/db/migrations'
import { getSession } from '../../../src/main/sessions/sessions'
import { makeClock, makeTempDir, seedPatient, seedStaff, STANDARD_PLAN, T0 } from '../helpers'

describe('migration 009: a plan’s dose-limit confirmation kept with its session', () => {
  it('a session from before it reads with no confirmation, its plan unchanged', () => {
    const { dir, cleanup } = makeTempDir()
    try {
      const path = join(dir, 'v8.sqlite')
      const raw = new Database(path)
      migrate(raw, MIGRATIONS.slice(0, 8))
      const ctx = { db: raw, clock: makeClock(T0) }
      const team = seedStaff(ctx)
      const patient = seedPatient(ctx)
      // Written as version 8 wrote it: sessions had no plan_override column.
      const { id } = raw
        .prepare('INSERT INTO sessions (patient_id, plan, physician_id, nurse_id, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id')
        .get(patient.id, JSON.stringify(STANDARD_PLAN), team.physician.id, team.nurse.id, team.nurse.id, T0) as { id: number }
      raw.close()
      const db = openDatabase(path)
      try {
        const session = getSession({ db, clock: makeClock(T0) }, id)
        expect(session.plan).toEqual(STANDARD_PLAN)
        expect(session.planOverride).toBeUndefined()
        expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length)
      } finally {
        db.close()
      }
    } finally {
      cleanup()
    }
  })
})
