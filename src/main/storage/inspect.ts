/**
 * Looks at a database file without changing it: is it SQLite at all, can it be read, is it one of
 * ours, and not from a newer version. Used before a restore and to find the latest good backup.
 */
import Database from 'better-sqlite3'
import { existsSync } from 'node:fs'
import { SCHEMA_VERSION } from '../db/connection'
import { checkIntegrityOffThread } from './integrityCheck'

export type Inspection =
  | { ok: true; schemaVersion: number; max: { event: number; session: number; patient: number; staff: number }; lastSessionEndId: number }
  | { ok: false; reason: 'missing' | 'not_sqlite' | 'damaged' | 'too_new' | 'not_records'; message: string }

const REQUIRED_TABLES = ['patients', 'staff', 'sessions', 'events']

/**
 * inspectDatabaseFile, then the whole file's integrity check on a worker thread (minutes for years
 * of records): for a restore, while the app stays responsive.
 */
export async function inspectDatabaseFileOffThread(path: string): Promise<Inspection> {
  const inspection = inspectDatabaseFile(path)
  if (!inspection.ok) return inspection
  const problems = await checkIntegrityOffThread(path)
  return problems.length > 0 ? { ok: false, reason: 'damaged', message: damagedMessage(problems[0]!) } : inspection
}

const damagedMessage = (problem: string) => `This backup is damaged: it failed its integrity check (${problem}).`

/**
 * The checks that read a few pages: a SQLite file, ours, not from a newer version, its newest rows
 * readable. Damage elsewhere in the file is for the whole integrity check (integrityCheck.ts).
 */
export function inspectDatabaseFile(path: string): Inspection {
  if (!existsSync(path)) return { ok: false, reason: 'missing', message: 'The backup file is missing.' }
  let db: Database.Database
  try {
    db = new Database(path, { readonly: true, fileMustExist: true })
  } catch (e) {
    return { ok: false, reason: 'not_sqlite', message: `This file is not a session-records database (${(e as Error).message}).` }
  }
  try {
    let version: number
    try {
      db.prepare('SELECT count(*) FROM sqlite_schema').get()
      version = db.pragma('user_version', { simple: true }) as number
    } catch (e) {
      const code = (e as { code?: string }).code ?? ''
      return code === 'SQLITE_NOTADB'
        ? { ok: false, reason: 'not_sqlite', message: 'This file is not a session-records database.' }
        : { ok: false, reason: 'damaged', message: `This backup is damaged and cannot be read (${(e as Error).message}).` }
    }
    if (version > SCHEMA_VERSION)
      return {
        ok: false,
        reason: 'too_new',
        message: `This backup was made by a newer version of the app (schema ${version}; this app knows up to ${SCHEMA_VERSION}). Update the app to restore it.`
      }
    const tables = new Set((db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").all() as { name: string }[]).map((r) => r.name))
    if (version < 1 || !REQUIRED_TABLES.every((t) => tables.has(t)))
      return { ok: false, reason: 'not_records', message: 'This file is a database, but not a backup of the session records.' }
    try {
      const max = (table: string) => (db.prepare(`SELECT COALESCE(MAX(id), 0) AS m FROM ${table}`).get() as { m: number }).m
      const lastSessionEndId = (db.prepare("SELECT COALESCE(MAX(id), 0) AS m FROM events WHERE type = 'session_ended'").get() as { m: number }).m
      return { ok: true, schemaVersion: version, max: { event: max('events'), session: max('sessions'), patient: max('patients'), staff: max('staff') }, lastSessionEndId }
    } catch (e) {
      return { ok: false, reason: 'damaged', message: damagedMessage((e as Error).message) }
    }
  } finally {
    db.close()
  }
}
