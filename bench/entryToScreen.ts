/**
 * Entry to screen: in Chromium on the harness, from pressing "Save vitals" to the new entry
 * visible in the timeline (its answer saved by the real handlers in a real SQLite file).
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { browserCpuReferenceMs, newBenchPage, launchChromium } from './lib/browser'
import { Figures, log } from './lib/figures'
import { startHarness, type BenchHarness } from './lib/harness'
import { cacheDir } from './lib/paths'
import { BENCH_T0, STANDARD_PLAN } from './lib/seed'
import { median, percentile } from './lib/stats'
import { installProbes, saveVitalsTimed, type SaveTiming } from './page/probes'

const RUNS = 200
const WARMUP = 10

/** Staff, a patient and a session with the infusion running, through the API as the UI would make them. */
async function setUp(h: BenchHarness): Promise<{ nurseId: number }> {
  // Sign-in is required: the first administrator adds the staff, then the physician signs in.
  const admin = await h.call('auth.setUp', { name: 'Admin Bench', pin: '480213' })
  const adminId = admin.staff!.id
  const physician = await h.call('staff.create', { authorId: adminId, name: 'Dr Bench', role: 'physician', pin: '571920' })
  const nurse = await h.call('staff.create', { authorId: adminId, name: 'Nurse Bench', role: 'nurse', pin: '639175' })
  await h.call('auth.signIn', { staffId: physician.id, pin: '571920' })
  const patient = await h.call('patients.create', { patientCode: 'BENCH-1', fullName: 'Bench Patient', dateOfBirth: '1980-05-17', weightKg: 70 })
  const session = await h.call('sessions.create', {
    patientId: patient.id,
    authorId: physician.id,
    plan: STANDARD_PLAN,
    team: { physicianId: physician.id, nurseId: nurse.id, therapistId: null }
  })
  await h.call('entries.record', { sessionId: session.id, authorId: physician.id, entry: { type: 'infusion_started', rate: { value: 0.75, unit: 'mg/kg/h' } } })
  // The physician starts the infusion; the nurse then signs in and records the vitals, as at the bedside.
  await h.call('auth.signIn', { staffId: nurse.id, pin: '639175' })
  return { nurseId: nurse.id }
}

export async function benchEntryToScreen(figures: Figures): Promise<void> {
  const dir = mkdtempSync(join(cacheDir('screen'), 'run-'))
  const harness = await startHarness({ dbPath: join(dir, 'screen.sqlite'), clockStart: BENCH_T0 })
  const browser = await launchChromium()
  try {
    const { nurseId } = await setUp(harness)
    const page = await newBenchPage(browser)
    await page.addInitScript(installProbes, { expectedEntries: null, userId: nurseId })
    await page.goto(harness.url)
    await page.getByRole('button', { name: 'Save vitals' }).waitFor()

    log(`entry to screen: ${WARMUP} + ${RUNS} entries`)
    const timings: SaveTiming[] = []
    for (let i = 0; i < WARMUP + RUNS; i++) {
      const values = { Systolic: '124', Diastolic: '78', 'Heart rate': String(60 + (i % 40)), SpO2: '98', 'Respiratory rate': '14' }
      const t = await page.evaluate(saveVitalsTimed, values)
      if (i >= WARMUP) timings.push(t)
    }
    const screen = timings.map((t) => t.clickToScreen)
    figures.add('entry_to_screen_p50_ms', median(screen), 'ms')
    figures.add('entry_to_screen_p95_ms', percentile(screen, 95), 'ms')
    figures.add('entry_to_dom_p95_ms', percentile(timings.map((t) => t.clickToDom), 95), 'ms')
    figures.add('entry_to_paint_p95_ms', percentile(timings.map((t) => t.clickToPaint), 95), 'ms')
    figures.add('entry_answer_to_screen_p95_ms', percentile(timings.map((t) => t.responseToScreen), 95), 'ms')
    const ref = await browserCpuReferenceMs(page)
    figures.add('browser_cpu_ref_sort_ms', ref, 'ms')
    figures.ratio('entry_to_screen_p95_ratio_to_browser_ref', percentile(screen, 95), ref)
  } finally {
    await browser.close()
    await harness.stop()
    rmSync(dir, { recursive: true, force: true })
  }
}
