/**
 * Durable write: one vitals entry through the handler (validation, one transaction with
 * synchronous=FULL, the stored row back), against the physical floor: a small write plus fsync
 * of a file on the same disk. Two floors: rewriting 200 bytes in place (the "raw fsync of
 * a small file") and appending them (what a log such as SQLite's WAL does: the file grows, so its
 * size must be synced too). All three are interleaved, so they see the same disk weather.
 */
import { closeSync, fsyncSync, openSync, rmSync, statSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import { boot } from '../src/main/app/boot'
import { Figures, log } from './lib/figures'
import { cacheDir } from './lib/paths'
import { BENCH_T0, manualClock, seedSession, signIn, VITALS } from './lib/seed'
import { median, nowMs, percentile } from './lib/stats'

const RUNS = Number(process.env['BENCH_DURABLE_RUNS'] || 500)
/** SQLite's WAL format: a 32-byte file header, then a 24-byte header before each page. */
const WAL_HEADER = 32
const WAL_FRAME_HEADER = 24
const WARMUP = 30

export async function benchDurableWrite(figures: Figures): Promise<void> {
  const dir = cacheDir('durable')
  const dbPath = join(dir, 'durable.sqlite')
  const floorPath = join(dir, 'fsync-floor.bin')
  const appendPath = join(dir, 'fsync-append.bin')
  for (const f of [dbPath, `${dbPath}-wal`, `${dbPath}-shm`, floorPath, appendPath]) rmSync(f, { force: true })

  const clock = manualClock(BENCH_T0)
  // The app's own composition; the automatic backups and the whole-file check would time something else.
  const booted = boot(dbPath, { clock, automaticBackups: false, integrityCheck: () => Promise.resolve([]) })
  const { context: ctx, handlers } = booted
  const db = ctx.db
  const { nurse, session } = seedSession(ctx)
  await signIn(ctx, handlers, nurse.id)
  // The idle lock counts a person's input, not their saves: a nurse types each entry, so the window
  // reports it as activity before the save (untimed here, as it happens before Save is pressed).
  const typeEntry = () => {
    const r = handlers['auth.activity']({})
    if (!r.ok) throw new Error(`the benchmark's typing was refused: ${r.error.message}`)
  }
  const record = (i: number) => {
    clock.advance(1000)
    const vitals = { ...VITALS, heartRate: 60 + (i % 40) }
    const r = handlers['entries.record']({ sessionId: session.id, authorId: nurse.id, entry: { type: 'vitals', vitals } })
    if (!r.ok) throw new Error(`the benchmark's entry was refused: ${r.error.message}`)
  }

  const fd = openSync(floorPath, 'w')
  const appendFd = openSync(appendPath, 'w')
  const bytes = Buffer.alloc(200, 7)
  let appended = 0
  const fsyncOnce = () => {
    writeSync(fd, bytes, 0, bytes.length, 0)
    fsyncSync(fd)
  }
  const appendOnce = () => {
    writeSync(appendFd, bytes, 0, bytes.length, appended)
    appended += bytes.length
    fsyncSync(appendFd)
  }

  log(`durable write: ${RUNS} entries and ${RUNS} fsyncs, interleaved`)
  for (let i = 0; i < WARMUP; i++) {
    typeEntry()
    record(i)
    fsyncOnce()
    appendOnce()
  }
  const writes: number[] = []
  const fsyncs: number[] = []
  const appends: number[] = []
  for (let i = 0; i < RUNS; i++) {
    typeEntry()
    let t0 = nowMs()
    record(WARMUP + i)
    writes.push(nowMs() - t0)
    t0 = nowMs()
    fsyncOnce()
    fsyncs.push(nowMs() - t0)
    t0 = nowMs()
    appendOnce()
    appends.push(nowMs() - t0)
  }
  closeSync(fd)
  closeSync(appendFd)

  // What one commit writes: WAL frames (a page each) per entry, right after the WAL was emptied.
  db.pragma('wal_checkpoint(TRUNCATE)')
  const PROBE = 50
  for (let i = 0; i < PROBE; i++) record(WARMUP + RUNS + i)
  const walBytes = statSync(`${dbPath}-wal`).size
  const pageSize = db.pragma('page_size', { simple: true }) as number
  const framesPerEntry = (walBytes - WAL_HEADER) / (pageSize + WAL_FRAME_HEADER) / PROBE
  // The same path without the fsync (synchronous=OFF on this bench file only): the part of a
  // write that is CPU and page-cache work rather than waiting for the disk.
  db.pragma('synchronous = OFF')
  const unsynced: number[] = []
  for (let i = 0; i < RUNS; i++) {
    typeEntry()
    const t0 = nowMs()
    record(WARMUP + RUNS + PROBE + i)
    unsynced.push(nowMs() - t0)
  }
  await booted.close()

  const w50 = median(writes)
  const f50 = median(fsyncs)
  figures.add('durable_write_p50_ms', w50, 'ms')
  figures.add('durable_write_p99_ms', percentile(writes, 99), 'ms')
  figures.add('fsync_p50_ms', f50, 'ms')
  figures.add('fsync_p99_ms', percentile(fsyncs, 99), 'ms')
  figures.ratio('durable_write_p50_ratio_to_fsync', w50, f50)
  figures.ratio('durable_write_p99_ratio_to_fsync', percentile(writes, 99), percentile(fsyncs, 99))
  const a50 = median(appends)
  figures.add('fsync_append_p50_ms', a50, 'ms')
  figures.ratio('durable_write_p50_ratio_to_fsync_append', w50, a50)
  figures.add('durable_write_pages_per_entry', framesPerEntry, 'pages')
  figures.add('durable_write_without_fsync_p50_ms', median(unsynced), 'ms')
}
