import Database from 'better-sqlite3'
import { createHash } from 'node:crypto'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { migrate, openDatabase, type Db } from '../../../src/main/db/connection'
import { MIGRATIONS } from '../../../src/main/db/migrations'
import { verifySessionChain } from '../../../src/main/record/chain'
import { recordEntry } from '../../../src/main/record/entries'
import { loadEvents } from '../../../src/main/record/eventStore'
import { chainInput, GENESIS_HASH } from '../../../src/shared/record/integrity'
import { catchError, HOUR, makeClock, makeSeededContext, makeTempDir, MIN, T0 } from '../helpers'

const VITALS = { systolic: 120, diastolic: 80, heartRate: 70, spo2: 98, respiratoryRate: 14 }
const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex')
const eventsSchema = (db: Db) =>
  db.prepare("SELECT type, name, sql FROM sqlite_schema WHERE tbl_name = 'events' AND type IN ('index', 'trigger') AND sql IS NOT NULL ORDER BY name").all() as {
    type: string
    name: string
    sql: string
  }[]

/**
 * A file as the version before sources were kept left it: a session whose entries (a note, a
 * clock note, a correction) were each sealed the way that version sealed them, over the row it
 * stored.
 */
function databaseFromBeforeSources(path: string): { rows: unknown[]; schema: ReturnType<typeof eventsSchema> } {
  const raw = new Database(path)
  raw.pragma('foreign_keys = ON')
  migrate(raw, MIGRATIONS.slice(0, 7))
  raw.exec(`INSERT INTO staff (name, role, created_at) VALUES ('Nina', 'nurse', 0);
    INSERT INTO patients (patient_code, full_name, date_of_birth, weight_kg, created_at) VALUES ('P-1', 'Pat', '1980-01-01', 70, 0);
    INSERT INTO sessions (patient_id, plan, physician_id, nurse_id, created_by, created_at) VALUES (1, '{"weightKg":70,"route":"IV","drug":"racemic ketamine","concentrationMgPerMl":1,"bagVolumeMl":100,"plannedDose":{"kind":"mg/kg","value":0.5},"plannedDurationMin":40}', 1, 1, 1, ${T0});`)
  const insert = raw.prepare(
    'INSERT INTO events (session_id, seq, type, occurred_at, recorded_at, author_id, payload, amends_event_id, reason) VALUES (1, ?, ?, ?, ?, 1, ?, ?, ?) RETURNING *'
  )
  let prev = GENESIS_HASH
  const append = (seq: number, type: string, at: number, payload: unknown, amends: number | null = null, reason: string | null = null) => {
    const row = insert.get(seq, type, at, at, JSON.stringify(payload), amends, reason) as Record<string, unknown> & { id: number }
    const hash = sha256(chainInput(prev, row))
    raw.prepare('INSERT INTO event_seals (event_id, session_id, seq, prev_hash, hash) VALUES (?, 1, ?, ?, ?)').run(row.id, seq, prev, hash)
    prev = hash
    return row
  }
  const note = append(1, 'note', T0 + MIN, { noteType: 'observation', text: 'calm' })
  append(2, 'clock_jump', T0 + 2 * MIN, { byMs: -HOUR, wallAt: T0 + 2 * MIN - HOUR, seenBy: 'record' })
  append(3, 'correction', T0 + 3 * MIN, { entry: { type: 'note', noteType: 'observation', text: 'settled' }, occurredAt: T0 + MIN }, note.id, 'wrong word')
  const rows = raw.prepare('SELECT * FROM events ORDER BY id').all()
  const schema = eventsSchema(raw)
  raw.close()
  return { rows, schema }
}

describe('migration 008: every entry says where it came from', () => {
  let dir: string
  let cleanup: () => void
  beforeEach(() => {
    ;({ dir, cleanup } = makeTempDir('ksc-source-'))
  })
  afterEach(() => cleanup())

  it('a sealed record from before still verifies intact, its rows unchanged, and reads as staff entries and the app’s own note', () => {
    const path = join(dir, 'v7.sqlite')
    const before = databaseFromBeforeSources(path)
    const db = openDatabase(path)
    try {
      expect(verifySessionChain(db, 1)).toEqual({ intact: true, checked: 3, unsealedLegacy: 0, problems: [] })
      const after = db.prepare('SELECT * FROM events ORDER BY id').all() as Record<string, unknown>[]
      // Every stored value as it was; the new columns are empty, so no seal had to change.
      expect(after).toEqual((before.rows as Record<string, unknown>[]).map((r) => ({ ...r, source_kind: null, source_device: null })))
      expect(loadEvents(db, 1).map((e) => [e.type, e.source, e.authorId])).toEqual([
        ['note', { kind: 'staff' }, 1],
        ['clock_jump', { kind: 'system' }, 1],
        ['correction', { kind: 'staff' }, 1]
      ])
      // The record goes on from where it was, its chain unbroken.
      recordEntry({ db, clock: makeClock(T0 + 10 * MIN) }, { sessionId: 1, authorId: 1, entry: { type: 'vitals', vitals: VITALS } })
      expect(verifySessionChain(db, 1)).toEqual({ intact: true, checked: 4, unsealedLegacy: 0, problems: [] })
      expect(db.prepare('SELECT source_kind FROM events WHERE seq = 4').pluck().get()).toBe('staff')
    } finally {
      db.close()
    }
  })

  it('the table keeps every index and trigger it had, references stay whole, and it is still append-only', () => {
    const path = join(dir, 'v7.sqlite')
    const { schema } = databaseFromBeforeSources(path)
    const db = openDatabase(path)
    try {
      const now = eventsSchema(db)
      for (const old of schema) expect(now).toContainEqual(old)
      expect(now.map((s) => s.name).filter((n) => !schema.some((o) => o.name === n))).toEqual(['events_require_device', 'events_require_source'])
      expect(db.pragma('foreign_key_check')).toEqual([])
      expect(db.prepare("SELECT sql FROM sqlite_schema WHERE name = 'event_seals'").pluck().get()).toMatch(/REFERENCES events\(id\)/)
      expect(() => db.prepare("UPDATE events SET source_kind = 'staff'").run()).toThrow(/append-only/)
      expect(() => db.prepare('DELETE FROM events').run()).toThrow(/append-only/)
    } finally {
      db.close()
    }
  })
})

describe('where an entry came from, as stored', () => {
  let t: ReturnType<typeof makeSeededContext>
  beforeEach(() => {
    t = makeSeededContext()
  })
  afterEach(() => t.cleanup())

  const insert = (sql: string, ...params: unknown[]) => () => t.db.prepare(sql).run(...params)
  const columns = 'session_id, seq, type, occurred_at, recorded_at, author_id, payload, source_kind, source_device'
  const vitals = JSON.stringify(VITALS)

  it('an entry a staff member records is stored as theirs; the app’s note of a clock jump as the system’s, naming who was at the console', () => {
    t.clock.set(T0 + 10 * MIN)
    recordEntry(t.ctx, { sessionId: t.session.id, authorId: t.team.nurse.id, entry: { type: 'vitals', vitals: VITALS } })
    t.clock.set(T0 + 10 * MIN - HOUR)
    recordEntry(t.ctx, { sessionId: t.session.id, authorId: t.team.physician.id, entry: { type: 'vitals', vitals: VITALS } })
    expect(loadEvents(t.db, t.session.id).map((e) => [e.type, e.source.kind, e.authorId])).toEqual([
      ['vitals', 'staff', t.team.nurse.id],
      ['clock_jump', 'system', t.team.physician.id],
      ['vitals', 'staff', t.team.physician.id]
    ])
    expect(t.db.prepare('SELECT source_kind FROM events ORDER BY seq').pluck().all()).toEqual(['staff', 'system', 'staff'])
    expect(verifySessionChain(t.db, t.session.id).intact).toBe(true)
  })

  it('the database refuses a new entry that does not say where it came from', () => {
    const err = catchError(
      insert("INSERT INTO events (session_id, seq, type, occurred_at, recorded_at, author_id, payload) VALUES (?, 1, 'vitals', 0, 0, ?, ?)", t.session.id, t.team.nurse.id, vitals)
    )
    expect(err.message).toMatch(/must say where it came from/)
  })

  it('every entry names a person as its author, and only a device entry names a device', () => {
    const sql = `INSERT INTO events (${columns}) VALUES (?, 1, 'vitals', 0, 0, ?, ?, ?, ?)`
    expect(insert(sql, t.session.id, null, vitals, 'staff', null)).toThrow(/NOT NULL/)
    expect(insert(sql, t.session.id, null, vitals, 'device', '{"deviceId":"mon-3"}')).toThrow(/NOT NULL/)
    expect(insert(sql, t.session.id, t.team.nurse.id, vitals, 'staff', '{"deviceId":"mon-3"}')).toThrow(/names its device/)
    expect(insert(sql, t.session.id, t.team.nurse.id, vitals, 'system', '{"deviceId":"mon-3"}')).toThrow(/names its device/)
    expect(insert(sql, t.session.id, t.team.nurse.id, vitals, 'device', null)).toThrow(/names its device/)
    expect(insert(sql, t.session.id, t.team.nurse.id, vitals, 'device', 'not json')).toThrow(/names its device/)
    expect(insert(sql, t.session.id, t.team.nurse.id, vitals, 'nurse', null)).toThrow(/must say where it came from/)
  })

  it('a device’s values are stored as the device’s, under the person who validated them', () => {
    const sql = `INSERT INTO events (${columns}) VALUES (?, 1, 'vitals', 0, 0, ?, ?, 'device', ?)`
    expect(insert(sql, t.session.id, t.team.nurse.id, vitals, '{"deviceId":"mon-3","feed":"HL7"}')).not.toThrow()
    expect(loadEvents(t.db, t.session.id).map((e) => [e.source, e.authorId])).toEqual([[{ kind: 'device', device: { deviceId: 'mon-3', feed: 'HL7' } }, t.team.nurse.id]])
  })

  it('changing where an entry came from, behind the app’s back, breaks its seal', () => {
    recordEntry(t.ctx, { sessionId: t.session.id, authorId: t.team.nurse.id, entry: { type: 'vitals', vitals: VITALS } })
    const raw = new Database(t.dbPath)
    raw.exec('DROP TRIGGER events_refuse_update')
    raw.prepare("UPDATE events SET source_kind = 'system' WHERE seq = 1").run()
    raw.close()
    expect(verifySessionChain(t.db, t.session.id).problems.map((p) => p.problem)).toEqual(['entry #1 was changed after it was recorded'])
  })
})
