/**
 * What the main process does before the window may ask for anything: open the records (or go
 * into recovery), start the clock no earlier than the newest entry, build the handlers. No
 * Electron here: src/main/index.ts calls it, and the start-up benchmark (bench/startup.ts) times
 * exactly this. The whole file's integrity check starts here and finishes later, off the main
 * thread (Storage.integrityChecked).
 */
import { createHandlers, type HandlerOptions, type Handlers } from './handlers'
import type { Clock } from './context'
import { newestRecordedAt } from '../record/recordClock'
import { createSteadyClock, systemReading } from './steadyClock'
import { Storage, type StorageOptions } from '../storage/storage'

export interface Booted {
  storage: Storage
  clock: Clock
  handlers: Handlers
}

export type BootOptions = HandlerOptions & Pick<StorageOptions, 'integrityCheck'> & { storageLog?: StorageOptions['log'] }

/** Throws DatabaseOpenError only for a database from a newer version (see decideStartup). */
export function boot(dbPath: string, options: BootOptions = {}): Booted {
  const { integrityCheck, storageLog, ...handlerOptions } = options
  // Steady across clock changes (shared/domain/clockJump.ts). Storage keeps this object, so the
  // clock behind it can be restarted once the database is open, never before its newest entry.
  let steady = createSteadyClock(systemReading)
  const clock: Clock = { now: () => steady.now(), jumpsSince: (t) => steady.jumpsSince(t) }
  const storage = Storage.open({ dbPath, clock, log: storageLog, ...(integrityCheck ? { integrityCheck } : {}) })
  const openDb = storage.holder.current()
  try {
    if (openDb) steady = createSteadyClock(systemReading, newestRecordedAt(openDb))
  } catch (e) {
    // The floor is a safeguard; without it each session's record still never goes back in time.
    storageLog?.('newest entry could not be read for the clock floor', e)
  }
  return { storage, clock, handlers: createHandlers(storage.context(), handlerOptions) }
}
