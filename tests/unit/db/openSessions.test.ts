import Database from 'better-sqlite3'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { migrate, openDatabase } from '../../../src/main/db/connection'
import { MIGRATIONS } from '../../../src/main/db/migrations'
import { correctEntry, recordEntry } from '../../../src/main/record/entries'
import { listOpenSessions } from '../../../src/main/sessions/sessions'
import { makeClock, makeTempDir, makeTestContext, MIN, seedPatient, seedSession, seedStaff, STANDARD_PLAN, T0 } from '../helpers'

let t: ReturnType<typeof makeTestContext>
beforeEach(() => {
  t = makeTestContext()
})
afterEach(() => t.cleanup())

const END = { type: 'session_ended' } as const

describe('migration 007: open_sessions, kept by the database itself', () => {
  const openIds = () => listOpenSessions(t.ctx).map((s) => s.id)

  it('a session is open from its start until its end is recorded, and a corrected end keeps it ended', () => {
    const team = seedStaff(t.ctx)
    const patient = seedPatient(t.ctx)
    const first = seedSession(t.ctx, team, patient)
    t.clock.advance(MIN)
    const second = seedSession(t.ctx, team, patient)
    expect(openIds()).toEqual([second.id, first.id])
    t.clock.advance(MIN)
    const end = recordEntry(t.ctx, { sessionId: first.id, authorId: team.nurse.id, entry: END })
    expect(openIds()).toEqual([second.id])
    t.clock.advance(MIN)
    correctEntry(t.ctx, { sessionId: first.id, authorId: team.nurse.id, eventId: end.id, reason: 'Ended a minute earlier', entry: END, occurredAt: end.occurredAt - MIN })
    expect(openIds()).toEqual([second.id])
  })

  it('a database from before it gets the list filled in from its record when upgraded', () => {
    const { dir, cleanup } = makeTempDir()
    try {
      const path = join(dir, 'v6.sqlite')
      const raw = new Database(path)
      migrate(raw, MIGRATIONS.slice(0, 6))
      const ctx = { db: raw, clock: makeClock(T0) }
      const team = seedStaff(ctx)
      const patient = seedPatient(ctx)
      // Sessions as that version wrote them: later columns of sessions did not exist yet.
      const oldSession = () =>
        raw
          .prepare('INSERT INTO sessions (patient_id, plan, physician_id, nurse_id, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id')
          .get(patient.id, JSON.stringify(STANDARD_PLAN), team.physician.id, team.nurse.id, team.nurse.id, T0) as { id: number }
      const ended = oldSession()
      const open = oldSession()
      // Written as that version wrote it: its events table had no source columns yet.
      raw
        .prepare("INSERT INTO events (session_id, seq, type, occurred_at, recorded_at, author_id, payload) VALUES (?, 1, 'session_ended', ?, ?, ?, '{}')")
        .run(ended.id, T0, T0, team.nurse.id)
      raw.close()
      const db = openDatabase(path)
      try {
        expect(listOpenSessions({ db, clock: makeClock(T0) }).map((s) => s.id)).toEqual([open.id])
      } finally {
        db.close()
      }
    } finally {
      cleanup()
    }
  })
})
