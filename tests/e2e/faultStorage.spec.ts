/**
 * Storage trouble mid-session (brought on by the harness's test-only /__harness/fault route): the
 * database read-only, the disk full, the file damaged. The nurse sees a clear message, what they
 * typed stays on screen to retry, and nothing already saved is lost.
 */
import type { Page } from '@playwright/test'
import { expect, test, type Harness } from './fixtures'
import { readout, saveNote, saveVitals, setRate, setUpSession } from './steps'

async function fault(harness: Harness, kind: 'readonly' | 'full' | 'corrupt' | 'ok'): Promise<void> {
  const r = await fetch(`${harness.url}__harness/fault`, { method: 'POST', body: JSON.stringify({ kind }) })
  expect(await r.json()).toEqual({ fault: kind })
}

const VITALS = { Systolic: '133', Diastolic: '84', 'Heart rate': '77', SpO2: '97', 'Respiratory rate': '15' }

async function typeVitals(page: Page): Promise<void> {
  const lane = page.getByRole('region', { name: 'Vitals', exact: true })
  for (const [label, value] of Object.entries(VITALS)) await lane.getByLabel(label, { exact: true }).fill(value)
}

async function expectVitalsStillTyped(page: Page): Promise<void> {
  const lane = page.getByRole('region', { name: 'Vitals', exact: true })
  for (const [label, value] of Object.entries(VITALS)) await expect(lane.getByLabel(label, { exact: true })).toHaveValue(value)
}

const timelineCount = (page: Page) => page.getByRole('heading', { name: /^Timeline/ })

test('the database turns read-only: a clear message, the vitals stay typed, and saving again works once it is writable', async ({ page, harness }) => {
  await setUpSession(page)
  await saveVitals(page, { sys: 120, dia: 80, hr: 70, spo2: 98, rr: 14 })
  await fault(harness, 'readonly')

  await typeVitals(page)
  const lane = page.getByRole('region', { name: 'Vitals', exact: true })
  await lane.getByRole('button', { name: 'Save vitals' }).click()
  await expect(lane.getByRole('alert')).toHaveText('The database cannot be written to: nothing was saved. Call support.')
  await expectVitalsStillTyped(page)
  await expect(timelineCount(page)).toContainText('(1 entries)')

  await fault(harness, 'ok')
  await lane.getByRole('button', { name: 'Save vitals' }).click()
  await expect(lane.getByLabel('Systolic')).toHaveValue('')
  await expect(lane.getByRole('alert')).toHaveCount(0)
  await page.reload()
  await expect(timelineCount(page)).toContainText('(2 entries)')
  await expect(page.getByRole('list', { name: 'Timeline' })).toContainText('BP 133/84')
})

test('the disk fills up: a clear message, the vitals stay typed, nothing saved is lost, and saving works once there is room', async ({ page, harness }) => {
  await setUpSession(page)
  await setRate(page, '0.75', 'mg/kg/h', 'Start infusion')
  await expect(readout(page, 'Phase')).toHaveText('Infusion')
  await fault(harness, 'full')

  // Entries keep fitting into the file's last pages for a while; fill them as a busy ward would.
  const record = await harness.call('sessions.get', { sessionId: 1 })
  expect(record.ok).toBe(true)
  if (!record.ok) return
  // setUpSession leaves the physician signed in: the author must be who is signed in.
  const authorId = record.value.session.team.physicianId
  const vitals = { systolic: 133, diastolic: 84, heartRate: 77, spo2: 97, respiratoryRate: 15 }
  let filled = 0
  for (;;) {
    const r = await harness.call('entries.record', { sessionId: 1, authorId, entry: { type: 'vitals', vitals } })
    if (!r.ok) {
      expect(r.error).toMatchObject({ code: 'STORAGE' })
      break
    }
    filled++
    expect(filled).toBeLessThan(2000)
  }

  await typeVitals(page)
  const lane = page.getByRole('region', { name: 'Vitals', exact: true })
  await lane.getByRole('button', { name: 'Save vitals' }).click()
  await expect(lane.getByRole('alert')).toHaveText('The disk is full: nothing was saved. Keep the entry on screen and call support.')
  await expectVitalsStillTyped(page)

  await fault(harness, 'ok')
  await lane.getByRole('button', { name: 'Save vitals' }).click()
  await expect(lane.getByLabel('Systolic')).toHaveValue('')
  await page.reload()
  // The start, every entry that fitted, and the retried one: each once.
  await expect(timelineCount(page)).toContainText(`(${filled + 2} entries)`)
  const saved = await harness.call('sessions.get', { sessionId: 1 })
  expect(saved.ok && saved.value.events.map((e) => e.seq)).toEqual(Array.from({ length: filled + 2 }, (_, i) => i + 1))
})

test('the file is damaged: a clear message, the note stays typed and the timeline keeps what was saved; after a restore it saves', async ({ page, harness }) => {
  await setUpSession(page)
  await saveVitals(page, { sys: 120, dia: 80, hr: 70, spo2: 98, rr: 14 })
  await saveNote(page, 'Observation', 'Settled')
  await fault(harness, 'corrupt')

  const notes = page.getByRole('region', { name: 'Notes' })
  await notes.getByLabel('Note type').selectOption({ label: 'Adverse event' })
  await notes.getByLabel('Note', { exact: true }).fill('Vomited once')
  await notes.getByRole('button', { name: 'Save note' }).click()
  await expect(notes.getByRole('alert')).toHaveText('The database file is damaged: nothing was saved. Call support.')
  await expect(notes.getByLabel('Note', { exact: true })).toHaveValue('Vomited once')
  // What the screen already showed is still there to read.
  const timeline = page.getByRole('list', { name: 'Timeline' })
  await expect(timeline).toContainText('BP 120/80')
  await expect(timeline).toContainText('Settled')

  await fault(harness, 'ok')
  await notes.getByRole('button', { name: 'Save note' }).click()
  await expect(notes.getByLabel('Note', { exact: true })).toHaveValue('')
  await page.reload()
  await expect(timelineCount(page)).toContainText('(3 entries)')
  await expect(page.getByRole('list', { name: 'Timeline' })).toContainText('Vomited once')
})
