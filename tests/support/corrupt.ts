import Database from 'better-sqlite3'
import { closeSync, openSync, writeSync } from 'node:fs'

/** Damages a closed database file on purpose, the way a failing disk would. */
export function corruptPages(path: string): void {
  // Only the record's own pages: the schema must stay readable, so the file opens and then fails its
  // integrity check (a damaged, not an unreadable, database), however large the schema grows.
  const probe = new Database(path, { readonly: true, fileMustExist: true })
  const pageSize = probe.pragma('page_size', { simple: true }) as number
  const roots = (probe.prepare("SELECT rootpage FROM sqlite_schema WHERE name IN ('events', 'patients', 'sessions')").all() as { rootpage: number }[]).map((r) => r.rootpage)
  probe.close()
  const fd = openSync(path, 'r+')
  try {
    for (const page of roots) writeSync(fd, Buffer.alloc(pageSize, 0xa5), 0, pageSize, (page - 1) * pageSize)
  } finally {
    closeSync(fd)
  }
}

/**
 * Damages a part of a closed database file that the console does not read while it runs: a table
 * made here for the purpose, as if a failing disk had hit an old part of the records. The app
 * keeps working; only the whole file's integrity check finds it.
 */
export function corruptUnreadPart(path: string): void {
  const db = new Database(path, { fileMustExist: true })
  db.exec(`CREATE TABLE damaged_by_test (id INTEGER PRIMARY KEY, filler TEXT);
    INSERT INTO damaged_by_test (filler) SELECT printf('%.500c', 'x') FROM (SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3);`)
  db.pragma('wal_checkpoint(TRUNCATE)')
  const pageSize = db.pragma('page_size', { simple: true }) as number
  const { rootpage } = db.prepare("SELECT rootpage FROM sqlite_schema WHERE name = 'damaged_by_test'").get() as { rootpage: number }
  db.close()
  const fd = openSync(path, 'r+')
  try {
    writeSync(fd, Buffer.alloc(pageSize, 0xa5), 0, pageSize, (rootpage - 1) * pageSize)
  } finally {
    closeSync(fd)
  }
}
