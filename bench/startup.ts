/**
 * Start-up: what the main process does before the window can ask for anything (src/main/boot.ts:
 * open the database, migrate it, start the clock, build the handlers). On an existing database
 * (every day) and a new one (first run, all migrations). Launching Electron itself is not included.
 */
import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { boot } from '../src/main/boot'
import { openDatabase } from '../src/main/db/connection'
import { Figures, log } from './lib/figures'
import { cacheDir } from './lib/paths'
import { BENCH_T0, manualClock, seedSession } from './lib/seed'
import { median, nowMs, percentile } from './lib/stats'

const RUNS = 30

function remove(path: string): void {
  for (const f of [path, `${path}-wal`, `${path}-shm`]) rmSync(f, { force: true })
}

export function benchStartup(figures: Figures): void {
  const dir = cacheDir('startup')
  const existing = join(dir, 'existing.sqlite')
  remove(existing)
  const seedDb = openDatabase(existing)
  seedSession({ db: seedDb, clock: manualClock(BENCH_T0) })
  seedDb.close()

  log(`start-up: ${RUNS} opens of an existing database, ${RUNS} of a new one`)
  const open = (path: string): number => {
    const t0 = nowMs()
    const { db } = boot(path)
    const ms = nowMs() - t0
    db.close()
    return ms
  }
  open(existing) // warm-up: module code and the native binding are loaded once per process
  const onExisting = Array.from({ length: RUNS }, () => open(existing))
  const onNew = Array.from({ length: RUNS }, (_, i) => {
    const path = join(dir, `new-${i}.sqlite`)
    remove(path)
    const ms = open(path)
    remove(path)
    return ms
  })
  figures.add('startup_ms', median(onExisting), 'ms')
  figures.add('startup_p95_ms', percentile(onExisting, 95), 'ms')
  figures.add('startup_new_db_ms', median(onNew), 'ms')
}
