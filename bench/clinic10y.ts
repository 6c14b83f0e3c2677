/**
 * Ten years of a busy clinic: 50,000 sessions and 25 million events in one file (BENCH_SCALE
 * shrinks both for quick runs). How big the file is, how long the app takes to open it and show
 * its first screen, to list a patient's sessions, to open one session, and to save an entry.
 */
import { copyFileSync, existsSync, rmSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { boot } from '../src/main/app/boot'
import { openDatabase, SCHEMA_VERSION } from '../src/main/db/connection'
import type { SessionSummary } from '../src/shared/sessions/session'
import { clinicShape, GENERATOR_VERSION, generateClinic } from './lib/clinicGenerator'
import { Figures, log } from './lib/figures'
import { cacheDir } from './lib/paths'
import { signIn, VITALS } from './lib/seed'
import { median, nowMs, percentile, prng } from './lib/stats'

/** Staff 1–10 are physicians, 11–30 nurses (lib/clinicGenerator.ts). */
const FIRST_NURSE_ID = 11

export function clinicScale(): number {
  const raw = process.env['BENCH_SCALE']
  const scale = raw === undefined || raw === '' ? 1 : Number(raw)
  if (!Number.isFinite(scale) || scale <= 0 || scale > 1) throw new Error(`BENCH_SCALE must be a number in (0, 1] (got "${raw}")`)
  return scale
}

const fileBytes = (path: string): number =>
  [path, `${path}-wal`].reduce((sum, f) => sum + (existsSync(f) ? statSync(f).size : 0), 0)

export async function benchClinic10y(figures: Figures): Promise<void> {
  const scale = clinicScale()
  const shape = clinicShape(scale)
  const cached = join(cacheDir('clinic10y'), `clinic10y-schema${SCHEMA_VERSION}-gen${GENERATOR_VERSION}-scale${scale}.sqlite`)
  if (!existsSync(cached)) {
    log(`clinic: generating ${shape.sessions} sessions, ${shape.events} events (scale ${scale}) into ${cached}`)
    const { seconds, events } = generateClinic(cached, shape)
    log(`clinic: generated ${events} events in ${seconds.toFixed(0)} s`)
    figures.add('clinic10y_generate_s', seconds, 's')
  } else log(`clinic: reusing ${cached}`)
  figures.add('clinic10y_scale', scale, 'x')
  figures.add('clinic10y_sessions', shape.sessions, 'sessions')
  figures.add('clinic10y_db_mb', fileBytes(cached) / 1e6, 'MB')

  // Measured on a copy: the saves below must not change the cached file.
  const work = join(cacheDir('clinic10y'), 'work.sqlite')
  for (const f of [work, `${work}-wal`, `${work}-shm`]) rmSync(f, { force: true })
  copyFileSync(cached, work)
  const { events } = openCount(work)
  figures.add('clinic10y_events', events, 'events')

  // Opening the app as src/main/index.ts does (boot: the records, the clock, the handlers) and the
  // sign-in screen's calls. The whole file's integrity check runs on a worker thread after that;
  // here it is left out of the repeated opens (it is measured once, below, while the app is used).
  const skipCheck = () => Promise.resolve([])
  const opens: number[] = []
  for (let i = 0; i < 11; i++) {
    const t0 = nowMs()
    // The first automatic backup (a copy of the whole file) runs after the window opens: not timed here.
    const { storage, handlers } = boot(work, { integrityCheck: skipCheck, automaticBackups: false })
    const first = [handlers['startup.status']({}), handlers['auth.state']({}), handlers['staff.list']({}), handlers['monitor.openSessions']({})]
    const ms = nowMs() - t0
    if (!first.every((r) => !(r instanceof Promise) && r.ok)) throw new Error('the sign-in screen could not be shown')
    if (i > 0) opens.push(ms) // the first open also pays for reading the file into the page cache
    storage.holder.close()
  }
  figures.add('clinic10y_open_ms', median(opens), 'ms')

  // The app in use while its integrity check reads all 25 million entries on the worker thread.
  const checkStart = nowMs()
  const { storage, handlers } = boot(work, { automaticBackups: false })
  const db = storage.holder.get()
  const checkDone = storage.integrityChecked.then(() => nowMs() - checkStart)
  const ctx = storage.context()
  await signIn(ctx, handlers, FIRST_NURSE_ID)
  const rand = prng(7)
  const time = (runs: number, fn: () => void): number[] =>
    Array.from({ length: runs }, () => {
      const t0 = nowMs()
      fn()
      return nowMs() - t0
    })

  const listOpen = time(30, () => handlers['sessions.listOpen']({}))
  figures.add('clinic10y_list_open_sessions_ms', median(listOpen), 'ms')

  const lists = time(100, () => {
    const r = handlers['sessions.listForPatient']({ patientId: 1 + Math.floor(rand() * shape.patients) })
    if (!r.ok) throw new Error(r.error.message)
  })
  figures.add('clinic10y_list_sessions_ms', median(lists), 'ms')
  figures.add('clinic10y_list_sessions_p95_ms', percentile(lists, 95), 'ms')

  const opensOne = time(100, () => {
    const r = handlers['sessions.get']({ sessionId: 1 + Math.floor(rand() * shape.sessions) })
    if (!r.ok) throw new Error(r.error.message)
  })
  figures.add('clinic10y_open_session_ms', median(opensOne), 'ms')
  figures.add('clinic10y_open_session_p95_ms', percentile(opensOne, 95), 'ms')

  // A save in the open session: the big file must not make the console slower.
  const openSessions = handlers['sessions.listOpen']({})
  const session = openSessions.ok ? (openSessions.value as SessionSummary[])[0] : undefined
  if (!session) throw new Error('the clinic has no open session')
  if (session.team.nurseId !== FIRST_NURSE_ID) await signIn(ctx, handlers, session.team.nurseId)
  const saves = time(200, () => {
    const r = handlers['entries.record']({ sessionId: session.id, authorId: session.team.nurseId, entry: { type: 'vitals', vitals: VITALS } })
    if (!r.ok) throw new Error(r.error.message)
  })
  figures.add('clinic10y_write_p50_ms', median(saves), 'ms')
  figures.add('clinic10y_write_p99_ms', percentile(saves, 99), 'ms')
  const stillChecking = await Promise.race([checkDone.then(() => false), Promise.resolve(true)])
  log(`clinic: the figures above were taken ${stillChecking ? 'while' : 'after'} the integrity check ran; waiting for it`)
  figures.add('clinic10y_integrity_check_s', (await checkDone) / 1000, 's')
  if (storage.startupStatus().mode !== 'normal') throw new Error('the generated clinic failed its integrity check')
  figures.add('clinic10y_measured_during_check', stillChecking ? 1 : 0, 'yes=1')

  // The backup taken after every ended session: a copy of the whole file, checked on the worker.
  // The main thread must stay free for the next session meanwhile: its longest stall is measured.
  log('clinic: one backup of the whole file, watching the main thread')
  const stalls = monitorEventLoopDelay({ resolution: 10 })
  stalls.enable()
  const backupStart = nowMs()
  const backup = await storage.backupNow('session')
  figures.add('clinic10y_backup_s', (nowMs() - backupStart) / 1000, 's')
  stalls.disable()
  figures.add('clinic10y_backup_main_thread_max_stall_ms', stalls.max / 1e6, 'ms')
  figures.add('clinic10y_backup_main_thread_p99_stall_ms', stalls.percentile(99) / 1e6, 'ms')
  rmSync(join(storage.backupFolder(), backup.fileName), { force: true })
  if (db.open) storage.holder.close()
  for (const f of [work, `${work}-wal`, `${work}-shm`]) rmSync(f, { force: true })
}

function openCount(path: string): { events: number } {
  const db = openDatabase(path)
  // The largest id is the count: the generator numbers events from 1 without gaps.
  const { n } = db.prepare('SELECT max(id) AS n FROM events').get() as { n: number }
  db.close()
  return { events: n }
}
