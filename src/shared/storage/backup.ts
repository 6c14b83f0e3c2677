/**
 * Backups of the session records: what the UI is told, the file naming, and which old backups
 * rotation removes. Pure; the file work is in src/main/storage.
 */
import { fileStamp, formatLocalDateTime } from '../kernel/isoTime'

export const BACKUP_KINDS = ['session', 'daily', 'manual'] as const
export type BackupKind = (typeof BACKUP_KINDS)[number]

/** How many of each kind are kept; the oldest beyond that are removed. */
export const ROTATION: Record<BackupKind, number> = { session: 50, daily: 14, manual: 50 }

export const BACKUP_KIND_LABELS: Record<BackupKind, string> = {
  session: 'After a session ended',
  daily: 'Daily',
  manual: 'Back up now'
}

export interface BackupInfo {
  fileName: string
  kind: BackupKind
  takenAt: number
  sizeBytes: number
}

export interface BackupOverview {
  folder: string
  /** The folder when no setting says otherwise: "backups" next to the database. */
  defaultFolder: string
  /** Newest first. */
  backups: BackupInfo[]
  /** The last automatic backup that failed, so the clinic sees it; null when the last one worked. */
  lastError: string | null
}

/** What the current records held that the restored backup does not. */
export interface NotInBackup {
  entries: number
  sessions: number
  patients: number
  staff: number
}

export interface RestoreOutcome {
  restoredFrom: string
  takenAt: number
  /** Where the database that was replaced was kept, or null if there was none. */
  setAsideAs: string | null
  /** Null when the replaced database could not be read to count them. */
  notInBackup: NotInBackup | null
  message: string
}

export type StartupStatus =
  | { mode: 'normal' }
  | {
      mode: 'recovery'
      reason: 'unreadable' | 'damaged' | 'missing'
      problem: string
      /** The newest backup that reads as the session records (each was integrity-checked when taken, and is again before a restore), or null. */
      latestGood: BackupInfo | null
      backups: BackupInfo[]
    }

const NAME = /^backup-(session|daily|manual)-\d{8}-\d{6}-(\d{1,16})(?:-(\d+))?\.sqlite$/

export function backupFileName(kind: BackupKind, takenAt: number, n = 0): string {
  return `backup-${kind}-${fileStamp(takenAt)}-${takenAt}${n > 0 ? `-${n}` : ''}.sqlite`
}

export function parseBackupFileName(name: string): { kind: BackupKind; takenAt: number } | null {
  const m = NAME.exec(name)
  if (!m) return null
  return { kind: m[1] as BackupKind, takenAt: Number(m[2]) }
}

/** The backups rotation removes: beyond the newest ROTATION[kind] of each kind. */
export function backupsToPrune(backups: readonly BackupInfo[], rotation: Record<BackupKind, number> = ROTATION): BackupInfo[] {
  const prune: BackupInfo[] = []
  for (const kind of BACKUP_KINDS) {
    const ofKind = backups.filter((b) => b.kind === kind).sort((a, b) => b.takenAt - a.takenAt || b.fileName.localeCompare(a.fileName))
    prune.push(...ofKind.slice(Math.max(0, rotation[kind])))
  }
  return prune
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`
}

/** What a restore tells the user: when the backup is from, and what it does not hold. */
export function restoreMessage(takenAt: number, notInBackup: NotInBackup | null, setAsideAs: string | null): string {
  const when = formatLocalDateTime(takenAt)
  const kept = setAsideAs ? ` The records it replaced were kept, unchanged, as ${setAsideAs}.` : ''
  if (notInBackup === null)
    return `Restored the backup taken at ${when}. This backup was taken at ${when}; entries after that are not in it. The replaced records could not be read to count what they held after that time.${kept}`
  const { entries, sessions, patients, staff } = notInBackup
  if (entries + sessions + patients + staff === 0)
    return `Restored the backup taken at ${when}. Nothing was recorded after it: the restored records are complete.${kept}`
  const parts = [
    entries ? plural(entries, 'entry', 'entries') : null,
    sessions ? plural(sessions, 'session', 'sessions') : null,
    patients ? plural(patients, 'patient', 'patients') : null,
    staff ? plural(staff, 'staff member', 'staff members') : null
  ].filter(Boolean)
  return `Restored the backup taken at ${when}. This backup was taken at ${when}; entries after that are not in it: ${parts.join(', ')} recorded later are missing from the restored records.${kept}`
}

/**
 * What has to be typed to start with an empty database while backups of the records exist: a
 * deliberate step, never one click, since an empty database is also where someone would start to
 * make themselves its administrator.
 */
export const START_EMPTY_CONFIRMATION = 'START EMPTY'

/** True when `typed` is the confirmation (spaces around it and letter case do not matter). */
export const confirmsStartEmpty = (typed: string | undefined): boolean =>
  typeof typed === 'string' && typed.trim().replace(/\s+/g, ' ').toUpperCase() === START_EMPTY_CONFIRMATION

/** How the audit names the actor of a recovery step, when nobody can be signed in. */
export const NOBODY_SIGNED_IN = 'nobody signed in: the records were in recovery'
