/**
 * Long session: eight hours, a vitals set every second, 500 notes, 50 rate changes. How long the
 * console takes to open it, to show one new entry on the chart and the timeline, to follow a
 * clock tick and a scroll, and how much JS heap the renderer holds. Also a save through the
 * handler into this record, to show the record's size does not slow writes.
 */
import { copyFileSync, existsSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { openDatabase, SCHEMA_VERSION } from '../src/main/db/connection'
import { boot } from '../src/main/app/boot'
import { setPin } from '../src/main/people/credentials'
import { browserCpuReferenceMs, newBenchPage, heapMb, launchChromium } from './lib/browser'
import { Figures, log } from './lib/figures'
import { startHarness } from './lib/harness'
import { LONG_SEED_VERSION, longSessionFacts, seedLongSession } from './lib/longSessionSeed'
import { cacheDir } from './lib/paths'
import { BENCH_PIN, manualClock, signIn, VITALS } from './lib/seed'
import { median, nowMs, percentile } from './lib/stats'
import { armTick, installProbes, saveVitalsTimed, scrollTimed, tickTimed } from './page/probes'

const OPENS = 5
const UPDATES = 60
const TICKS = 15

function remove(path: string): void {
  for (const f of [path, `${path}-wal`, `${path}-shm`]) rmSync(f, { force: true })
}

export async function benchLongSession(figures: Figures): Promise<void> {
  const dir = cacheDir('long')
  const cached = join(dir, `long-schema${SCHEMA_VERSION}-seed${LONG_SEED_VERSION}.sqlite`)
  if (!existsSync(cached)) {
    log(`long session: seeding ${cached} through the service`)
    const { seconds } = seedLongSession(cached)
    figures.add('long_session_seed_s', seconds, 's')
  } else log(`long session: reusing ${cached}`)
  const facts = longSessionFacts()

  // A save through the handler at the end of this record.
  const writeCopy = join(dir, 'write.sqlite')
  remove(writeCopy)
  copyFileSync(cached, writeCopy)
  {
    const clock = manualClock(facts.end)
    // The app's own composition; the automatic backups and the whole-file check would time something else.
    const booted = boot(writeCopy, { clock, automaticBackups: false, integrityCheck: () => Promise.resolve([]) })
    const { context: ctx, handlers } = booted
    await signIn(ctx, handlers, facts.nurseId)
    const writes = Array.from({ length: 230 }, () => {
      clock.advance(1000)
      const t0 = nowMs()
      const r = handlers['entries.record']({ sessionId: facts.sessionId, authorId: facts.nurseId, entry: { type: 'vitals', vitals: VITALS } })
      if (!r.ok) throw new Error(r.error.message)
      return nowMs() - t0
    }).slice(30)
    figures.add('long_session_write_p50_ms', median(writes), 'ms')
    figures.add('long_session_write_p99_ms', percentile(writes, 99), 'ms')
    const reads = Array.from({ length: 11 }, () => {
      const t0 = nowMs()
      const r = handlers['sessions.get']({ sessionId: facts.sessionId })
      if (!r.ok) throw new Error(r.error.message)
      return nowMs() - t0
    }).slice(1)
    figures.add('long_session_get_ms', median(reads), 'ms')
    await booted.close()
    remove(writeCopy)
  }

  const work = join(dir, 'work.sqlite')
  remove(work)
  copyFileSync(cached, work)
  {
    // The nurse signs in at the harness's workstation, as at the bedside, before the console opens.
    const db = openDatabase(work)
    setPin({ db, clock: manualClock(facts.end) }, facts.nurseId, BENCH_PIN, null)
    db.close()
  }
  const harness = await startHarness({ dbPath: work, clockStart: facts.end })
  const browser = await launchChromium()
  try {
    await harness.call('auth.signIn', { staffId: facts.nurseId, pin: BENCH_PIN })
    const page = await newBenchPage(browser)
    await page.addInitScript(installProbes, { expectedEntries: facts.entries, userId: facts.nurseId })

    log(`long session: opening ${facts.entries} entries ${OPENS + 1} times`)
    const opens: number[] = []
    for (let i = 0; i <= OPENS; i++) {
      await page.goto(harness.url)
      await page.waitForFunction(() => (window as unknown as { __bench: { openedAt: number | null } }).__bench.openedAt !== null, null, {
        timeout: 60_000
      })
      const openedAt = await page.evaluate(() => (window as unknown as { __bench: { openedAt: number } }).__bench.openedAt)
      if (i > 0) opens.push(openedAt)
    }
    const open = figures.add('long_session_open_ms', median(opens), 'ms')
    figures.add('long_session_heap_mb', await heapMb(page), 'MB')

    log(`long session: ${UPDATES} new entries`)
    const updates: number[] = []
    const settled: number[] = []
    const toScreen: number[] = []
    for (let i = 0; i < UPDATES + 5; i++) {
      const values = { Systolic: '130', Diastolic: '80', 'Heart rate': String(70 + (i % 20)), SpO2: '97', 'Respiratory rate': '14' }
      const t = await page.evaluate(saveVitalsTimed, values)
      if (i >= 5) {
        updates.push(t.responseToBoth)
        settled.push(t.responseToSettled)
        toScreen.push(t.clickToScreen)
      }
    }
    // From the saved entry's answer to the timeline showing it and the chart redrawn with it.
    const update = figures.add('long_session_update_p95_ms', percentile(updates, 95), 'ms')
    figures.add('long_session_update_p50_ms', median(updates), 'ms')
    figures.add('long_session_update_settled_p95_ms', percentile(settled, 95), 'ms')
    figures.add('long_session_entry_to_screen_p95_ms', percentile(toScreen, 95), 'ms')

    log(`long session: ${TICKS} clock ticks`)
    const ticks: number[] = []
    for (let i = 0; i < TICKS; i++) {
      await page.evaluate(armTick)
      await harness.advanceClock(1000)
      ticks.push(await page.evaluate(tickTimed))
    }
    figures.add('long_session_tick_p95_ms', percentile(ticks, 95), 'ms')

    const scrolls = [
      ...(await page.evaluate(scrollTimed, { steps: 60, stepPx: 0 })),
      ...(await page.evaluate(scrollTimed, { steps: 60, stepPx: 240 }))
    ]
    figures.add('long_session_scroll_p95_ms', percentile(scrolls, 95), 'ms')
    figures.add('long_session_heap_after_mb', await heapMb(page), 'MB')

    const ref = await browserCpuReferenceMs(page)
    figures.ratio('long_session_open_ratio_to_browser_ref', open, ref)
    figures.ratio('long_session_update_p95_ratio_to_browser_ref', update, ref)
  } finally {
    await browser.close()
    await harness.stop()
    remove(work)
  }
}
