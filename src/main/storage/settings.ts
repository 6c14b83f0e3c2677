/**
 * Storage settings live in a small JSON file next to the database, not in it: when the database
 * is damaged, the app must still know where its backups are.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'

export interface StorageSettings {
  /** Absolute path of the backup folder; absent means the default (backups/ next to the database). */
  backupFolder?: string
}

export const settingsPathFor = (dbPath: string) => join(dirname(dbPath), 'storage-settings.json')
export const defaultBackupFolder = (dbPath: string) => join(dirname(dbPath), 'backups')

export function readSettings(path: string): StorageSettings {
  if (!existsSync(path)) return {}
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as unknown
    if (typeof parsed !== 'object' || parsed === null) return {}
    const folder = (parsed as { backupFolder?: unknown }).backupFolder
    return typeof folder === 'string' && folder.trim() !== '' ? { backupFolder: folder } : {}
  } catch {
    // An unreadable settings file falls back to the default folder; it is rewritten on the next change.
    return {}
  }
}

export function writeSettings(path: string, settings: StorageSettings): void {
  const tmp = `${path}.tmp`
  writeFileSync(tmp, JSON.stringify(settings, null, 2) + '\n', 'utf8')
  renameSync(tmp, path)
}
