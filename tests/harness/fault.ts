/**
 * Test-only storage faults for the harness (POST /__harness/fault): the database turned
 * read-only, the disk full, the file damaged, and back to normal. Never part of the app: the
 * app meets these faults from the world, and the harness brings them on at a moment a test picks.
 *
 *   readonly  the connection is reopened read-only: every write fails (SQLITE_READONLY)
 *   full      the file may not grow any more (PRAGMA max_page_count = its size): a write that
 *             needs a new page fails (SQLITE_FULL); one that fits in a page already there succeeds
 *   corrupt   the file is damaged on disk (one index page of the record overwritten): reading or
 *             writing the record fails (SQLITE_CORRUPT). A good copy is kept first.
 *   ok        undoes the fault: reopened read-write, allowed to grow again, or the good copy put
 *             back (as support would restore it)
 */
import Database from 'better-sqlite3'
import { closeSync, copyFileSync, openSync, rmSync, writeSync } from 'node:fs'
import { openDatabase, type Db } from '../../src/main/db/connection'

export const FAULT_KINDS = ['readonly', 'full', 'corrupt', 'ok'] as const
export type FaultKind = (typeof FAULT_KINDS)[number]

/** SQLite's own upper bound: "no limit". */
const NO_PAGE_LIMIT = 4294967294

export interface Faults {
  apply(kind: FaultKind): FaultKind
  readonly current: FaultKind
}

export function createFaults(ctx: { db: Db }, dbPath: string): Faults {
  let current: FaultKind = 'ok'
  const backup = `${dbPath}.good-copy`
  const removeSidecars = () => ['-wal', '-shm'].forEach((s) => rmSync(`${dbPath}${s}`, { force: true }))

  const heal = () => {
    if (current === 'readonly') {
      ctx.db.close()
      ctx.db = openDatabase(dbPath)
    } else if (current === 'full') {
      ctx.db.pragma(`max_page_count = ${NO_PAGE_LIMIT}`)
    } else if (current === 'corrupt') {
      ctx.db.close()
      removeSidecars()
      copyFileSync(backup, dbPath)
      rmSync(backup, { force: true })
      ctx.db = openDatabase(dbPath)
    }
    current = 'ok'
  }

  return {
    get current() {
      return current
    },
    apply(kind) {
      heal()
      if (kind === 'readonly') {
        ctx.db.close()
        const db = new Database(dbPath, { readonly: true, fileMustExist: true })
        db.pragma('foreign_keys = ON')
        ctx.db = db
      } else if (kind === 'full') {
        const pages = ctx.db.pragma('page_count', { simple: true }) as number
        ctx.db.pragma(`max_page_count = ${pages}`)
      } else if (kind === 'corrupt') {
        // Everything into the main file first, so the damage is where SQLite will read it.
        ctx.db.pragma('wal_checkpoint(TRUNCATE)')
        const { rootpage } = ctx.db.prepare("SELECT rootpage FROM sqlite_schema WHERE name = 'sqlite_autoindex_events_1'").get() as { rootpage: number }
        const pageSize = ctx.db.pragma('page_size', { simple: true }) as number
        ctx.db.close()
        removeSidecars()
        copyFileSync(dbPath, backup)
        const fd = openSync(dbPath, 'r+')
        writeSync(fd, Buffer.alloc(pageSize, 0xff), 0, pageSize, (rootpage - 1) * pageSize)
        closeSync(fd)
        ctx.db = openDatabase(dbPath)
      }
      current = kind
      return current
    }
  }
}
