import Database from 'better-sqlite3'
import { join } from 'node:path'
export { corruptPages, corruptUnreadPart } from '../../support/corrupt'
import { SCHEMA_VERSION } from '../../../src/main/db/connection'
import { recordEntry } from '../../../src/main/record/entries'
import { createPatient, createStaff } from '../../../src/main/people/people'
import { createSession } from '../../../src/main/sessions/sessions'
import { Storage } from '../../../src/main/storage/storage'
import { makeClock, makeTempDir, MIN, STANDARD_PLAN, T0, END_OVERRIDDEN } from '../helpers'

export function makeStorage() {
  const { dir, cleanup } = makeTempDir('ksc-storage-')
  const dbPath = join(dir, 'session-records.sqlite')
  const clock = makeClock(T0)
  const opened: Storage[] = []
  const open = () => {
    const s = Storage.open({ dbPath, clock })
    opened.push(s)
    return s
  }
  const storage = open()
  return {
    dir,
    dbPath,
    clock,
    storage,
    open,
    backupFolder: join(dir, 'backups'),
    async cleanup() {
      // The start-up integrity check reads the file on a worker thread: let it finish before the file goes.
      for (const s of opened) await s.integrityChecked.then(() => s.close())
      cleanup()
    }
  }
}

/** Staff, a patient, a session with a few entries, ended: returns their ids. */
export function seedRecords(storage: Storage, clock: ReturnType<typeof makeClock>, opts: { end?: boolean; code?: string } = {}) {
  const ctx = storage.context()
  const doc = createStaff(ctx, { name: 'Dr Grey', role: 'physician' })
  const nurse = createStaff(ctx, { name: 'Nurse Joy', role: 'nurse' })
  const patient = createPatient(ctx, { patientCode: opts.code ?? 'P-001', fullName: 'Ada Test', dateOfBirth: '1980-05-01', weightKg: 70 })
  const session = createSession(ctx, {
    patientId: patient.id,
    authorId: nurse.id,
    plan: STANDARD_PLAN,
    team: { physicianId: doc.id, nurseId: nurse.id, therapistId: null }
  })
  const rec = (entry: Parameters<typeof recordEntry>[1]['entry']) => {
    clock.advance(MIN)
    return recordEntry(ctx, { sessionId: session.id, authorId: entry.type === 'vitals' ? nurse.id : doc.id, entry })
  }
  rec({ type: 'vitals', vitals: { systolic: 120, diastolic: 80, heartRate: 70, spo2: 98, respiratoryRate: 14 } })
  rec({ type: 'infusion_started', rate: { value: 0.75, unit: 'mg/kg/h' } })
  rec({ type: 'infusion_stopped' })
  if (opts.end !== false) rec(END_OVERRIDDEN)
  return { ctx, doc, nurse, patient, session, rec }
}

export const count = (db: Database.Database, table: string) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n

/** A real SQLite database of the records' shape, from a newer version of the app. */
export function makeNewerBackup(path: string): void {
  const db = new Database(path)
  db.exec('CREATE TABLE patients (id INTEGER PRIMARY KEY); CREATE TABLE staff (id INTEGER PRIMARY KEY); CREATE TABLE sessions (id INTEGER PRIMARY KEY); CREATE TABLE events (id INTEGER PRIMARY KEY);')
  db.pragma(`user_version = ${SCHEMA_VERSION + 1}`)
  db.close()
}
