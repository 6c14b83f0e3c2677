import Database from 'better-sqlite3'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { migrate, openDatabase, type Db } from '../../../src/main/db/connection'
import { MIGRATIONS } from '../../../src/main/db/migrations'
import { databaseIdentity } from '../../../src/main/db/identity'
import { catchError, makeTempDir } from '../helpers'

let dir: string
let cleanup: () => void
const opened: Db[] = []
beforeEach(() => {
  ;({ dir, cleanup } = makeTempDir('ksc-identity-'))
})
afterEach(() => {
  for (const db of opened.splice(0)) if (db.open) db.close()
  cleanup()
})
const open = (name: string) => {
  const db = openDatabase(join(dir, name))
  opened.push(db)
  return db
}

describe('the database identity', () => {
  it('every new database gets its own random id', () => {
    const a = databaseIdentity(open('a.sqlite'))
    const b = databaseIdentity(open('b.sqlite'))
    expect(a).toMatch(/^[0-9a-f]{32}$/)
    expect(b).toMatch(/^[0-9a-f]{32}$/)
    expect(a).not.toBe(b)
  })

  it('a database from before it existed is given one when it is opened, and keeps its records', () => {
    const path = join(dir, 'older.sqlite')
    const raw = new Database(path)
    migrate(raw, MIGRATIONS.slice(0, 8))
    raw.prepare("INSERT INTO staff (name, role, active, created_at) VALUES ('Dr Grey', 'physician', 1, 0)").run()
    raw.close()
    const db = open('older.sqlite')
    expect(databaseIdentity(db)).toMatch(/^[0-9a-f]{32}$/)
    expect(db.prepare('SELECT name FROM staff').all()).toEqual([{ name: 'Dr Grey' }])
  })

  it('never changes: an update, a delete or a second row is refused', () => {
    const db = open('a.sqlite')
    const id = databaseIdentity(db)
    expect(catchError(() => db.prepare("UPDATE database_identity SET id = 'ffffffffffffffffffffffffffffffff'").run()).message).toMatch(/never changes/)
    expect(catchError(() => db.prepare('DELETE FROM database_identity').run()).message).toMatch(/never changes/)
    expect(() => db.prepare("INSERT INTO database_identity (id, created_at) VALUES ('eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee', 0)").run()).toThrow()
    expect(databaseIdentity(db)).toBe(id)
  })
})
