/**
 * Clock trouble for the safety entries: an alert acknowledged, and a patient discharged, after the
 * computer's clock changed mid-session. They keep the timeline's order (never timed before the
 * entries they follow) and each notes the change, as every other entry does.
 */
import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'
import { chooseUser, readout, saveVitals, setRate, setUpSession, timelineTexts, stopInfusion } from './steps'

const MIN = 60_000
const HOUR = 60 * MIN
const kindsOf = (texts: string[]) => texts.map((t) => /(Infusion started|Infusion stopped|Alert acknowledged|Discharge|Vitals)/.exec(t)?.[1])
const elapsedOf = (texts: string[]) => texts.map((t) => /T[+-]\d\d:\d\d/.exec(t)?.[0])
const alerts = (page: Page) => page.getByRole('list', { name: 'Alerts' }).getByRole('listitem')

test('an alert acknowledged after the clock moved back, and a discharge after it moved forward: in order, and both changes noted', async ({ page, harness }) => {
  await setUpSession(page)
  await setRate(page, '0.75', 'mg/kg/h', 'Start infusion')
  await expect(readout(page, 'Phase')).toHaveText('Infusion')
  await harness.advanceClock(10 * MIN)
  await chooseUser(page, 'Nurse Joy')
  await saveVitals(page, { sys: 190, dia: 92, hr: 80, spo2: 97, rr: 14 })
  await expect(alerts(page)).toHaveCount(1)

  // Set back an hour; nothing is written until the nurse acknowledges, two minutes on.
  await harness.jumpClock(-HOUR)
  await harness.advanceClock(2 * MIN)
  await expect(readout(page, 'Elapsed')).toHaveText('12:00')
  const alert = alerts(page).filter({ hasText: 'Systolic 190' })
  await alert.getByLabel('Response').selectOption({ label: 'Continue' })
  await alert.getByRole('button', { name: 'Acknowledge' }).click()
  await expect(alerts(page)).toHaveCount(0)
  const notes = page.getByRole('region', { name: 'Clock changes' })
  await expect(notes).toContainText("The computer's clock was moved back by 1 h")

  await chooseUser(page, 'Dr Grey')
  await harness.advanceClock(18 * MIN)
  await expect(readout(page, 'Elapsed')).toHaveText('30:00')
  await stopInfusion(page)
  await expect(readout(page, 'Phase')).toHaveText('Recovery')

  // Set forward two hours; the physician discharges fifteen minutes on, overriding the minimum recovery.
  await harness.jumpClock(2 * HOUR)
  await harness.advanceClock(15 * MIN)
  await expect(readout(page, 'Recovery time')).toHaveText('15:00')
  const discharge = page.getByRole('region', { name: 'Discharge' })
  for (const item of ['Activity', 'Respiration', 'Circulation', 'Consciousness', 'Oxygen saturation'])
    await discharge.getByLabel(item, { exact: true }).selectOption({ value: '2' })
  await discharge.getByLabel('Escort present').check()
  await discharge.getByLabel('No-driving advice given').check()
  await discharge.getByLabel("Patient's own report").fill('Feels calm and clear')
  await discharge.getByRole('button', { name: 'Discharge' }).click()
  await expect(discharge.getByRole('alert')).toContainText("shorter than the protocol's minimum")
  await discharge.getByLabel('Reason').fill('Transport booked; stable, escort present')
  await discharge.getByRole('button', { name: 'Override' }).click()
  await expect(discharge.getByText(/Discharged at/)).toBeVisible()
  await expect(notes).toContainText('moved forward by 2 h')
  await expect(notes.getByRole('listitem')).toHaveCount(2)

  const texts = await timelineTexts(page)
  expect(kindsOf(texts)).toEqual(['Infusion started', 'Vitals', 'Alert acknowledged', 'Infusion stopped', 'Discharge'])
  expect(elapsedOf(texts)).toEqual(['T+00:00', 'T+10:00', 'T+12:00', 'T+30:00', 'T+45:00'])
})
