/**
 * Start-up: what the main process does before the window can ask for anything (src/main/app/boot.ts,
 * as src/main/index.ts calls it: open and migrate the records, start the clock, build the
 * handlers). On an existing database (every day) and a new one (first run, all migrations).
 * Launching Electron itself is not included. The integrity check that boot starts on a worker
 * thread is timed apart: the window does not wait for it.
 */
import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { boot } from '../src/main/app/boot'
import { openDatabase } from '../src/main/db/connection'
import { Figures, log } from './lib/figures'
import { cacheDir } from './lib/paths'
import { BENCH_T0, manualClock, seedSession } from './lib/seed'
import { median, nowMs, percentile } from './lib/stats'

const RUNS = 30

function remove(path: string): void {
  for (const f of [path, `${path}-wal`, `${path}-shm`]) rmSync(f, { force: true })
}

export async function benchStartup(figures: Figures): Promise<void> {
  const dir = cacheDir('startup')
  const existing = join(dir, 'existing.sqlite')
  remove(existing)
  const seedDb = openDatabase(existing)
  seedSession({ db: seedDb, clock: manualClock(BENCH_T0) })
  seedDb.close()

  log(`start-up: ${RUNS} opens of an existing database, ${RUNS} of a new one`)
  /** Boots once: how long until the handlers are ready, and until the worker's integrity check answered. */
  const open = async (path: string): Promise<{ ms: number; checkedMs: number }> => {
    const t0 = nowMs()
    // The first automatic backup is a copy made after the window opens: not part of start-up here.
    const { storage } = boot(path, { automaticBackups: false })
    const ms = nowMs() - t0
    await storage.integrityChecked
    const checkedMs = nowMs() - t0
    if (storage.startupStatus().mode !== 'normal') throw new Error(`${path} failed its integrity check`)
    storage.holder.close()
    return { ms, checkedMs }
  }
  await open(existing) // warm-up: module code and the native binding are loaded once per process
  const onExisting: number[] = []
  const checked: number[] = []
  for (let i = 0; i < RUNS; i++) {
    const { ms, checkedMs } = await open(existing)
    onExisting.push(ms)
    checked.push(checkedMs)
  }
  const onNew: number[] = []
  for (let i = 0; i < RUNS; i++) {
    const path = join(dir, `new-${i}.sqlite`)
    remove(path)
    onNew.push((await open(path)).ms)
    remove(path)
  }
  figures.add('startup_ms', median(onExisting), 'ms')
  figures.add('startup_p95_ms', percentile(onExisting, 95), 'ms')
  figures.add('startup_new_db_ms', median(onNew), 'ms')
  // From the start of boot to the worker's answer, on the small database (the clinic's is in clinic10y).
  figures.add('startup_integrity_check_ms', median(checked), 'ms')
}
