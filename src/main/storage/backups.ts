/**
 * Backup files: taking one with SQLite's online backup API (better-sqlite3's db.backup), checking
 * it, listing a folder, and rotation. A backup is written under a temporary name and only renamed
 * into place once it has passed its integrity check, so a half-written file never looks like one.
 */
import Database from 'better-sqlite3'
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { backupFileName, backupsToPrune, parseBackupFileName, type BackupInfo, type BackupKind } from '../../shared/storage/backup'
import type { Db } from '../db/connection'
import { inspectDatabaseFile } from './inspect'
import { checkIntegrityOffThread } from './integrityCheck'

export class BackupError extends Error {}

/** Every backup file in the folder (by name), newest first. Other files are left alone and not listed. */
export function listBackups(folder: string): BackupInfo[] {
  if (!existsSync(folder)) return []
  const out: BackupInfo[] = []
  for (const name of readdirSync(folder)) {
    const parsed = parseBackupFileName(name)
    if (!parsed) continue
    try {
      const st = statSync(join(folder, name))
      if (st.isFile()) out.push({ fileName: name, kind: parsed.kind, takenAt: parsed.takenAt, sizeBytes: st.size })
    } catch {
      // Removed while listing: not a backup any more.
    }
  }
  return out.sort((a, b) => b.takenAt - a.takenAt || b.fileName.localeCompare(a.fileName))
}

/**
 * The newest backup that opens, reads as the session records and is not from a newer version; null
 * if none does. Each backup passed the whole integrity check when it was taken, and passes it again
 * before a restore; here, in recovery, reading every page of every backup on the main thread would
 * freeze the app for minutes (ten years of records), so only the cheap checks run.
 */
export function latestGoodBackup(folder: string): BackupInfo | null {
  for (const b of listBackups(folder)) if (inspectDatabaseFile(join(folder, b.fileName)).ok) return b
  return null
}

/** Copies the open database into `folder` and returns the checked backup. */
export async function takeBackup(db: Db, folder: string, kind: BackupKind, takenAt: number): Promise<BackupInfo> {
  mkdirSync(folder, { recursive: true })
  let n = 0
  while (existsSync(join(folder, backupFileName(kind, takenAt, n)))) n++
  const fileName = backupFileName(kind, takenAt, n)
  const finalPath = join(folder, fileName)
  const partial = join(folder, `.${fileName}.partial`)
  rmSync(partial, { force: true })
  try {
    await db.backup(partial)
    // A backup of a WAL database is a WAL database: make it a plain single file, so it can be
    // opened read-only from any folder (a USB stick, a share) and copied as one file.
    const copy = new Database(partial)
    try {
      copy.pragma('journal_mode = DELETE')
    } finally {
      copy.close()
    }
    // Off the main thread: checking a large copy takes minutes, and a session may be running.
    const problems = await checkIntegrityOffThread(partial)
    if (problems.length > 0) throw new BackupError(`the copy failed its integrity check (${problems[0]})`)
    renameSync(partial, finalPath)
  } catch (e) {
    rmSync(partial, { force: true })
    rmSync(`${partial}-journal`, { force: true })
    throw e
  }
  return { fileName, kind, takenAt, sizeBytes: statSync(finalPath).size }
}

/** Removes the backups beyond each kind's rotation limit; returns what it removed. */
export function pruneBackups(folder: string): BackupInfo[] {
  const removed: BackupInfo[] = []
  for (const b of backupsToPrune(listBackups(folder))) {
    try {
      rmSync(join(folder, b.fileName))
      removed.push(b)
    } catch {
      // Left for the next rotation.
    }
  }
  return removed
}
