/**
 * The one open database connection the handlers use, swappable while the app runs: a restore
 * closes it and opens the restored file, and every service call after that gets the new one.
 * Services read ctx.db on every call (never keep it), so a context whose `db` is a getter on
 * this holder is all it takes.
 */
import { DomainError } from '../../shared/kernel/result'
import type { Db } from '../db/connection'

export const NOT_OPEN_MESSAGE = 'The session records are not open. Restore them from a backup first.'

export class DatabaseHolder {
  private db: Db | null

  constructor(db: Db | null) {
    this.db = db
  }

  /** The open database; a typed STORAGE error (never a crash) while there is none. */
  get(): Db {
    if (!this.db || !this.db.open) throw new DomainError('STORAGE', NOT_OPEN_MESSAGE)
    return this.db
  }

  current(): Db | null {
    return this.db && this.db.open ? this.db : null
  }

  /** Closes the open database (checkpointing its WAL into the file first) and holds none. */
  close(): void {
    const db = this.db
    this.db = null
    if (db && db.open) {
      try {
        db.pragma('wal_checkpoint(TRUNCATE)')
      } catch {
        // A damaged database may refuse the checkpoint; closing still releases the file.
      }
      db.close()
    }
  }

  set(db: Db): void {
    if (this.db && this.db.open && this.db !== db) this.close()
    this.db = db
  }
}
