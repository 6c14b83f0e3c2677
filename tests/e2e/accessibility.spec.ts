/**
 * Every screen the staff meet, checked by axe as they meet it: first start, sign-in, each screen
 * of the main menu, the patient and new-session forms, the console in each phase with its alerts
 * open, the lock screen, the audit trail and the printed report. Any violation fails.
 */
import { expect, test } from './fixtures'
import { expectAccessible } from './axe'
import { chooseUser, endSession, readout, saveVitals, setRate, setUpSession, stopInfusion } from './steps'

const MIN = 60_000
// Each screen is a full axe scan (a few seconds on a slow machine): these walks take longer than one flow.
test.describe.configure({ timeout: 240_000 })

test('first start and the sign-in screen pass the accessibility checks', async ({ page }) => {
  await expect(page.getByRole('heading').first()).toBeVisible()
  await expectAccessible(page, 'first start')
  await setUpSession(page)
  await page.getByRole('button', { name: 'Switch user' }).click()
  await expect(page.getByRole('region', { name: 'Sign in', exact: true })).toBeVisible()
  await expectAccessible(page, 'sign-in')
})

test('every screen of the main menu, the patient page and the new-session form pass the accessibility checks', async ({ page }) => {
  await setUpSession(page)
  await chooseUser(page, 'Ada Admin')
  const menu = page.getByRole('navigation', { name: 'Main' })
  const names = (await menu.getByRole('button').allInnerTexts()).map((n) => n.trim())
  expect(names.length).toBeGreaterThan(3)
  for (const name of names) {
    await menu.getByRole('button', { name, exact: true }).click()
    await expect(page.getByRole('heading').first()).toBeVisible()
    await expectAccessible(page, `menu: ${name}`)
  }
  await chooseUser(page, 'Dr Grey')
  await menu.getByRole('button', { name: 'Patients', exact: true }).click()
  await page.getByRole('region', { name: 'Patients' }).getByRole('button', { name: 'Ada Test' }).click()
  await expectAccessible(page, 'patient page')
  await page.getByRole('button', { name: 'New session' }).click()
  await expect(page.getByRole('region', { name: 'New session' })).toBeVisible()
  await expectAccessible(page, 'new session form')
})

test('the console in every phase, with its alerts open, the lock screen, the audit trail and the report pass the accessibility checks', async ({ page, harness }) => {
  await setUpSession(page)
  await expectAccessible(page, 'console before the infusion')

  await setRate(page, '0.75', 'mg/kg/h', 'Start infusion')
  await harness.advanceClock(5 * MIN)
  await expect(readout(page, 'Phase')).toHaveText('Infusion')
  await expectAccessible(page, 'console during the infusion')

  await chooseUser(page, 'Nurse Joy')
  await saveVitals(page, { sys: 190, dia: 115, hr: 130, spo2: 88, rr: 7 })
  await expect(page.getByRole('list', { name: 'Alerts' }).or(page.getByRole('button', { name: /Respond/ })).first()).toBeVisible()
  const respond = page.getByRole('button', { name: /Respond/ })
  if (await respond.isVisible()) await respond.click()
  await expect(page.getByRole('list', { name: 'Alerts' })).toBeVisible()
  await expectAccessible(page, 'console with alerts open')

  await page.getByRole('button', { name: 'Lock screen' }).click()
  await expect(page.getByRole('region', { name: 'Sign in', exact: true })).toBeVisible()
  await expectAccessible(page, 'lock screen during an infusion')

  await chooseUser(page, 'Dr Grey')
  await harness.advanceClock(35 * MIN)
  await stopInfusion(page)
  await expect(readout(page, 'Phase')).toHaveText('Recovery')
  await expectAccessible(page, 'console in recovery')

  await endSession(page, { withoutDischarge: 'Discharge assessed on paper (accessibility walk)' })
  await expectAccessible(page, 'console after the session ended')

  await page.getByRole('button', { name: 'Audit trail' }).click()
  await expect(page.getByRole('heading', { name: /Audit trail/ })).toBeVisible()
  await expectAccessible(page, 'audit trail')

  await page.getByRole('button', { name: 'Back to session', exact: true }).click()
  // The report opens in its own window, as the print preview does in the app.
  const popupOpened = page.waitForEvent('popup')
  await page.getByRole('button', { name: 'Print report' }).click()
  const report = await popupOpened
  await expect(report.getByRole('heading', { name: 'Ketamine session report' })).toBeVisible()
  await expectAccessible(report, 'printed report')
})
