/**
 * Two windows on one workstation: what one records, the other shows without a reload, its
 * figures and alerts following, because main tells every window what it appended.
 */
import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'
import { chooseUser, readout, saveVitals, setRate, setUpSession } from './steps'

const MIN = 60_000
/** What "at once" means for an entry written elsewhere. */
const AT_ONCE = { timeout: 1_000 }

const alerts = (page: Page) => page.getByRole('list', { name: 'Alerts' }).getByRole('listitem')
const timeline = (page: Page) => page.getByRole('list', { name: 'Timeline' })

test('entries recorded in one window appear in the other at once, with their readouts and alerts, without a reload', async ({ page, harness, context }) => {
  await setUpSession(page)
  // The second window opens on the same workstation: the signed-in physician goes straight to the open session.
  const other = await context.newPage()
  await other.goto(harness.url)
  await expect(readout(other, 'Phase')).toHaveText('Pre-infusion')
  // Marks this very document: a reload would lose it.
  await other.evaluate(() => ((globalThis as unknown as { untouched: boolean }).untouched = true))

  await chooseUser(page, 'Nurse Joy')
  // The sign-in is the workstation's: the other window follows it too.
  await expect(other.getByRole('status', { name: 'Signed in as' })).toContainText('Nurse Joy', AT_ONCE)
  await saveVitals(page, { sys: 124, dia: 78, hr: 72, spo2: 98, rr: 14 })
  await expect(timeline(other).getByRole('listitem').filter({ hasText: '124/78' })).toBeVisible(AT_ONCE)

  await chooseUser(page, 'Dr Grey')
  await setRate(page, '0.75', 'mg/kg/h', 'Start infusion')
  await expect(readout(other, 'Phase')).toHaveText('Infusion', AT_ONCE)
  await expect(readout(other, 'Current rate')).toHaveText('0.75 mg/kg/h · 52.5 mg/h · 52.5 mL/h', AT_ONCE)
  await expect(alerts(other)).toHaveCount(0)

  // Main's clock moves: both windows' figures follow it.
  await harness.advanceClock(10 * MIN)
  await expect(readout(other, 'Elapsed')).toHaveText('10:00', AT_ONCE)
  await expect(readout(other, 'Delivered dose')).toHaveText('8.8 mg · 0.13 mg/kg', AT_ONCE)

  await chooseUser(page, 'Nurse Joy')
  await saveVitals(page, { sys: 190, dia: 92, hr: 80, spo2: 97, rr: 14 })
  await expect(timeline(other).getByRole('listitem').filter({ hasText: 'BP 190↑/92' })).toBeVisible(AT_ONCE)
  await expect(alerts(other)).toHaveCount(1, AT_ONCE)
  await expect(alerts(other).first()).toContainText(/Systolic 190 mmHg at .* is above the limit of 180/)

  expect(await other.evaluate(() => (globalThis as unknown as { untouched?: boolean }).untouched)).toBe(true)
})
