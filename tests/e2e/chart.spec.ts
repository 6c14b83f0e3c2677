/**
 * The live chart as the staff read it: every reading marked, SpO2 and breathing in their own panel,
 * the reported intensities on their own 0–10 axis by kind, the alert limits shaded, and alerts and
 * their acknowledgements ticked on the time axis.
 */
import { expect, test } from './fixtures'
import { chooseUser, saveNote, saveVitals, setRate, setUpSession } from './steps'

const MIN = 60_000
/** How many symbols a path of symbols holds: each is one closed subpath. */
const symbolCount = (d: string | null) => (d ?? '').split('Z').length - 1

test('the chart marks every reading and the timeline flags what is past a limit; the chart gives SpO2 and breathing their own panel and intensity its own axis, shades the limits and ticks the alerts', async ({ page, harness }) => {
  await page.setViewportSize({ width: 1366, height: 768 })
  await setUpSession(page)
  await setRate(page, '0.75', 'mg/kg/h', 'Start infusion')
  await chooseUser(page, 'Nurse Joy')
  const readings = [
    { sys: 124, dia: 78, hr: 74, spo2: 98, rr: 14 },
    { sys: 131, dia: 82, hr: 80, spo2: 97, rr: 13 },
    { sys: 192, dia: 104, hr: 96, spo2: 90, rr: 9 }
  ]
  for (const v of readings) {
    await harness.advanceClock(5 * MIN)
    await saveVitals(page, v)
  }
  await chooseUser(page, 'Theo Rapist')
  const notes = page.getByRole('region', { name: 'Notes' })
  await notes.getByLabel('Note type').selectOption({ label: 'Subjective report' })
  await notes.getByLabel('Note', { exact: true }).fill('Floating, a little uneasy')
  await notes.getByLabel('Intensity (0–10)').fill('6')
  await notes.getByLabel('Intensity of').selectOption('dissociation')
  await notes.getByRole('button', { name: 'Save note' }).click()
  await expect(notes.getByLabel('Note', { exact: true })).toHaveValue('')

  // The timeline flags what is past a limit: bold, an arrow, and the limit on hover.
  const flaggedRow = page.getByRole('list', { name: 'Timeline' }).getByRole('listitem').filter({ hasText: 'BP 192↑/104 · HR 96 · SpO2 90↓% · RR 9↓' })
  await expect(flaggedRow.locator('strong.vital-flag')).toHaveCount(3)
  await expect(flaggedRow.locator('strong.vital-flag').first()).toHaveAttribute('title', 'above the limit of 180')
  await expect(flaggedRow.locator('strong.vital-flag').nth(1)).toHaveAttribute('title', 'below the limit of 92')

  const chart = page.getByRole('region', { name: 'Vitals chart' })
  // Three panels on one time axis, each named for what it shows.
  const panels = chart.locator('svg.recharts-surface > title')
  await expect(panels).toHaveText([
    'Blood pressure, heart rate and infusion rate over time',
    'SpO2 and respiratory rate over time',
    'Reported intensity (0 to 10) over time'
  ])
  // A symbol for every reading of every series.
  for (const series of ['systolic', 'diastolic', 'heartRate', 'spo2', 'respiratoryRate']) {
    expect(symbolCount(await chart.locator(`[data-symbols="${series}"]`).getAttribute('d')), series).toBe(readings.length)
  }
  // SpO2 and breathing are drawn in the second panel only; blood pressure in the first only.
  const second = chart.locator('svg.recharts-surface').nth(1)
  await expect(second.locator('[data-series="spo2"]')).toHaveCount(1)
  await expect(second.locator('[data-series="respiratoryRate"]')).toHaveCount(1)
  await expect(second.locator('[data-series="systolic"]')).toHaveCount(0)
  // The dissociation report on its own axis, with its own symbol.
  await expect(chart.locator('svg.recharts-surface').nth(2).locator('[data-intensity="dissociation"]')).toHaveCount(1)
  // The limits the alerts use, shaded where a reading would raise one.
  await expect(chart.locator('[data-limit="systolic-high"] title')).toHaveText('Systolic (mmHg) above 180: alert')
  await expect(chart.locator('[data-limit="spo2-low"] title')).toHaveText('SpO2 (%) below 92: alert')
  await expect(chart.locator('[data-limit="respiratoryRate-low"] title')).toHaveText('Respiratory rate (/min) below 10: alert')
  // The last set raised alerts: ticked on the time axis where they were raised.
  const raised = chart.locator('[data-alert-tick="raised"]')
  await expect(raised.first()).toBeVisible()
  const raisedCount = await raised.count()
  expect(raisedCount).toBeGreaterThanOrEqual(3)
  if (process.env['SCREENSHOT_DIR']) await chart.screenshot({ path: `${process.env['SCREENSHOT_DIR']}/chart-1366.png` })

  // Acknowledged: a tick where it was, and one alert fewer standing.
  await chooseUser(page, 'Dr Grey')
  const respond = page.getByRole('button', { name: /^Respond/ })
  if (await respond.isVisible()) await respond.click()
  const item = page.getByRole('list', { name: 'Alerts' }).getByRole('listitem').filter({ hasText: /Systolic/ }).first()
  await item.getByLabel('Response').selectOption({ label: 'Continue' })
  await item.getByRole('button', { name: 'Acknowledge' }).click()
  await expect(chart.locator('[data-alert-tick="acknowledged"]').first()).toBeVisible()
  expect(await chart.locator('[data-alert-tick="acknowledged"]').count()).toBeGreaterThanOrEqual(1)
  await expect(raised).not.toHaveCount(raisedCount)
})
