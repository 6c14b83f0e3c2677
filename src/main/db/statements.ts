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

const runners = new WeakMap<Db, (fn: () => unknown) => unknown>()

/**
 * db.transaction(fn)() without building a new transaction function on every call (better-sqlite3
 * defines four wrapped variants each time; on the write path that cost as much as a query).
 * Same semantics: BEGIN, fn, COMMIT; ROLLBACK if fn throws.
 */
export function inTransaction<T>(db: Db, fn: () => T): T {
  let run = runners.get(db)
  if (!run) runners.set(db, (run = db.transaction((f: () => unknown) => f())))
  return run(fn) as T
}
