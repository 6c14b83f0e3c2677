/** The alert rules a clinical review found wanting, through the UI: acknowledgements and corrections, the baseline, the schedule across Stop. */
import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'
import { ADMIN_NAME, chooseUser, readout, saveVitals, setRate, setUpSession, stopInfusion } from './steps'

const MIN = 60_000
const CLOCK = '\\d\\d:\\d\\d:\\d\\d'

const alerts = (page: Page) => page.getByRole('list', { name: 'Alerts' }).getByRole('listitem')
const alertArea = (page: Page) => page.getByRole('region', { name: /alert/i }).first()

async function acknowledge(page: Page, hasText: string | RegExp, response: string) {
  const item = alerts(page).filter({ hasText })
  await item.getByLabel('Response').selectOption({ label: response })
  await item.getByRole('button', { name: 'Acknowledge' }).click()
  await expect(item).toHaveCount(0)
}

async function correctVitals(page: Page, hasText: string | RegExp, v: { Systolic?: string; Diastolic?: string }, reason: string) {
  const entry = page.getByRole('list', { name: 'Timeline' }).getByRole('listitem').filter({ hasText })
  await entry.getByRole('button', { name: 'Correct' }).click()
  const panel = page.getByRole('region', { name: 'Correct entry' })
  for (const [label, value] of Object.entries(v)) await panel.getByLabel(label, { exact: true }).fill(value)
  await panel.getByLabel('Reason').fill(reason)
  await panel.getByRole('button', { name: 'Save correction' }).click()
  await expect(panel).toBeHidden()
}

async function historyRows(page: Page) {
  const details = page.getByText('Alert history', { exact: true })
  await details.click()
  return page.getByRole('table', { name: 'Alert history' }).getByRole('row')
}

test('an acknowledged 185 corrected to 240/100 raises the alert again; corrected within limits it is withdrawn, and the history says so', async ({ page, harness }) => {
  await setUpSession(page)
  await saveVitals(page, { sys: 124, dia: 78, hr: 72, spo2: 98, rr: 14 })
  await setRate(page, '0.75', 'mg/kg/h', 'Start infusion')
  await expect(readout(page, 'Phase')).toHaveText('Infusion')
  await harness.advanceClock(8 * MIN)
  await saveVitals(page, { sys: 185, dia: 80, hr: 72, spo2: 98, rr: 14 })
  await expect(alerts(page)).toHaveCount(1)
  await acknowledge(page, 'Systolic 185', 'Continue')
  await expect(alerts(page)).toHaveCount(0)

  await harness.advanceClock(1 * MIN)
  await correctVitals(page, 'BP 185↑/80', { Systolic: '240', Diastolic: '100' }, 'Misread the monitor')
  await expect(alerts(page)).toHaveCount(1)
  await expect(alerts(page).first()).toContainText(new RegExp(`Systolic 240 mmHg at ${CLOCK} is above the limit of 180`))

  await harness.advanceClock(1 * MIN)
  await correctVitals(page, 'BP 240↑/100', { Systolic: '150', Diastolic: '80' }, 'Second look: cuff was loose')
  await expect(alerts(page)).toHaveCount(0)

  const rows = await historyRows(page)
  // 185 was changed by the first correction (to 240), which the second withdrew.
  await expect(rows.filter({ hasText: 'Systolic 185 mmHg' })).toContainText(new RegExp(`Continue at ${CLOCK}.*Ended ${CLOCK}: changed by a correction`))
  await expect(rows.filter({ hasText: 'Systolic 240 mmHg' })).toContainText(new RegExp(`Not acknowledged.*Ended ${CLOCK}: withdrawn by a correction`))
})

test('with no vitals before the start, the alert area says rise alerts are inactive; the first reading after the start is the baseline, and a rise from it alerts', async ({ page, harness }) => {
  await setUpSession(page)
  await setRate(page, '0.75', 'mg/kg/h', 'Start infusion')
  await expect(readout(page, 'Phase')).toHaveText('Infusion')
  await expect(alertArea(page)).toContainText('No baseline: rise alerts inactive')

  await harness.advanceClock(5 * MIN)
  await saveVitals(page, { sys: 127, dia: 80, hr: 72, spo2: 98, rr: 14 })
  await expect(alertArea(page)).toContainText(new RegExp(`Baseline 127/80 mmHg at ${CLOCK} \\(first reading after the start\\)`))
  await expect(alertArea(page)).not.toContainText('No baseline')

  await harness.advanceClock(5 * MIN)
  await saveVitals(page, { sys: 185, dia: 108, hr: 72, spo2: 98, rr: 14 })
  await expect(alerts(page)).toHaveCount(2)
  await expect(alerts(page).filter({ hasText: 'Diastolic 108 mmHg' })).toContainText('is 28 above the baseline of 80 (first reading after the start')
  await expect(alerts(page).filter({ hasText: 'Systolic 185 mmHg' })).toContainText('above the limit of 180')
})

test('an unacknowledged overdue alert does not vanish at Stop, and stays until vitals are recorded', async ({ page, harness }) => {
  await setUpSession(page)
  await saveVitals(page, { sys: 124, dia: 78, hr: 72, spo2: 98, rr: 14 })
  await setRate(page, '0.75', 'mg/kg/h', 'Start infusion')
  await expect(readout(page, 'Phase')).toHaveText('Infusion')
  await harness.advanceClock(10 * MIN)
  await saveVitals(page, { sys: 124, dia: 78, hr: 72, spo2: 98, rr: 14 })
  await harness.advanceClock(11 * MIN)
  await expect(alerts(page)).toHaveCount(1)
  await expect(alerts(page).first()).toContainText('Vitals overdue')

  await harness.advanceClock(1 * MIN)
  await stopInfusion(page)
  await expect(readout(page, 'Phase')).toHaveText('Recovery')
  await expect(alerts(page)).toHaveCount(1)
  await expect(alerts(page).first()).toContainText('Vitals overdue')
  // Fifteen minutes into recovery (the recovery interval) it still stands, now with a second check missed.
  await harness.advanceClock(15 * MIN)
  await expect(alerts(page).first()).toContainText('2 checks missed')

  await saveVitals(page, { sys: 124, dia: 78, hr: 72, spo2: 98, rr: 14 })
  await expect(alerts(page)).toHaveCount(0)
  const rows = await historyRows(page)
  await expect(rows.filter({ hasText: 'Vitals overdue' })).toContainText(new RegExp(`Not acknowledged.*Ended ${CLOCK}: vitals recorded`))
})

test('MOAA/S 0 raises a high-priority sedation alert; the protocol editor sets the sedation limits and refuses contradictory ones', async ({ page, harness }) => {
  await setUpSession(page)
  const scales = page.getByRole('region', { name: 'Scales' })
  await scales.getByLabel('Scale', { exact: true }).selectOption({ label: 'MOAA/S (sedation, 0–5)' })
  await scales.getByLabel('Score', { exact: true }).fill('0')
  await scales.getByRole('button', { name: 'Save scale' }).click()
  await expect(alerts(page)).toHaveCount(1)
  await expect(alerts(page).first()).toContainText(new RegExp(`Critical: MOAA/S 0 at ${CLOCK}: deep sedation \\(high priority at 2 or below\\)`))

  await chooseUser(page, ADMIN_NAME)
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Protocols' }).click()
  await page.getByRole('button', { name: 'Edit IV ketamine 0.5 mg/kg over 40 min' }).click()
  const editor = page.getByRole('region', { name: 'Edit protocol' })
  // Version 1 was stored before sedation limits: it shows the defaults it is read with.
  await expect(editor.getByLabel('High priority at MOAA/S or below')).toHaveValue('2')
  await expect(editor.getByLabel('Medium priority at MOAA/S or below')).toHaveValue('3')
  await editor.getByLabel('High priority at MOAA/S or below').fill('3')
  await editor.getByLabel('Reason for the change').fill('Clinic sedation policy')
  await editor.getByRole('button', { name: 'Save protocol' }).click()
  await expect(editor.getByText('The medium-priority sedation limit must be above the high-priority one')).toBeVisible()
  await editor.getByLabel('High priority at MOAA/S or below').fill('1')
  await editor.getByRole('button', { name: 'Save protocol' }).click()
  await expect(page.getByText('Saved IV ketamine 0.5 mg/kg over 40 min, version 2')).toBeVisible()
  const protocols = await harness.call('protocols.list', {})
  expect(protocols.ok && protocols.value[0]!.definition.sedation).toEqual({ highAtOrBelow: 1, mediumAtOrBelow: 3 })
})
