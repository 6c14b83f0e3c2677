import Database from 'better-sqlite3'
import { createHash, randomBytes } from 'node:crypto'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DatabaseOpenError, migrate, openDatabase, SCHEMA_VERSION, type Db } from '../../../src/main/db/connection'
import { MIGRATIONS } from '../../../src/main/db/migrations'
import { catchError, makeTempDir } from '../helpers'

const EXPECTED_TABLES = [
  'audit_log',
  'backup_log',
  'database_identity',
  'event_seals',
  'events',
  'integrity_meta',
  'open_sessions',
  'patients',
  'protocols',
  'sessions',
  'settings',
  'sign_offs',
  'staff',
  'staff_credentials',
  'staff_history'
]

const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex')
const tables = (db: Db) =>
  (db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[]).map(
    (r) => r.name
  )
const userVersion = (db: Db) => db.pragma('user_version', { simple: true }) as number
/** Bytes 18 and 19 of the header are 1 for a rollback journal, 2 for WAL. */
const headerJournalBytes = (path: string) => {
  const b = readFileSync(path)
  return [b[18], b[19]]
}

let dir: string
let cleanup: () => void
const opened: Db[] = []
beforeEach(() => {
  ;({ dir, cleanup } = makeTempDir('ksc-migrations-'))
})
afterEach(() => {
  for (const db of opened.splice(0)) if (db.open) db.close()
  cleanup()
})
const open = (path: string) => {
  const db = openDatabase(path)
  opened.push(db)
  return db
}

/** A valid database written by a future version of the app. */
function makeFutureDatabase(path: string, wal: boolean): void {
  const raw = new Database(path)
  if (wal) raw.pragma('journal_mode = WAL')
  raw.exec('CREATE TABLE future_thing (id INTEGER PRIMARY KEY, x TEXT); INSERT INTO future_thing (x) VALUES (\'kept\')')
  raw.pragma(`user_version = ${SCHEMA_VERSION + 1}`)
  raw.close()
}

describe('migrations', () => {
  it('a new database is brought to the current schema', () => {
    const db = open(join(dir, 'new.sqlite'))
    expect(SCHEMA_VERSION).toBe(MIGRATIONS.length)
    expect(userVersion(db)).toBe(SCHEMA_VERSION)
    expect(tables(db)).toEqual(EXPECTED_TABLES)
    const triggers = (db.prepare("SELECT name FROM sqlite_schema WHERE type = 'trigger' ORDER BY name").all() as { name: string }[]).map((r) => r.name)
    expect(triggers).toEqual([
      'audit_log_refuse_delete',
      'audit_log_refuse_replace',
      'audit_log_refuse_update',
      'database_identity_no_delete',
      'database_identity_no_update',
      'event_seals_refuse_delete',
      'event_seals_refuse_replace',
      'event_seals_refuse_update',
      'events_refuse_delete',
      'events_refuse_replace',
      'events_refuse_update',
      'events_require_device',
      'events_require_source',
      'integrity_meta_refuse_update',
      'protocols_refuse_delete',
      'protocols_refuse_update',
      'sessions_ended',
      'sessions_opened',
      'sign_offs_refuse_delete',
      'sign_offs_refuse_replace',
      'sign_offs_refuse_update',
      'staff_history_on_insert',
      'staff_history_on_update',
      'staff_history_refuse_delete',
      'staff_history_refuse_update',
      'staff_refuse_delete',
      'staff_refuse_renumber'
    ])
  })

  it('reopening a migrated database changes nothing', () => {
    const path = join(dir, 'again.sqlite')
    const first = open(path)
    first.prepare("INSERT INTO staff (name, role, created_at) VALUES ('Nina', 'nurse', 1)").run()
    const schemaBefore = first.prepare('SELECT type, name, sql FROM sqlite_schema ORDER BY name').all()
    first.close()
    const second = open(path)
    expect(userVersion(second)).toBe(SCHEMA_VERSION)
    expect(second.prepare('SELECT type, name, sql FROM sqlite_schema ORDER BY name').all()).toEqual(schemaBefore)
    expect(second.prepare('SELECT name FROM staff').all()).toEqual([{ name: 'Nina' }])
    // And migrate itself reports there was nothing to do.
    expect(migrate(second)).toBe(SCHEMA_VERSION)
  })

  it('a database from the first release is upgraded in place and keeps its records', () => {
    const path = join(dir, 'v1.sqlite')
    const raw = new Database(path)
    migrate(raw, MIGRATIONS.slice(0, 1))
    raw.prepare("INSERT INTO staff (name, role, created_at) VALUES ('Nina', 'nurse', 1)").run()
    raw.close()
    const db = open(path)
    expect(userVersion(db)).toBe(SCHEMA_VERSION)
    expect(db.prepare('SELECT name, role FROM staff').all()).toEqual([{ name: 'Nina', role: 'nurse' }])
  })

  it('the pragmas are WAL, synchronous FULL and foreign keys on', () => {
    const db = open(join(dir, 'pragmas.sqlite'))
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(db.pragma('synchronous', { simple: true })).toBe(2)
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1)
  })

  it('foreign keys are enforced', () => {
    const db = open(join(dir, 'fk.sqlite'))
    expect(() => db.prepare("INSERT INTO sessions (patient_id, plan, physician_id, nurse_id, created_by, created_at) VALUES (99, '{}', 1, 1, 1, 0)").run()).toThrow(
      /FOREIGN KEY/
    )
  })

  for (const wal of [false, true]) {
    it(`a database from a newer version (${wal ? 'WAL' : 'rollback journal'}) is refused as too new and left byte for byte unchanged`, () => {
      const path = join(dir, `future-${wal}.sqlite`)
      makeFutureDatabase(path, wal)
      const hashBefore = sha256(path)
      const headerBefore = headerJournalBytes(path)
      expect(headerBefore).toEqual(wal ? [2, 2] : [1, 1])

      const err = catchError(() => open(path))
      expect(err).toBeInstanceOf(DatabaseOpenError)
      expect((err as DatabaseOpenError).kind).toBe('too_new')
      expect((err as DatabaseOpenError).path).toBe(path)
      expect(err.message).toMatch(/newer version/)
      expect(err.message).toMatch(/not been changed/)

      expect(sha256(path)).toBe(hashBefore)
      // The WAL pragma was not applied: the header still names the old journal mode, and no WAL was left behind.
      expect(headerJournalBytes(path)).toEqual(headerBefore)
      if (!wal) expect(existsSync(`${path}-wal`)).toBe(false)
      // Still the future schema and data, untouched.
      const raw = new Database(path, { readonly: true })
      expect(raw.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION + 1)
      expect(raw.prepare('SELECT x FROM future_thing').all()).toEqual([{ x: 'kept' }])
      expect(tables(raw)).toEqual(['future_thing'])
      raw.close()
    })
  }

  it('a file that is not a database is refused as unreadable and left unchanged', () => {
    const path = join(dir, 'notes.sqlite')
    writeFileSync(path, `These are not records.\n${randomBytes(2048).toString('base64')}\n`)
    const hashBefore = sha256(path)
    const err = catchError(() => open(path))
    expect(err).toBeInstanceOf(DatabaseOpenError)
    expect((err as DatabaseOpenError).kind).toBe('unreadable')
    expect(err.message).toMatch(/not been changed/)
    expect(sha256(path)).toBe(hashBefore)
    expect(existsSync(`${path}-wal`)).toBe(false)
    expect(existsSync(`${path}-journal`)).toBe(false)
  })

  it('a short text file is refused too, and left unchanged', () => {
    const path = join(dir, 'short.sqlite')
    writeFileSync(path, 'hello')
    const err = catchError(() => open(path))
    expect((err as DatabaseOpenError).kind).toBe('unreadable')
    expect(readFileSync(path, 'utf8')).toBe('hello')
  })

  it('a database whose migration fails is refused and left byte for byte unchanged', () => {
    // Another program's database that happens to have a "patients" table: migration 1 cannot apply.
    const path = join(dir, 'foreign.sqlite')
    const raw = new Database(path)
    raw.exec("CREATE TABLE patients (whatever TEXT); INSERT INTO patients VALUES ('theirs')")
    raw.close()
    const hashBefore = sha256(path)
    const err = catchError(() => open(path))
    expect(err).toBeInstanceOf(DatabaseOpenError)
    expect((err as DatabaseOpenError).kind).toBe('unreadable')
    expect(err.message).toMatch(/not been changed/)
    expect(sha256(path)).toBe(hashBefore)
    expect(headerJournalBytes(path)).toEqual([1, 1])
  })

  it('a path that cannot be opened is refused as unreadable', () => {
    const err = catchError(() => open(join(dir, 'no-such-dir', 'x.sqlite')))
    expect(err).toBeInstanceOf(DatabaseOpenError)
    expect((err as DatabaseOpenError).kind).toBe('unreadable')
  })

  it('a failing migration rolls back entirely', () => {
    const db = new Database(join(dir, 'rollback.sqlite'))
    opened.push(db)
    const good = 'CREATE TABLE good_one (id INTEGER PRIMARY KEY); INSERT INTO good_one DEFAULT VALUES;'
    const bad = 'CREATE TABLE half_done (id INTEGER PRIMARY KEY); INSERT INTO no_such_table VALUES (1);'
    expect(() => migrate(db, [good, bad])).toThrow(/no_such_table/)
    expect(userVersion(db)).toBe(0)
    expect(tables(db)).toEqual([])
  })

  it('a failing later migration keeps the earlier applied ones and the version they reached', () => {
    const db = new Database(join(dir, 'partial.sqlite'))
    opened.push(db)
    const good = 'CREATE TABLE good_one (id INTEGER PRIMARY KEY);'
    expect(migrate(db, [good])).toBe(1)
    expect(() => migrate(db, [good, 'CREATE TABLE second (id INTEGER PRIMARY KEY); SELECT * FROM nowhere;'])).toThrow()
    expect(userVersion(db)).toBe(1)
    expect(tables(db)).toEqual(['good_one'])
  })

  it('pending migrations are applied in order from the current version', () => {
    const db = new Database(join(dir, 'order.sqlite'))
    opened.push(db)
    const m1 = 'CREATE TABLE log (n INTEGER);'
    const m2 = 'INSERT INTO log VALUES (2);'
    const m3 = 'INSERT INTO log VALUES (3);'
    expect(migrate(db, [m1, m2])).toBe(2)
    expect(migrate(db, [m1, m2, m3])).toBe(3)
    expect(db.prepare('SELECT n FROM log ORDER BY rowid').all()).toEqual([{ n: 2 }, { n: 3 }])
    expect(userVersion(db)).toBe(3)
  })
})
