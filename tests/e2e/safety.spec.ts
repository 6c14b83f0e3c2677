/** Clinical safety through the UI: alerts, pre-infusion checks, scales, discharge, protocols. */
import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'
import { ADMIN_NAME, chooseUser, readout, saveVitals, setRate, setUpSession, timelineTexts, stopInfusion, doseText } from './steps'

const MIN = 60_000
/** Independent of the app's code: mg delivered at a constant rate. */
const mg = (mgPerHour: number, minutes: number) => (mgPerHour * minutes) / 60

const alerts = (page: Page) => page.getByRole('list', { name: 'Alerts' }).getByRole('listitem')

async function acknowledge(page: Page, hasText: string | RegExp, response: string) {
  const item = alerts(page).filter({ hasText })
  await item.getByLabel('Response').selectOption({ label: response })
  await item.getByRole('button', { name: 'Acknowledge' }).click()
  await expect(item).toHaveCount(0)
}

async function completeChecklist(page: Page) {
  const checks = page.getByRole('region', { name: 'Pre-infusion checks' })
  await checks.getByLabel('Consent confirmed').check()
  await checks.getByLabel('Escort arranged').check()
  await checks.getByLabel('Uncontrolled hypertension').selectOption({ label: 'No' })
  await checks.getByLabel('Active psychosis').selectOption({ label: 'No' })
  await checks.getByLabel('Pregnancy').selectOption({ label: 'Not applicable' })
  await checks.getByLabel('Recent trauma (PTSD patients)').selectOption({ label: 'No' })
  await checks.getByLabel('Last food and drink').fill('Toast 07:30, water 10:00')
  await checks.getByRole('button', { name: 'Save checklist' }).click()
  await expect(checks.getByText(/Checklist saved at/)).toBeVisible()
}

async function saveScore(page: Page, scale: string, score: string) {
  const lane = page.getByRole('region', { name: 'Scales' })
  await lane.getByLabel('Scale', { exact: true }).selectOption({ label: scale })
  await lane.getByLabel('Score', { exact: true }).fill(score)
  await lane.getByRole('button', { name: 'Save scale' }).click()
}

test('a systolic over the limit raises an alert; "pause infusion" pauses the pump and the dose stops accruing', async ({ page, harness }) => {
  await setUpSession(page)
  await chooseUser(page, 'Nurse Joy')
  await saveVitals(page, { sys: 124, dia: 78, hr: 72, spo2: 98, rr: 14 })
  await chooseUser(page, 'Dr Grey')
  await setRate(page, '0.75', 'mg/kg/h', 'Start infusion')
  await expect(readout(page, 'Phase')).toHaveText('Infusion')
  await expect(alerts(page)).toHaveCount(0)

  await harness.advanceClock(10 * MIN)
  await chooseUser(page, 'Nurse Joy')
  await saveVitals(page, { sys: 190, dia: 92, hr: 80, spo2: 97, rr: 14 })
  await expect(alerts(page)).toHaveCount(1)
  await expect(alerts(page).first()).toContainText(/Systolic 190 mmHg at .* is above the limit of 180/)
  // Announced through the live region, too.
  await expect(page.getByRole('alert').filter({ hasText: 'New alert: Systolic 190 mmHg' })).toBeAttached()

  const delivered = mg(52.5, 10)
  await acknowledge(page, 'Systolic 190', 'Pause infusion')
  await expect(readout(page, 'Current rate')).toContainText('Paused')
  await expect(readout(page, 'Delivered dose')).toHaveText(doseText(delivered))
  await harness.advanceClock(5 * MIN)
  await expect(readout(page, 'Elapsed')).toHaveText('15:00')
  await expect(readout(page, 'Delivered dose')).toHaveText(doseText(delivered))

  const items = await timelineTexts(page)
  const paused = items.find((t) => t.includes('Infusion paused'))
  expect(paused).toMatch(/T\+10:00.*Reason: Alert: Systolic 190 mmHg.*Nurse Joy/)
  expect(items.find((t) => t.includes('Alert acknowledged'))).toMatch(/Systolic 190 mmHg.*Response: Pause infusion.*Nurse Joy \(Nurse\)/)
  // The start was made with the physician's override, and the timeline says so.
  expect(items.find((t) => t.includes('Infusion started'))).toMatch(/Physician override: Checks done on paper.*Consent not confirmed/)
})

test('vitals left unrecorded past the interval raise an overdue alert, which returns only for the next missed check', async ({ page, harness }) => {
  await setUpSession(page)
  await setRate(page, '0.75', 'mg/kg/h', 'Start infusion')
  await expect(readout(page, 'Phase')).toHaveText('Infusion')
  await harness.advanceClock(10 * MIN)
  await expect(readout(page, 'Elapsed')).toHaveText('10:00')
  await expect(alerts(page)).toHaveCount(0)

  await harness.advanceClock(1 * MIN)
  await expect(alerts(page)).toHaveCount(1)
  await expect(alerts(page).first()).toContainText(/Vitals overdue since .* \(due every 10 min during infusion; none recorded yet\)/)
  await acknowledge(page, 'Vitals overdue', 'Recheck vitals')

  await harness.advanceClock(9 * MIN)
  await expect(readout(page, 'Elapsed')).toHaveText('20:00')
  await expect(alerts(page)).toHaveCount(0)
  await harness.advanceClock(1 * MIN)
  await expect(alerts(page)).toHaveCount(1)
  await expect(alerts(page).first()).toContainText('2 checks missed')
})

test('discharge is blocked before the minimum recovery time and allowed with a physician override and a reason', async ({ page, harness }) => {
  await setUpSession(page)
  await setRate(page, '0.75', 'mg/kg/h', 'Start infusion')
  await harness.advanceClock(40 * MIN)
  await stopInfusion(page)
  await expect(readout(page, 'Phase')).toHaveText('Recovery')
  await harness.advanceClock(15 * MIN)
  await expect(readout(page, 'Recovery time')).toHaveText('15:00')

  const discharge = page.getByRole('region', { name: 'Discharge' })
  for (const item of ['Activity', 'Respiration', 'Circulation', 'Consciousness', 'Oxygen saturation'])
    await discharge.getByLabel(item, { exact: true }).selectOption({ value: '2' })
  await discharge.getByLabel('Escort present').check()
  await discharge.getByLabel('No-driving advice given').check()
  await discharge.getByLabel("Patient's own report").fill('Feels calm and clear')
  await discharge.getByRole('button', { name: 'Discharge' }).click()
  await expect(discharge.getByRole('alert')).toContainText("Recovery observation 15 min is shorter than the protocol's minimum of 60 min")
  const before = await harness.call('sessions.get', { sessionId: 1 })
  expect(before.ok && before.value.events.some((e) => e.type === 'discharge')).toBe(false)

  // An override without a reason is refused at the field.
  await discharge.getByRole('button', { name: 'Override' }).click()
  await expect(discharge.getByText('Give a reason for the override')).toBeVisible()
  await discharge.getByLabel('Reason').fill('Transport booked; stable, escort present')
  await discharge.getByRole('button', { name: 'Override' }).click()
  await expect(discharge.getByText(/Discharged at/)).toBeVisible()
  const items = await timelineTexts(page)
  expect(items.find((t) => t.includes('Discharge'))).toMatch(
    /Aldrete 10\/10.*Physician override: Transport booked; stable, escort present.*shorter than the protocol's minimum.*Dr Grey \(Physician\)/
  )
})

test('with the checklist, baseline vitals and a baseline scale complete, the infusion starts without an override', async ({ page }) => {
  await setUpSession(page)
  const checks = page.getByRole('region', { name: 'Pre-infusion checks' })
  await expect(checks).toContainText('Consent not confirmed')
  await completeChecklist(page)
  await saveVitals(page, { sys: 124, dia: 78, hr: 72, spo2: 98, rr: 14 })
  await saveScore(page, 'Anxiety/distress (0–10)', '3')
  await expect(checks.getByText('All pre-infusion checks are met.')).toBeVisible()
  const infusion = page.getByRole('region', { name: 'Infusion', exact: true })
  await expect(infusion.getByRole('button', { name: 'Override' })).toHaveCount(0)
  await infusion.getByRole('button', { name: 'Start infusion' }).click()
  await expect(readout(page, 'Phase')).toHaveText('Infusion')
  const items = await timelineTexts(page)
  expect(items.map((t) => /(Pre-infusion checklist|Vitals|Scale|Infusion started)/.exec(t)?.[1])).toEqual([
    'Pre-infusion checklist',
    'Vitals',
    'Scale',
    'Infusion started'
  ])
  expect(items[3]).not.toContain('override')
})

test('scales: PHQ-9 item by item with its total and band; an answer out of range is refused', async ({ page, harness }) => {
  await setUpSession(page)
  await saveScore(page, 'MOAA/S (sedation, 0–5)', '6')
  const lane = page.getByRole('region', { name: 'Scales' })
  await expect(lane.getByText('MOAA/S must be a whole number from 0 to 5')).toBeVisible()
  await expect(lane.getByLabel('Score', { exact: true })).toHaveValue('6')

  await lane.getByLabel('Scale', { exact: true }).selectOption({ label: 'PHQ-9' })
  const answers = [2, 2, 1, 1, 1, 1, 1, 1, 0]
  for (const [i, a] of answers.entries()) await lane.getByLabel(new RegExp(`^${i + 1}\\. `)).selectOption({ value: String(a) })
  await lane.getByRole('button', { name: 'Save scale' }).click()
  await expect(lane.getByText('Saved: PHQ-9 (before) 10/27 · moderate')).toBeVisible()
  const texts = await timelineTexts(page)
  expect(texts.filter((t) => t.includes('Scale'))).toHaveLength(1)
  expect(texts[0]).toContain('PHQ-9 (before) 10/27 · moderate · items 2 2 1 1 1 1 1 1 0')
  const record = await harness.call('sessions.get', { sessionId: 1 })
  expect(record.ok && record.value.events.map((e) => e.type)).toEqual(['scale'])
  // Kept for the patient's course: the patient page lists it.
  await page.getByRole('button', { name: 'Back to patient' }).click()
  await expect(page.getByRole('region', { name: 'Scale history' }).getByRole('cell', { name: /PHQ-9 \(before\) 10\/27 · moderate/ })).toBeVisible()
})

test('a protocol edited after a session leaves that session unchanged; contradictory limits are refused', async ({ page, harness }) => {
  await setUpSession(page)
  await expect(page.getByText('Protocol: IV ketamine 0.5 mg/kg over 40 min (version 1)')).toBeVisible()
  const before = await harness.call('sessions.get', { sessionId: 1 })

  // Protocols are managed by administrators.
  await chooseUser(page, ADMIN_NAME)
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Protocols' }).click()
  await page.getByRole('button', { name: 'Edit IV ketamine 0.5 mg/kg over 40 min' }).click()
  const editor = page.getByRole('region', { name: 'Edit protocol' })
  await editor.getByLabel('Heart rate low').fill('130')
  await editor.getByLabel('Reason for the change').fill('Tighter limits')
  await editor.getByRole('button', { name: 'Save protocol' }).click()
  await expect(editor.getByText('Heart rate: the low limit must be below the high limit')).toBeVisible()
  await editor.getByLabel('Heart rate low').fill('50')
  await editor.getByLabel('Systolic high').fill('140')
  await editor.getByRole('button', { name: 'Save protocol' }).click()
  await expect(page.getByText('Saved IV ketamine 0.5 mg/kg over 40 min, version 2')).toBeVisible()

  const after = await harness.call('sessions.get', { sessionId: 1 })
  expect(after).toEqual(before)
  await chooseUser(page, 'Nurse Joy')
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Patients' }).click()
  await page.getByRole('region', { name: 'Patients' }).getByRole('button', { name: 'Ada Test' }).click()
  await page.getByRole('region', { name: 'Course' }).getByRole('button').first().click()
  await expect(page.getByText('Protocol: IV ketamine 0.5 mg/kg over 40 min (version 1)')).toBeVisible()
  // Under version 1's limit of 180, a systolic of 150 raises no alert.
  await saveVitals(page, { sys: 150, dia: 80, hr: 72, spo2: 98, rr: 14 })
  await expect(alerts(page)).toHaveCount(0)
  const protocols = await harness.call('protocols.list', {})
  expect(protocols.ok && protocols.value[0]!.definition.limits.systolic.high).toBe(140)
})
