import Database from 'better-sqlite3'
import { existsSync } from 'node:fs'
import { MIGRATIONS } from './migrations'

export type Db = Database.Database

export class DatabaseOpenError extends Error {
  constructor(
    message: string,
    readonly path: string,
    readonly kind: 'too_new' | 'unreadable'
  ) {
    super(message)
    this.name = 'DatabaseOpenError'
  }
}

export const SCHEMA_VERSION = MIGRATIONS.length

/**
 * Opens (or on first run creates) the database and brings it to the current schema.
 * A file this version cannot read, or one written by a newer version, is refused before
 * anything is written to it: the staff are told, and the file stays as it was.
 */
export function openDatabase(path: string): Db {
  const isNew = path === ':memory:' || !existsSync(path)
  let db: Db
  try {
    db = new Database(path, { fileMustExist: !isNew })
  } catch (e) {
    throw new DatabaseOpenError(`The database at ${path} could not be opened: ${(e as Error).message}`, path, 'unreadable')
  }
  try {
    const version = readUserVersion(db, path)
    if (version > SCHEMA_VERSION) {
      throw new DatabaseOpenError(
        `The database at ${path} was written by a newer version of this app (schema ${version}; this app knows up to ${SCHEMA_VERSION}). It has not been changed. Update the app to open it.`,
        path,
        'too_new'
      )
    }
    // WAL with synchronous=FULL: a committed entry survives a power cut (NORMAL may lose the last commits).
    db.pragma('synchronous = FULL')
    db.pragma('foreign_keys = ON')
    db.pragma('busy_timeout = 5000')
    migrate(db)
    // Switching to WAL rewrites the file header, so only once the migrations have succeeded:
    // a database they fail on is refused unchanged, as the message says.
    db.pragma('journal_mode = WAL')
    return db
  } catch (e) {
    db.close()
    if (e instanceof DatabaseOpenError) throw e
    throw new DatabaseOpenError(
      `The database at ${path} could not be read and has not been changed: ${(e as Error).message}`,
      path,
      'unreadable'
    )
  }
}

function readUserVersion(db: Db, path: string): number {
  try {
    // Reading the schema also proves the file is a database at all.
    db.prepare('SELECT count(*) FROM sqlite_schema').get()
    return db.pragma('user_version', { simple: true }) as number
  } catch (e) {
    throw new DatabaseOpenError(
      `The file at ${path} is not a readable database (${(e as Error).message}). It has not been changed.`,
      path,
      'unreadable'
    )
  }
}

/** Applies every pending migration in one transaction: all of them, or none. */
export function migrate(db: Db, migrations: readonly string[] = MIGRATIONS): number {
  const from = db.pragma('user_version', { simple: true }) as number
  if (from >= migrations.length) return from
  db.transaction(() => {
    for (let v = from; v < migrations.length; v++) db.exec(migrations[v]!)
    db.pragma(`user_version = ${migrations.length}`)
  })()
  return migrations.length
}
