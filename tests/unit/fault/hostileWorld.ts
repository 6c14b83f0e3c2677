/**
 * The world the hostile-input tests call into: a database file with its storage (backups and the
 * storage settings live in the same temp folder), the standard team, a patient, an open session
 * with an active alert, an ended session, a backup, and PINs for the nurse and the physician (not
 * for the administrator, so first set-up is still open). One per channel, so that a valid input
 * that changes the world (a restore, a deactivation, a retired protocol) cannot spoil another's.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { createWorkstation, type Workstation } from '../../../src/main/people/workstation'
import { createHandlers, type Handlers } from '../../../src/main/app/handlers'
import type { ServiceContext } from '../../../src/main/app/context'
import { recordEntry } from '../../../src/main/record/entries'
import { listProtocols } from '../../../src/main/protocols/protocols'
import { Storage } from '../../../src/main/storage/storage'
import type { Ids } from '../../fault/hostile'
import { corruptPages } from '../../support/corrupt'
import { CHEAP_PIN_COST, givePin, signedInWorkstation } from '../authHelpers'
import { makeClock, makeTempDir, MIN, seedPatient, seedSession, seedStaff, T0, type Team } from '../helpers'

/** Every table the migrations make (001-007): a test checks this list against the database. */
export const TABLES = [
  'patients',
  'staff',
  'protocols',
  'sessions',
  'events',
  'staff_history',
  'staff_credentials',
  'settings',
  'audit_log',
  'event_seals',
  'sign_offs',
  'integrity_meta',
  'backup_log',
  'database_identity',
  'open_sessions'
] as const

export interface World {
  ctx: ServiceContext
  handlers: Handlers
  ws: Workstation
  team: Team
  ids: Ids
  dir: string
  /** Unexpected failures the handlers reported (a typed refusal is not one). */
  logged: unknown[]
  cleanup(): Promise<void>
}

const VITALS = { systolic: 120, diastolic: 80, heartRate: 70, spo2: 98, respiratoryRate: 14 }
const DB_FILE = 'session-records.sqlite'
const PINS = { nurse: '246813', physician: '864213' }

export async function makeWorld(): Promise<World & { storage: Storage }> {
  const { dir, cleanup } = makeTempDir('ksc-hostile-')
  const clock = makeClock(T0)
  const storage = Storage.open({ dbPath: join(dir, DB_FILE), clock })
  const ctx = storage.context()
  const team = seedStaff(ctx)
  const patient = seedPatient(ctx)
  const session = seedSession(ctx, team, patient)
  clock.advance(5 * MIN)
  const event = recordEntry(ctx, { sessionId: session.id, authorId: team.nurse.id, entry: { type: 'vitals', vitals: VITALS } })
  // Above the default limits (systolic 180, diastolic 110): two alerts to acknowledge.
  const alarming = recordEntry(ctx, { sessionId: session.id, authorId: team.nurse.id, entry: { type: 'vitals', vitals: { ...VITALS, systolic: 190, diastolic: 115 } } })
  const ended = seedSession(ctx, team, seedPatient(ctx, { patientCode: 'P-0002' }))
  recordEntry(ctx, { sessionId: ended.id, authorId: team.nurse.id, entry: { type: 'session_ended' } })
  givePin(ctx, team.nurse.id, PINS.nurse)
  givePin(ctx, team.physician.id, PINS.physician)
  const backup = await storage.backupNow('manual')
  const protocol = listProtocols(ctx)[0]!
  clock.advance(5 * MIN)
  const ws = signedInWorkstation(ctx, team.admin.id)
  const logged: unknown[] = []
  const handlers = createHandlers(ctx, { log: (_c, e) => logged.push(e), workstation: ws, pinCost: CHEAP_PIN_COST })
  const ids: Ids = {
    patientId: patient.id,
    sessionId: session.id,
    nurseId: team.nurse.id,
    physicianId: team.physician.id,
    adminId: team.admin.id,
    therapistId: team.therapist.id,
    eventId: event.id,
    recentTime: clock.now() - MIN,
    protocolId: protocol.id,
    lineageId: protocol.lineageId,
    alarmingEventId: alarming.id,
    endedSessionId: ended.id,
    nursePin: PINS.nurse,
    physicianPin: PINS.physician,
    backupFileName: backup.fileName,
    backupFolder: join(dir, 'other-backups')
  }
  return {
    storage,
    ctx,
    handlers,
    ws,
    team,
    ids,
    dir,
    logged,
    cleanup: async () => {
      // The start-up integrity check reads the file on a worker thread: let it finish before the file goes.
      await storage.integrityChecked
      await storage.close()
      cleanup()
    }
  }
}

/** Everything stored: every row of every table (the world is small), through the storage's current connection. */
export function tableContents(ctx: ServiceContext): string {
  return JSON.stringify(TABLES.map((table) => ctx.db.prepare(`SELECT * FROM ${table}`).raw().all()))
}

/** Every file under the world's folder with its size, and the content of the storage settings. */
export function filesIn(dir: string): string {
  const out: string[] = []
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const path = join(d, name)
      const stat = statSync(path)
      if (stat.isDirectory()) walk(path)
      // The database and its WAL change size as SQLite checkpoints; their rows are compared instead.
      else if (/\.sqlite(-wal|-shm)?$/.test(name) && d === dir) out.push(relative(dir, path))
      else out.push(`${relative(dir, path)} ${stat.size} ${name.endsWith('.json') ? readFileSync(path, 'utf8') : ''}`)
    }
  }
  walk(dir)
  return out.join('\n')
}

export interface RecoveryWorld {
  storage: Storage
  handlers: Handlers
  ids: Ids
  dir: string
  logged: unknown[]
  cleanup(): Promise<void>
}

/**
 * The same world after its database file was damaged: the app opens in recovery, nobody can sign
 * in, and only the start-up and backup channels work (they are what moves files then).
 */
export async function makeRecoveryWorld(): Promise<RecoveryWorld> {
  const healthy = await makeWorld()
  await healthy.storage.integrityChecked
  await healthy.storage.close()
  const dbPath = join(healthy.dir, DB_FILE)
  corruptPages(dbPath)
  const storage = Storage.open({ dbPath, clock: makeClock(T0 + 60 * MIN) })
  // The damage is found by the whole file's check, which finishes after start-up on a worker thread.
  await storage.integrityChecked
  if (storage.startupStatus().mode !== 'recovery') throw new Error('the damaged world did not go into recovery')
  const logged: unknown[] = []
  const handlers = createHandlers(storage.context(), { log: (_c, e) => logged.push(e), workstation: createWorkstation(), pinCost: CHEAP_PIN_COST })
  return {
    storage,
    handlers,
    ids: healthy.ids,
    dir: healthy.dir,
    logged,
    cleanup: async () => {
      await storage.close()
      await healthy.cleanup()
    }
  }
}
