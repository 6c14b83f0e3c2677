/**
 * The database file and its backups, for the running app and the harness: the swappable
 * connection, start-up recovery, automatic and manual backups, and restore. No Electron here.
 *
 * Backups and restores run one at a time (a queue): a restore waits for a backup in progress,
 * then closes the connection, keeps the current file aside, puts the backup in its place and
 * opens it, all before any other handler call runs.
 */
import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { basename, dirname, isAbsolute, join, resolve } from 'node:path'
import {
  confirmsStartEmpty,
  NOBODY_SIGNED_IN,
  restoreMessage,
  START_EMPTY_CONFIRMATION,
  type BackupInfo,
  type BackupKind,
  type BackupOverview,
  type NotInBackup,
  type RestoreOutcome,
  type StartupStatus
} from '../../shared/storage/backup'
import { fileStamp, localDateKey } from '../../shared/kernel/isoTime'
import { DomainError } from '../../shared/kernel/result'
import { openDatabase, type Db } from '../db/connection'
import { audit, writeAuditEvent, type AuditEvent } from '../people/auditHook'
import type { Clock, ServiceContext } from '../app/context'
import { latestGoodBackup, listBackups, pruneBackups, takeBackup } from './backups'
import { DatabaseHolder } from './holder'
import { inspectDatabaseFileOffThread } from './inspect'
import { checkIntegrityOffThread, type IntegrityCheck } from './integrityCheck'
import { defaultBackupFolder, readSettings, settingsPathFor, writeSettings } from './settings'
import { decideStartup } from './startup'
import { databaseIdentity } from '../db/identity'

/** The identity of a database that may be damaged; null when it cannot be read. */
function identityOf(db: Db | null): string | null {
  try {
    return db ? databaseIdentity(db) : null
  } catch {
    return null
  }
}

/** How a person of the records being replaced is named in the audit of the records put in their place. */
function personOfOtherRecords(db: Db, staffId: number): string {
  let name = `staff #${staffId}`
  try {
    const row = db.prepare('SELECT name FROM staff WHERE id = ?').get(staffId) as { name: string } | undefined
    if (row) name = `${row.name} (staff #${staffId})`
  } catch {
    // Named by number only.
  }
  return `${name}, signed in to the records that were replaced`
}

export interface StorageOptions {
  dbPath: string
  clock: Clock
  audit?: (event: AuditEvent) => void
  log?: (message: string, error?: unknown) => void
  /** How the open file's integrity is checked after start-up; the test harness can hold it back. */
  integrityCheck?: IntegrityCheck
}

export class Storage {
  readonly holder: DatabaseHolder
  readonly dbPath: string
  private readonly clock: Clock
  private readonly options: StorageOptions
  private status: StartupStatus
  private queue: Promise<unknown> = Promise.resolve()
  private restoredSinceStart = false
  private swaps = 0
  private lastError: string | null = null
  /** Settles when the integrity check begun at start-up has finished (and acted on what it found). */
  readonly integrityChecked: Promise<void>

  /** Opens the database as at start-up (see decideStartup); throws only for a database from a newer version. */
  static open(options: StorageOptions): Storage {
    return new Storage(options)
  }

  private constructor(options: StorageOptions) {
    this.options = options
    this.dbPath = options.dbPath
    this.clock = options.clock
    const decision = decideStartup(this.dbPath, this.backupFolder())
    this.holder = new DatabaseHolder(decision.mode === 'normal' ? decision.db : null)
    this.status = decision.mode === 'normal' ? { mode: 'normal' } : decision.status
    this.integrityChecked =
      decision.mode === 'normal' ? this.checkIntegrity().catch((e: unknown) => this.options.log?.('the integrity check could not be acted on', e)) : Promise.resolve()
  }

  /**
   * The whole file's integrity check, off the main thread: on ten years of records it takes minutes,
   * and the console must open at once. A damaged file found this way puts the app into recovery,
   * as one found at start would (the console shows it; saves are refused until a restore).
   */
  private async checkIntegrity(): Promise<void> {
    const check = this.options.integrityCheck ?? checkIntegrityOffThread
    const problems = await check(this.dbPath)
    if (problems.length === 0) return
    await this.serial(() => {
      // A restore or a fresh start since then has replaced the file that was checked.
      if (this.status.mode !== 'normal' || this.restoredSinceStart) return
      this.options.log?.(`the session records failed their integrity check: ${problems.join('; ')}`)
      this.holder.close()
      const folder = this.backupFolder()
      this.status = {
        mode: 'recovery',
        reason: 'damaged',
        problem: `The session records at ${this.dbPath} are damaged: they failed their integrity check (${problems[0]}).`,
        latestGood: latestGoodBackup(folder),
        backups: listBackups(folder)
      }
    })
  }

  /** The context the handlers get: `db` is read from the holder on every use, so a restore swaps it for all. */
  context(): ServiceContext {
    const holder = this.holder
    const ctx: ServiceContext = {
      get db() {
        return holder.get()
      },
      clock: this.clock,
      storage: this
    }
    ctx.audit = this.options.audit ?? ((event) => writeAuditEvent(ctx, event))
    return ctx
  }

  /** Backups and restores go to the audit log of whatever database is open when they finish. */
  private auditCtx() {
    return this.options.audit ? { audit: this.options.audit } : { audit: (event: AuditEvent) => writeAuditEvent(this.context(), event) }
  }

  /** How many times the records have been replaced while running (a restore, a fresh start). */
  swapCount(): number {
    return this.swaps
  }

  startupStatus(): StartupStatus {
    return this.status
  }

  backupFolder(): string {
    return readSettings(settingsPathFor(this.dbPath)).backupFolder ?? defaultBackupFolder(this.dbPath)
  }

  overview(): BackupOverview {
    const folder = this.backupFolder()
    return { folder, defaultFolder: defaultBackupFolder(this.dbPath), backups: listBackups(folder), lastError: this.lastError }
  }

  /** Changes the backup folder after checking it can be created and written to. */
  setBackupFolder(folder: string, actorId: number | null): BackupOverview {
    const target = resolve(folder.trim())
    if (!isAbsolute(folder.trim())) throw new DomainError('INVALID_INPUT', 'Give the full path of the folder (for example /media/backup-drive/clinic)', 'folder')
    try {
      mkdirSync(target, { recursive: true })
      const probe = join(target, `.write-test-${process.pid}`)
      writeFileSync(probe, 'ok')
      rmSync(probe)
    } catch (e) {
      throw new DomainError('INVALID_INPUT', `Backups cannot be written to ${target}: ${(e as Error).message}`, 'folder')
    }
    const from = this.backupFolder()
    writeSettings(settingsPathFor(this.dbPath), target === defaultBackupFolder(this.dbPath) ? {} : { backupFolder: target })
    audit(this.auditCtx(), { action: 'backup_folder_changed', from, to: target, actorId, at: this.clock.now() })
    return this.overview()
  }

  /** Runs `job` after every backup or restore queued before it. */
  private serial<T>(job: () => Promise<T> | T): Promise<T> {
    const run = this.queue.then(job, job)
    this.queue = run.catch(() => undefined)
    return run
  }

  /** One backup of the open database, then rotation. */
  backupNow(kind: BackupKind, actorId: number | null = null): Promise<BackupInfo> {
    return this.serial(async () => {
      const db = this.holder.get()
      const at = this.clock.now()
      const folder = this.backupFolder()
      let info: BackupInfo
      try {
        const lastEnd = (db.prepare("SELECT COALESCE(MAX(id), 0) AS m FROM events WHERE type = 'session_ended'").get() as { m: number }).m
        info = await takeBackup(db, folder, kind, at)
        // The connection may have been replaced only by a restore, which waits for this job.
        db.prepare(
          'INSERT INTO backup_log (kind, file_name, folder, taken_at, last_session_end_id, size_bytes) VALUES (?, ?, ?, ?, ?, ?)'
        ).run(kind, info.fileName, folder, at, lastEnd, info.sizeBytes)
      } catch (e) {
        const message = `The ${kind} backup to ${folder} failed: ${(e as Error).message}`
        this.lastError = message
        audit(this.auditCtx(), { action: 'backup_failed', kind, message, actorId, at })
        throw new DomainError('STORAGE', `${message}. The session records themselves are unchanged.`)
      }
      this.lastError = null
      pruneBackups(folder)
      audit(this.auditCtx(), { action: 'backup', kind, fileName: info.fileName, folder, actorId, at })
      return info
    })
  }

  /**
   * The automatic backups that are due: one after every ended session not yet backed up, and one
   * a day. Called on a timer and after each entry; cheap when nothing is due.
   */
  async autoBackup(): Promise<BackupInfo[]> {
    const db = this.holder.current()
    if (!db) return []
    const due: BackupKind[] = []
    const { end } = db.prepare("SELECT COALESCE(MAX(id), 0) AS end FROM events WHERE type = 'session_ended'").get() as { end: number }
    const { covered } = db.prepare("SELECT COALESCE(MAX(last_session_end_id), 0) AS covered FROM backup_log WHERE kind = 'session'").get() as {
      covered: number
    }
    if (end > covered) due.push('session')
    const { last } = db.prepare("SELECT MAX(taken_at) AS last FROM backup_log WHERE kind = 'daily'").get() as { last: number | null }
    if (last === null || localDateKey(last) !== localDateKey(this.clock.now())) due.push('daily')
    const taken: BackupInfo[] = []
    for (const kind of due) taken.push(await this.backupNow(kind))
    return taken
  }

  /** Restores a backup from the backup folder, after checking it; the current file is kept aside. */
  restore(fileName: string, actorId: number | null = null): Promise<RestoreOutcome> {
    return this.serial(() => this.restoreNow(fileName, actorId))
  }

  private async restoreNow(fileName: string, actorId: number | null): Promise<RestoreOutcome> {
    const at = this.clock.now()
    const actorNote = actorId === null ? { actorNote: NOBODY_SIGNED_IN } : {}
    const refuse = (message: string): never => {
      audit(this.auditCtx(), { action: 'restore_refused', fileName, message, actorId, at, ...actorNote })
      throw new DomainError('INVALID_INPUT', `${message} Nothing was restored; the current records are unchanged.`, 'fileName')
    }
    if (fileName !== basename(fileName) || fileName.startsWith('.')) refuse('Choose a backup from the list.')
    const source = join(this.backupFolder(), fileName)
    const inspection = await inspectDatabaseFileOffThread(source)
    if (!inspection.ok) return refuse(inspection.message)
    const backups = listBackups(this.backupFolder())
    const takenAt = backups.find((b) => b.fileName === fileName)?.takenAt ?? at

    const current = this.holder.current()
    let notInBackup: NotInBackup | null = null
    if (current) {
      const newer = (table: string, max: number) => (current.prepare(`SELECT count(*) AS n FROM ${table} WHERE id > ?`).get(max) as { n: number }).n
      notInBackup = {
        entries: newer('events', inspection.max.event),
        sessions: newer('sessions', inspection.max.session),
        patients: newer('patients', inspection.max.patient),
        staff: newer('staff', inspection.max.staff)
      }
    }

    const replacedIdentity = identityOf(current)
    const replacedActor = current && actorId !== null ? personOfOtherRecords(current, actorId) : null
    // Keep the current file (and its WAL, if a damaged one was left) aside, unchanged.
    this.holder.close()
    const dir = dirname(this.dbPath)
    const stem = basename(this.dbPath).replace(/\.sqlite$/, '')
    let setAside: string | null = null
    if (existsSync(this.dbPath)) {
      let n = 0
      const name = () => `${stem}.before-restore-${fileStamp(at)}${n ? `-${n}` : ''}.sqlite`
      while (existsSync(join(dir, name()))) n++
      setAside = join(dir, name())
      renameSync(this.dbPath, setAside)
      for (const suffix of ['-wal', '-shm']) if (existsSync(this.dbPath + suffix)) renameSync(this.dbPath + suffix, setAside + suffix)
    }
    const putBack = () => {
      rmSync(this.dbPath, { force: true })
      if (setAside) {
        renameSync(setAside, this.dbPath)
        for (const suffix of ['-wal', '-shm']) if (existsSync(setAside + suffix)) renameSync(setAside + suffix, this.dbPath + suffix)
      }
      if (current) {
        try {
          this.holder.set(openDatabase(this.dbPath))
        } catch (e) {
          this.options.log?.('reopening the records after a failed restore failed', e)
        }
      }
    }
    let db: Db
    const staging = `${this.dbPath}.restoring`
    try {
      // Checked before it goes into place (on the worker thread: minutes for years of records).
      copyFileSync(source, staging)
      const problems = await checkIntegrityOffThread(staging)
      if (problems.length > 0) throw new Error(`the restored copy failed its integrity check (${problems[0]})`)
      renameSync(staging, this.dbPath)
      db = openDatabase(this.dbPath)
    } catch (e) {
      rmSync(staging, { force: true })
      putBack()
      throw new DomainError('STORAGE', `The backup could not be put in place (${(e as Error).message}). The previous records were put back unchanged.`)
    }
    this.holder.set(db)
    this.swaps++
    this.status = { mode: 'normal' }
    this.restoredSinceStart = true
    const setAsideName = setAside ? basename(setAside) : null
    // A staff number names a person only within one database: the restorer is named by number
    // only when the backup is of the same records (a copy keeps the database's identity).
    const sameRecords = replacedIdentity !== null && replacedIdentity === identityOf(db)
    const by = actorId === null ? actorNote : sameRecords ? {} : { actorNote: replacedActor! }
    audit(this.auditCtx(), { action: 'restore', fileName, takenAt, setAsideAs: setAsideName, actorId: sameRecords ? actorId : null, at, ...by })
    return { restoredFrom: fileName, takenAt, setAsideAs: setAsideName, notInBackup, message: restoreMessage(takenAt, notInBackup, setAside) }
  }

  /**
   * Recovery only: keep the unreadable file aside and start with a new, empty database. Does
   * nothing when the records are open. While backups exist it needs the typed confirmation, and it
   * is written to the new database's audit log, with nobody signed in.
   */
  startEmpty(confirmation?: string): Promise<StartupStatus> {
    return this.serial(() => {
      // Already open (a second press, or another window did it): nothing to do, and nothing is touched.
      if (this.status.mode !== 'recovery') return this.status
      const backups = listBackups(this.backupFolder())
      if (backups.length > 0 && !confirmsStartEmpty(confirmation))
        throw new DomainError(
          'INVALID_INPUT',
          `There ${backups.length === 1 ? 'is a backup' : `are ${backups.length} backups`} of the session records: restore the latest instead. To start with an empty database anyway, type ${START_EMPTY_CONFIRMATION}. Nothing was changed.`,
          'confirmation'
        )
      const at = this.clock.now()
      let setAsideAs: string | null = null
      if (existsSync(this.dbPath)) {
        const aside = join(dirname(this.dbPath), `${basename(this.dbPath).replace(/\.sqlite$/, '')}.unreadable-${fileStamp(at)}.sqlite`)
        renameSync(this.dbPath, aside)
        for (const suffix of ['-wal', '-shm']) if (existsSync(this.dbPath + suffix)) renameSync(this.dbPath + suffix, aside + suffix)
        setAsideAs = basename(aside)
      }
      this.holder.set(openDatabase(this.dbPath))
      this.swaps++
      this.status = { mode: 'normal' }
      this.restoredSinceStart = true
      audit(this.auditCtx(), { action: 'started_empty', setAsideAs, backupsInFolder: backups.length, actorId: null, at, actorNote: NOBODY_SIGNED_IN })
      return this.status
    })
  }

  /** Waits for a backup in progress, then closes the database. */
  async close(): Promise<void> {
    await this.queue.catch(() => undefined)
    this.holder.close()
  }
}
