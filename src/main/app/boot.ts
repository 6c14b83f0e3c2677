/**
 * The one composition of the main process, without Electron: open the records (or go into
 * recovery), start the clock no earlier than the newest entry, build the handlers, the event bus
 * that tells the windows what changed, the automatic backups and the idle lock's timer. The app
 * (electron/start.ts), the test harness (tests/harness/server.ts) and the benchmarks all call it,
 * so they cannot drift apart. The whole file's integrity check starts here and finishes later,
 * off the main thread (Storage.integrityChecked).
 */
import { createHandlers, type HandlerOptions, type Handlers } from './handlers'
import type { Clock } from './context'
import { announcing } from './announce'
import { createEventBus, type EventBus } from './bus'
import { startIdleLock } from './idleLock'
import { newestRecordedAt } from '../record/recordClock'
import { createSteadyClock, systemReading } from './steadyClock'
import { Storage, type StorageOptions } from '../storage/storage'
import { startBackupScheduler } from '../storage/scheduler'
import type { HandlerContext } from '../people/workstation'
import type { Channel } from '../../shared/contract'

export interface Booted {
  storage: Storage
  clock: Clock
  /** Every call goes through these: validated, guarded, and followed by the events it calls for. */
  handlers: Handlers
  /** What changed, after the commit: the app sends it to its windows, the harness as server-sent events. */
  bus: EventBus
  /** What the handlers run with (the open database, the clock, who is signed in). */
  context: HandlerContext
  /** Main's time as a clock event: what a window anchors its own ticking on. */
  clockEvent(): { type: 'clock.changed'; now: number; rate: number }
  /** The clock was moved from outside (the test harness's manual clock): tells the windows, and the idle lock. */
  clockMoved(): void
  /** Stops the timers (backups, idle lock) and closes the records. */
  close(): Promise<void>
}

export type BootOptions = HandlerOptions &
  Pick<StorageOptions, 'integrityCheck'> & {
    storageLog?: StorageOptions['log']
    /** A clock of the caller's (the harness's manual clock, a benchmark's); by default the computer's, kept steady. */
    clock?: Clock
    /** Automatic backups (at start, daily, after entries); off for benchmarks timing something else. Default on. */
    automaticBackups?: boolean
  }

/** The calls after which an automatic backup may be due (a session may just have ended, or the records were replaced). */
const BACKUP_DUE_AFTER: readonly Channel[] = ['entries.record', 'backups.restore', 'startup.startEmpty']

/** Throws DatabaseOpenError only for a database from a newer version (see decideStartup). */
export function boot(dbPath: string, options: BootOptions = {}): Booted {
  const { integrityCheck, storageLog, clock: givenClock, automaticBackups = true, ...handlerOptions } = options
  const log = storageLog ?? (() => undefined)
  const bus = createEventBus(log)
  let clock: Clock
  let restartClock: ((floor: number | null) => void) | null = null
  if (givenClock) clock = givenClock
  else {
    // Steady across clock changes (shared/kernel/clockJump.ts). Storage keeps this object, so the
    // clock behind it can be restarted once the database is open, never before its newest entry.
    let steady = createSteadyClock(systemReading)
    const newestJump = () => steady.jumpsSince(Number.NEGATIVE_INFINITY).at(-1)
    let jumpSeen = newestJump()
    const now = () => {
      const t = steady.now()
      const jump = newestJump()
      if (jump !== jumpSeen) {
        jumpSeen = jump
        // Told after the reading's caller is done (it may be inside a transaction).
        queueMicrotask(() => bus.emit(clockEvent()))
      }
      return t
    }
    clock = { now, jumpsSince: (t) => steady.jumpsSince(t), rate: 1 }
    restartClock = (floor) => {
      steady = createSteadyClock(systemReading, floor)
      jumpSeen = newestJump()
    }
  }
  const clockEvent = () => ({ type: 'clock.changed' as const, now: clock.now(), rate: clock.rate ?? 1 })

  const storage = Storage.open({ dbPath, clock, log: storageLog, ...(integrityCheck ? { integrityCheck } : {}) })
  const openDb = storage.holder.current()
  try {
    if (openDb && restartClock) restartClock(newestRecordedAt(openDb))
  } catch (e) {
    // The floor is a safeguard; without it each session's record still never goes back in time.
    storageLog?.('newest entry could not be read for the clock floor', e)
  }

  const backups = automaticBackups ? startBackupScheduler(storage, log) : null
  const context = storage.context() as HandlerContext
  const plain = createHandlers(context, {
    ...handlerOptions,
    onSuccess: (channel, input) => {
      if (BACKUP_DUE_AFTER.includes(channel)) backups?.poke()
      handlerOptions.onSuccess?.(channel, input)
    }
  })
  const idleLock = startIdleLock(context, clock, () => handlers)
  const handlers = announcing(plain, context, bus, (peopleChanged) => idleLock.follow(peopleChanged))
  const clockMoved = () => {
    bus.emit(clockEvent())
    idleLock.check()
  }
  // A jump of the computer's clock may bring the idle deadline with it.
  bus.subscribe((event) => {
    if (event.type === 'clock.changed' && !givenClock) idleLock.check()
  })
  return {
    storage,
    clock,
    handlers,
    bus,
    context,
    clockEvent,
    clockMoved,
    close: () => {
      backups?.stop()
      idleLock.stop()
      return storage.close()
    }
  }
}
