/**
 * Attacks on the record's promises, through the UI: recovery used to become someone else, and a
 * screen's own refreshes keeping the workstation unlocked.
 */
import { rmSync } from 'node:fs'
import { expect, test } from './fixtures'
import { ADMIN_NAME, addStaff, chooseUser, createAdministrator, readout, setRate, setUpSession, signedInAs, stopInfusion } from './steps'

const MIN = 60_000

test('recovery cannot make someone else: an empty database’s own administrator who restores the real backup is signed out, and starting empty had to be typed', async ({ page, harness }) => {
  await page.goto(harness.url)
  await createAdministrator(page)
  const nav = page.getByRole('navigation', { name: 'Main' })
  await nav.getByRole('button', { name: 'Backups' }).click()
  await page.getByRole('region', { name: 'Backups' }).getByRole('button', { name: 'Back up now' }).click()
  await expect(page.getByRole('region', { name: 'Backups' }).getByRole('status')).toContainText('Backup saved: backup-manual-')

  // The records file goes missing; its backups are still there.
  await harness.kill('SIGTERM')
  for (const suffix of ['', '-wal', '-shm']) rmSync(harness.dbPath + suffix, { force: true })
  await harness.restart()
  await page.goto(harness.url)
  const recovery = page.getByRole('region', { name: 'Recovery' })
  await expect(recovery).toContainText('is missing, but there are backups of it')

  await recovery.getByText('Other options').click()
  await recovery.getByRole('button', { name: 'Start with an empty database' }).click()
  // One more click is not enough while there are backups.
  await recovery.getByRole('button', { name: 'Confirm: start with an empty database' }).click()
  await expect(recovery.getByRole('alert').filter({ hasText: 'type START EMPTY' })).toBeVisible()
  await expect(recovery.getByRole('heading', { name: 'The session records could not be opened' })).toBeVisible()
  await recovery.getByLabel('Type START EMPTY to confirm').fill('START EMPTY')
  await recovery.getByRole('button', { name: 'Confirm: start with an empty database' }).click()

  // The empty database's first administrator: the same staff number as the clinic's.
  await createAdministrator(page, 'Mallory', '9753')
  await nav.getByRole('button', { name: 'Backups' }).click()
  const screen = page.getByRole('region', { name: 'Backups' })
  await screen.getByRole('radio', { name: /Backup taken .*\(Back up now\)/ }).check()
  await screen.getByRole('button', { name: 'Restore from backup' }).click()
  await screen.getByRole('region', { name: 'Confirm restore' }).getByRole('button', { name: 'Confirm restore' }).click()

  // Nobody is signed in to the restored records; only the clinic's own administrator can sign in.
  await expect(page.getByRole('region', { name: 'Sign in', exact: true })).toBeVisible()
  // What the restored records lack is still said, on the sign-in screen.
  await expect(page.getByRole('region', { name: 'Restore result' }).getByRole('status')).toContainText(/Restored the backup taken at/)
  await expect(signedInAs(page)).toHaveCount(0)
  await expect(page.getByRole('region', { name: 'Sign in', exact: true }).getByLabel('Staff member').locator('option', { hasText: 'Mallory' })).toHaveCount(0)
  await chooseUser(page, ADMIN_NAME)
  await expect(signedInAs(page)).toHaveText(`${ADMIN_NAME} (Administrator)`)
})

test('the idle lock counts people, not timers: the Backups screen refreshing on its own does not keep the workstation unlocked', async ({ page, harness }) => {
  await page.goto(harness.url)
  await createAdministrator(page)
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Backups' }).click()
  await expect(page.getByRole('region', { name: 'Backups' })).toBeVisible()
  // Nobody touches anything; the screen asks main for the backups every few seconds.
  for (let i = 0; i < 2; i++) {
    const refreshed = page.waitForRequest((r) => r.url().endsWith('/api/backups.overview'))
    await harness.advanceClock(2 * MIN)
    await refreshed
  }
  // Six minutes without input, two since the last refresh: the default five-minute lock falls.
  await harness.advanceClock(2 * MIN)
  await expect(page.getByRole('region', { name: 'Screen locked' })).toBeVisible()
})

test('wrong PINs cannot stop a patient’s care: twenty under the physician’s name slow the workstation for seconds, the physician stops the infusion, the administrator is told', async ({ page, harness }) => {
  await setUpSession(page)
  await setRate(page, '0.75', 'mg/kg/h', 'Start infusion')
  await expect(readout(page, 'Phase')).toHaveText('Infusion')
  const staff = await harness.call('staff.list', {})
  if (!staff.ok) throw new Error(staff.error.message)
  const grey = staff.value.find((s) => s.name === 'Dr Grey')!

  // Someone locks the screen and types wrong PINs under the physician's name, as fast as allowed.
  await harness.call('auth.lock', {})
  await expect(page.getByRole('region', { name: 'Screen locked' })).toBeVisible()
  for (let i = 0; i < 20; i++) {
    expect(await harness.call('auth.signIn', { staffId: grey.id, pin: '0000' })).toMatchObject({ ok: false, error: { field: 'pin' } })
    await harness.advanceClock(30_000)
  }

  await chooseUser(page, 'Dr Grey')
  await stopInfusion(page)
  await expect(readout(page, 'Phase')).toHaveText('Recovery')

  await chooseUser(page, ADMIN_NAME)
  const report = page.getByRole('region', { name: 'Wrong PINs reported' })
  await expect(report.getByRole('status')).toContainText(/^20 wrong PINs since your last sign-in/)
  await expect(report.getByRole('status')).toContainText('4 bursts of wrong PINs in a row')
  await expect(report.getByRole('status')).toContainText('Typed under: Dr Grey')
  await report.getByRole('button', { name: 'Dismiss' }).click()
  await expect(report).toHaveCount(0)
})

test('a PIN an administrator resets works once: its owner chooses their own at the next sign-in, and the reset one stops working', async ({ page, harness }) => {
  await page.goto(harness.url)
  await createAdministrator(page)
  await addStaff(page, 'Nurse Joy', 'Nurse')
  await page.getByRole('region', { name: 'Staff' }).getByRole('button', { name: 'Reset PIN of Nurse Joy' }).click()
  const reset = page.getByRole('region', { name: 'Reset PIN of Nurse Joy' })
  await reset.getByLabel('New PIN', { exact: true }).fill('3690')
  await reset.getByLabel('Confirm new PIN').fill('3690')
  await reset.getByRole('button', { name: 'Save PIN' }).click()
  await expect(page.getByText('New PIN set for Nurse Joy: it works once')).toBeVisible()

  await page.getByRole('button', { name: 'Switch user' }).click()
  const form = page.getByRole('region', { name: 'Sign in', exact: true })
  await form.getByLabel('Staff member').selectOption({ label: 'Nurse Joy (Nurse)' })
  await form.getByLabel('PIN', { exact: true }).fill('3690')
  await form.getByRole('button', { name: 'Sign in' }).click()
  await expect(form.getByRole('status')).toContainText('This PIN was set by an administrator and works once')
  await expect(signedInAs(page)).toHaveText(`${ADMIN_NAME} (Administrator)`)
  await form.getByLabel('PIN', { exact: true }).fill('3690')
  await form.getByLabel('New PIN', { exact: true }).fill('5813')
  await form.getByLabel('Confirm new PIN').fill('5813')
  await form.getByRole('button', { name: 'Sign in' }).click()
  await expect(signedInAs(page)).toHaveText('Nurse Joy (Nurse)')

  // The administrator's PIN for her no longer opens anything; her own does.
  await chooseUser(page, ADMIN_NAME)
  await page.getByRole('button', { name: 'Switch user' }).click()
  await form.getByLabel('Staff member').selectOption({ label: 'Nurse Joy (Nurse)' })
  await form.getByLabel('PIN', { exact: true }).fill('3690')
  await form.getByRole('button', { name: 'Sign in' }).click()
  await expect(form.getByText('Wrong PIN.', { exact: true })).toBeVisible()
  await chooseUser(page, 'Nurse Joy', '5813')
})
