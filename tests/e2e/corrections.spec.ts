import { expect, test } from './fixtures'
import { readout, saveVitals, setRate, setUpSession, timelineTexts } from './steps'

const MIN = 60_000
const hhmm = (ms: number) => {
  const d = new Date(ms)
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`
}

test('a corrected rate keeps the original visible and the dose follows the correction', async ({ page, harness }) => {
  await setUpSession(page)
  await setRate(page, '0.75', 'mg/kg/h', 'Start infusion')
  await harness.advanceClock(20 * MIN)
  await expect(readout(page, 'Delivered dose')).toHaveText('17.5 mg · 0.25 mg/kg')

  const list = page.getByRole('list', { name: 'Timeline' })
  const started = list.getByRole('listitem').filter({ hasText: 'Infusion started' })
  await started.getByRole('button', { name: 'Correct' }).click()
  const panel = page.getByRole('region', { name: 'Correct entry' })
  await panel.getByLabel('Rate', { exact: true }).fill('0.6')
  await panel.getByRole('button', { name: 'Save correction' }).click()
  await expect(panel.getByText('Give a reason')).toBeVisible()
  await panel.getByLabel('Reason').fill('Pump was programmed at 0.6')
  await panel.getByRole('button', { name: 'Save correction' }).click()
  await expect(panel).toBeHidden()

  // 0.6 mg/kg/h x 70 kg = 42 mg/h; 20 min -> 14 mg (written without trailing zeros).
  await expect(readout(page, 'Delivered dose')).toHaveText('14 mg · 0.2 mg/kg')
  await expect(started.locator('s')).toContainText('0.75 mg/kg/h')
  await expect(started).toContainText('0.6 mg/kg/h')
  await expect(started).toContainText('Corrected by Dr Grey (Physician)')
  await expect(started).toContainText('Pump was programmed at 0.6')
})

test('vitals marked entered in error stay struck through; a back-timed entry is placed in order and marked late', async ({ page, harness }) => {
  await setUpSession(page)
  await saveVitals(page, { sys: 210, dia: 90, hr: 70, spo2: 98, rr: 14 })
  const list = page.getByRole('list', { name: 'Timeline' })
  // Flagged while it counts (210 is past the limit of 180), plain once struck through.
  const wrong = list.getByRole('listitem').filter({ hasText: /BP 210↑?\/90/ })
  await wrong.getByRole('button', { name: 'Mark entered in error' }).click()
  const panel = page.getByRole('region', { name: 'Mark entry entered in error' })
  await panel.getByLabel('Reason').fill('Wrong patient’s reading')
  await panel.getByRole('button', { name: 'Confirm entered in error' }).click()
  await expect(wrong).toContainText('Entered in error')
  await expect(wrong.locator('s')).toContainText('BP 210/90')
  await expect(wrong.getByRole('button', { name: 'Correct' })).toHaveCount(0)

  const t0 = await harness.now()
  await harness.advanceClock(10 * MIN)
  await setRate(page, '0.75', 'mg/kg/h', 'Start infusion')
  // Documented now, taken seven minutes ago: before the infusion started, and late.
  await page.getByLabel('Time', { exact: true }).fill(hhmm(t0 + 3 * MIN))
  await saveVitals(page, { sys: 122, dia: 76, hr: 70, spo2: 99, rr: 12 })
  const texts = await timelineTexts(page)
  expect(texts).toHaveLength(3)
  expect(texts[1]).toContain('BP 122/76')
  expect(texts[1]).toContain('Late entry')
  expect(texts[2]).toContain('Infusion started')
})
