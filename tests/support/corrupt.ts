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
