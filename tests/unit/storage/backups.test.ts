import Database from 'better-sqlite3'
import { copyFileSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { DatabaseOpenError, SCHEMA_VERSION } from '../../../src/main/db/connection'
import { createPatient } from '../../../src/main/people/people'
import { listBackups } from '../../../src/main/storage/backups'
import { NOT_OPEN_MESSAGE } from '../../../src/main/storage/holder'
import { backupFileName, backupsToPrune, parseBackupFileName, type BackupInfo } from '../../../src/shared/storage/backup'
import { catchError, END_OVERRIDDEN, MIN, T0 } from '../helpers'
import { corruptPages, corruptUnreadPart, count, makeNewerBackup, makeStorage, seedRecords } from './storageHelpers'

const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c()
})
const setup = () => {
  const s = makeStorage()
  cleanups.push(s.cleanup)
  return s
}
const DAY = 24 * 60 * MIN

describe('taking backups', () => {
  it('Back up now writes a checked, single-file copy to the backup folder and logs it', async () => {
    const s = setup()
    seedRecords(s.storage, s.clock)
    const info = await s.storage.backupNow('manual')
    const path = join(s.backupFolder, info.fileName)
    expect(parseBackupFileName(info.fileName)).toEqual({ kind: 'manual', takenAt: s.clock.now() })
    // Bytes 18-19 of the header: 1 = rollback journal, so the copy is one self-contained file.
    expect([...readFileSync(path).subarray(18, 20)]).toEqual([1, 1])
    const copy = new Database(path, { readonly: true })
    expect(count(copy, 'events')).toBe(4)
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok')
    copy.close()
    expect(readdirSync(s.backupFolder).filter((f) => f.includes('partial'))).toEqual([])
    expect(count(s.storage.holder.get(), 'backup_log')).toBe(1)
    expect(s.storage.overview().backups.map((b) => b.fileName)).toEqual([info.fileName])
  })

  it('automatic backups: one a day, and one after each session that ends, each only once', async () => {
    const s = setup()
    expect((await s.storage.autoBackup()).map((b) => b.kind)).toEqual(['daily'])
    expect(await s.storage.autoBackup()).toEqual([])
    const seeded = seedRecords(s.storage, s.clock)
    expect((await s.storage.autoBackup()).map((b) => b.kind)).toEqual(['session'])
    expect(await s.storage.autoBackup()).toEqual([])
    // Another session ends: another session backup. The next day: another daily one.
    const other = seedRecords(s.storage, s.clock, { code: 'P-002' })
    expect(other.session.id).not.toBe(seeded.session.id)
    expect((await s.storage.autoBackup()).map((b) => b.kind)).toEqual(['session'])
    s.clock.advance(DAY)
    expect((await s.storage.autoBackup()).map((b) => b.kind)).toEqual(['daily'])
  })

  it('rotation keeps the newest 50 session, 14 daily and 50 manual backups', () => {
    const make = (kind: BackupInfo['kind'], n: number) =>
      Array.from({ length: n }, (_, i) => ({ fileName: backupFileName(kind, T0 + i * DAY), kind, takenAt: T0 + i * DAY, sizeBytes: 1 }))
    const pruned = backupsToPrune([...make('daily', 16), ...make('session', 50), ...make('manual', 51)])
    expect(pruned.map((b) => [b.kind, (b.takenAt - T0) / DAY])).toEqual([
      ['daily', 1],
      ['daily', 0],
      ['manual', 0]
    ])
  })

  it('rotation runs after each backup and leaves other files in the folder alone', async () => {
    const s = setup()
    await s.storage.backupNow('manual')
    for (let i = 0; i < 16; i++) writeFileSync(join(s.backupFolder, backupFileName('daily', T0 - (i + 1) * DAY)), 'old')
    writeFileSync(join(s.backupFolder, 'notes.txt'), 'keep me')
    await s.storage.backupNow('daily')
    const daily = listBackups(s.backupFolder).filter((b) => b.kind === 'daily')
    expect(daily).toHaveLength(14)
    expect(daily[0]!.takenAt).toBe(s.clock.now())
    expect(existsSync(join(s.backupFolder, 'notes.txt'))).toBe(true)
  })

  it('the backup folder can be changed; the setting lives next to the database', async () => {
    const s = setup()
    const elsewhere = join(s.dir, 'usb', 'clinic')
    s.storage.setBackupFolder(elsewhere, null)
    const info = await s.storage.backupNow('manual')
    expect(existsSync(join(elsewhere, info.fileName))).toBe(true)
    expect(JSON.parse(readFileSync(join(s.dir, 'storage-settings.json'), 'utf8'))).toEqual({ backupFolder: elsewhere })
    expect(catchError(() => s.storage.setBackupFolder('relative/path', null))).toMatchObject({ code: 'INVALID_INPUT', field: 'folder' })
  })
})

describe('restoring a backup', () => {
  it('brings back the backup, keeps the replaced records aside, and says what the backup does not hold', async () => {
    const s = setup()
    const { rec } = seedRecords(s.storage, s.clock, { end: false })
    const backup = await s.storage.backupNow('manual')
    // After the backup: two more entries and a new patient.
    rec({ type: 'vitals', vitals: { systolic: 130, diastolic: 85, heartRate: 75, spo2: 97, respiratoryRate: 15 } })
    rec(END_OVERRIDDEN)
    createPatient(s.storage.context(), { patientCode: 'P-LATE', fullName: 'Late Patient', dateOfBirth: '1990-01-01', weightKg: 60 })
    s.clock.advance(MIN)
    const outcome = await s.storage.restore(backup.fileName)
    expect(outcome.notInBackup).toEqual({ entries: 2, sessions: 0, patients: 1, staff: 0 })
    expect(outcome.message).toContain('entries after that are not in it')
    expect(outcome.message).toContain('2 entries, 1 patient')
    const db = s.storage.holder.get()
    expect(count(db, 'events')).toBe(3)
    expect(count(db, 'patients')).toBe(1)
    // Nothing lost silently: the replaced records are kept, complete.
    const aside = new Database(join(s.dir, outcome.setAsideAs!), { readonly: true })
    expect(count(aside, 'events')).toBe(5)
    expect(count(aside, 'patients')).toBe(2)
    aside.close()
    // The handlers' context follows the swap.
    expect(count(s.storage.context().db, 'events')).toBe(3)
  })

  it('waits for a backup in progress before it swaps the database', async () => {
    const s = setup()
    seedRecords(s.storage, s.clock)
    const first = await s.storage.backupNow('manual')
    s.clock.advance(MIN)
    const running = s.storage.backupNow('manual')
    const restoring = s.storage.restore(first.fileName)
    const second = await running
    await restoring
    expect(existsSync(join(s.backupFolder, second.fileName))).toBe(true)
    expect(count(s.storage.holder.get(), 'events')).toBe(4)
  })

  for (const [what, prepare, message] of [
    ['a file that is not a SQLite database', (p: string) => writeFileSync(p, 'this is a spreadsheet, not a database\n'.repeat(100)), /not a session-records database/],
    ['a backup from a newer version', (p: string) => makeNewerBackup(p), /newer version of the app/],
    ['a damaged backup', (p: string, good: string) => (copyFileSync(good, p), corruptPages(p)), /damaged/],
    ['a backup damaged where only the whole integrity check looks', (p: string, good: string) => (copyFileSync(good, p), corruptUnreadPart(p)), /damaged: it failed its integrity check/],
    ['a database that is not a records backup', (p: string) => new Database(p).exec('CREATE TABLE x (y)'), /not a backup of the session records/]
  ] as const) {
    it(`refuses ${what} with a clear message and leaves the current records untouched`, async () => {
      const s = setup()
      seedRecords(s.storage, s.clock)
      const good = await s.storage.backupNow('manual')
      const bad = backupFileName('manual', T0 - DAY)
      ;(prepare as (p: string, good: string) => void)(join(s.backupFolder, bad), join(s.backupFolder, good.fileName))
      const before = count(s.storage.holder.get(), 'events')
      const err = await s.storage.restore(bad).then(
        () => null,
        (e: { code?: string; message: string }) => e
      )
      expect(err?.code).toBe('INVALID_INPUT')
      expect(err?.message).toMatch(message)
      expect(err?.message).toMatch(/current records are unchanged/)
      expect(count(s.storage.holder.get(), 'events')).toBe(before)
      expect(readdirSync(s.dir).filter((f) => f.includes('before-restore'))).toEqual([])
    })
  }

  it('refuses a name that is not a plain backup file name', async () => {
    const s = setup()
    await expect(s.storage.restore('../session-records.sqlite')).rejects.toMatchObject({ code: 'INVALID_INPUT', field: 'fileName' })
  })
})

describe('start-up with a damaged, unreadable or missing database', () => {
  it('a database that fails its integrity check goes into recovery when the check (off the main thread) finishes, offering the latest good backup; restoring it recovers the records', async () => {
    const s = setup()
    seedRecords(s.storage, s.clock)
    const older = await s.storage.backupNow('manual')
    s.clock.advance(MIN)
    const latest = await s.storage.backupNow('session')
    // A newer backup that is itself damaged is skipped.
    s.clock.advance(MIN)
    const damaged = backupFileName('manual', s.clock.now())
    copyFileSync(join(s.backupFolder, latest.fileName), join(s.backupFolder, damaged))
    corruptPages(join(s.backupFolder, damaged))
    await s.storage.close()
    corruptPages(s.dbPath)
    const corruptBytes = readFileSync(s.dbPath)

    const reopened = s.open()
    await reopened.integrityChecked
    const status = reopened.startupStatus()
    expect(status.mode).toBe('recovery')
    if (status.mode !== 'recovery') return
    expect(status.reason).toBe('damaged')
    expect(status.problem).toMatch(/integrity check/)
    expect(status.latestGood?.fileName).toBe(latest.fileName)
    expect(status.backups.map((b) => b.fileName)).toEqual([damaged, latest.fileName, older.fileName])
    // Nothing reads the damaged file as if it were empty: every call says the records are not open.
    expect(() => reopened.context().db).toThrow(NOT_OPEN_MESSAGE)

    const outcome = await reopened.restore(latest.fileName)
    expect(outcome.notInBackup).toBeNull()
    expect(outcome.message).toMatch(/This backup was taken at \d\d [A-Z][a-z]{2} \d{4} \d\d:\d\d; entries after that are not in it/)
    expect(reopened.startupStatus()).toEqual({ mode: 'normal' })
    expect(count(reopened.context().db, 'events')).toBe(4)
    // The damaged file is kept, byte for byte, for support.
    expect(readFileSync(join(s.dir, outcome.setAsideAs!)).equals(corruptBytes)).toBe(true)
  })

  it('a file that is not a database at all opens in recovery as unreadable, and is not modified', async () => {
    const s = setup()
    seedRecords(s.storage, s.clock)
    await s.storage.backupNow('daily')
    await s.storage.close()
    writeFileSync(s.dbPath, 'garbage'.repeat(1000))
    const reopened = s.open()
    expect(reopened.startupStatus()).toMatchObject({ mode: 'recovery', reason: 'unreadable' })
    expect(readFileSync(s.dbPath, 'utf8')).toBe('garbage'.repeat(1000))
  })

  it('a missing database with backups beside it is recovery, not a silent new empty database', async () => {
    const s = setup()
    seedRecords(s.storage, s.clock)
    await s.storage.backupNow('daily')
    await s.storage.close()
    for (const suffix of ['', '-wal', '-shm']) rmSync(s.dbPath + suffix, { force: true })
    const reopened = s.open()
    expect(reopened.startupStatus()).toMatchObject({ mode: 'recovery', reason: 'missing' })
    expect(existsSync(s.dbPath)).toBe(false)
    // Starting again is a deliberate choice: typed, not one click.
    await expect(reopened.startEmpty()).rejects.toMatchObject({ code: 'INVALID_INPUT', field: 'confirmation' })
    expect(existsSync(s.dbPath)).toBe(false)
    await reopened.startEmpty('start empty')
    expect(reopened.startupStatus()).toEqual({ mode: 'normal' })
    expect(count(reopened.context().db, 'patients')).toBe(0)
  })

  it('a database from a newer version is refused, not recovered over', async () => {
    const s = setup()
    await s.storage.close()
    const raw = new Database(s.dbPath)
    raw.pragma(`user_version = ${SCHEMA_VERSION + 1}`)
    raw.close()
    expect(() => s.open()).toThrow(DatabaseOpenError)
  })
})
