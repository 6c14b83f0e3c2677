import type Database from 'better-sqlite3'
import type { Db } from './connection'

const caches = new WeakMap<Db, Map<string, Database.Statement>>()

/**
 * The prepared statement for `sql` on this connection, compiled once. better-sqlite3 compiles the
 * SQL and builds a row constructor on every prepare(); on the write path that was a third of the
 * time of recording an entry (measured in bench/: durable write).
 */
export function cached(db: Db, sql: string): Database.Statement {
  let cache = caches.get(db)
  if (!cache) caches.set(db, (cache = new Map()))
  let statement = cache.get(sql)
  if (!statement) cache.set(sql, (statement = db.prepare(sql)))
  return statement
}
