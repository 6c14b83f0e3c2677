/**
 * Runs the automatic backups: once at start, then on a timer (for the daily one), and whenever
 * told that an entry was saved (a session may just have ended). Storage decides what is due.
 */
import type { Storage } from './storage'

export const BACKUP_CHECK_INTERVAL_MS = 5 * 60_000

export interface BackupScheduler {
  /** Checks now (e.g. after an entry was saved); never throws. */
  poke(): void
  stop(): void
}

export function startBackupScheduler(storage: Storage, log: (message: string, error?: unknown) => void, intervalMs = BACKUP_CHECK_INTERVAL_MS): BackupScheduler {
  let running: Promise<unknown> | null = null
  let again = false
  const check = () => {
    if (running) {
      again = true
      return
    }
    running = storage
      .autoBackup()
      .catch((e: unknown) => log('automatic backup failed', e))
      .finally(() => {
        running = null
        if (again) {
          again = false
          check()
        }
      })
  }
  const timer = setInterval(check, intervalMs)
  timer.unref?.()
  check()
  return { poke: check, stop: () => clearInterval(timer) }
}
