/**
 * What the main process does before the window may ask for anything: open and migrate the
 * database, start the clock, build the handlers. No Electron here, so the start-up benchmark
 * (bench/startup.ts) times exactly this.
 */
import { DatabaseOpenError, openDatabase, type Db } from './db/connection'
import { createHandlers, type HandlerOptions, type Handlers } from './handlers'
import { newestRecordedAt } from './services/recordClock'
import { createSteadyClock, systemReading, type SteadyClock } from './services/steadyClock'

export interface Booted {
  db: Db
  clock: SteadyClock
  handlers: Handlers
}

/** Throws DatabaseOpenError for a file it must not touch (see openDatabase). */
export function boot(dbPath: string, options: HandlerOptions = {}): Booted {
  const db = openDatabase(dbPath)
  let floor: number | null
  try {
    floor = newestRecordedAt(db)
  } catch (e) {
    db.close()
    throw new DatabaseOpenError(`The database at ${dbPath} could not be read and has not been changed: ${(e as Error).message}`, dbPath, 'unreadable')
  }
  // Steady across clock changes, and never before the newest entry (shared/domain/clockJump.ts).
  const clock = createSteadyClock(systemReading, floor)
  return { db, clock, handlers: createHandlers({ db, clock }, options) }
}
