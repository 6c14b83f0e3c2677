/**
 * What to do with the database at start: open it, or, when it cannot be opened, go into recovery
 * and offer the latest good backup. The whole file's integrity check runs after this, off the main
 * thread (Storage.checkIntegrity): it reads every page, minutes for ten years of records. Never a silent new empty
 * database: a missing file with backups beside it is recovery too. Used by src/main/index.ts and
 * by the test harness, so a Playwright test can drive the recovery screen.
 */
import { existsSync } from 'node:fs'
import type { BackupInfo, StartupStatus } from '../../shared/storage/backup'
import { DatabaseOpenError, openDatabase, type Db } from '../db/connection'
import { latestGoodBackup, listBackups } from './backups'

export type StartupDecision = { mode: 'normal'; db: Db } | { mode: 'recovery'; status: Extract<StartupStatus, { mode: 'recovery' }> }

/**
 * Opens `dbPath` for the app, or says why it cannot and which backups could replace it.
 * A database written by a newer version is not a recovery case (restoring an older backup over
 * it would lose data): that DatabaseOpenError ('too_new') is thrown for the caller to report.
 */
export function decideStartup(dbPath: string, backupFolder: string): StartupDecision {
  const recovery = (reason: 'unreadable' | 'damaged' | 'missing', problem: string): StartupDecision => {
    const backups: BackupInfo[] = listBackups(backupFolder)
    return { mode: 'recovery', status: { mode: 'recovery', reason, problem, latestGood: latestGoodBackup(backupFolder), backups } }
  }
  if (dbPath !== ':memory:' && !existsSync(dbPath) && listBackups(backupFolder).length > 0) {
    return recovery(
      'missing',
      `The session records file ${dbPath} is missing, but there are backups of it. Restore the latest backup, or start with an empty database only if the records really are meant to start again.`
    )
  }
  let db: Db
  try {
    db = openDatabase(dbPath)
  } catch (e) {
    if (e instanceof DatabaseOpenError && e.kind === 'too_new') throw e
    return recovery('unreadable', `The session records at ${dbPath} could not be opened: ${(e as Error).message}`)
  }
  return { mode: 'normal', db }
}
