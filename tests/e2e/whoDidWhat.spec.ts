/** Who did what, through the UI: sign-in and switching, permissions, the idle lock, sign-off, addenda, the Audit view. */
import Database from 'better-sqlite3'
import type { Page } from '@playwright/test'
import { expect, test, type Harness } from './fixtures'
import { chooseUser, readout, saveNote, saveVitals, setRate, setUpSession, signedInAs, timelineTexts, endSession, END_REASON, stopInfusion, doseText } from './steps'

const MIN = 60_000
const VITALS = { sys: 124, dia: 78, hr: 72, spo2: 98, rr: 14 }

async function staffId(harness: Harness, name: string): Promise<number> {
  const r = await harness.call('staff.list', {})
  const found = r.ok ? r.value.find((s) => s.name === name) : undefined
  if (!found) throw new Error(`no staff member ${name}`)
  return found.id
}

async function eventCount(harness: Harness): Promise<number> {
  const r = await harness.call('sessions.get', { sessionId: 1 })
  if (!r.ok) throw new Error(r.error.message)
  return r.value.events.length
}

test('a nurse cannot change the infusion rate: the control says why, and main refuses it as well', async ({ page, harness }) => {
  await setUpSession(page)
  await setRate(page, '0.75', 'mg/kg/h', 'Start infusion')
  await expect(readout(page, 'Current rate')).toHaveText('0.75 mg/kg/h · 52.5 mg/h · 52.5 mL/h')

  await chooseUser(page, 'Nurse Joy')
  const lane = page.getByRole('region', { name: 'Infusion' })
  const why = 'Only a physician can start, change, pause, resume or stop the infusion. You are signed in as Nurse Joy (Nurse).'
  const change = lane.getByRole('button', { name: 'Change rate' })
  await expect(change).toBeDisabled()
  await expect(change).toHaveAccessibleDescription(why)
  await expect(lane.getByText(why)).toBeVisible()
  await expect(lane.getByLabel('Rate', { exact: true })).toBeDisabled()
  await expect(lane.getByRole('button', { name: 'Pause infusion' })).toBeDisabled()
  await expect(lane.getByRole('button', { name: 'Stop infusion' })).toBeDisabled()
  // Her own lane works.
  await saveVitals(page, VITALS)
  const before = await eventCount(harness)

  // Not only the screen: the same change sent straight to main is refused, and nothing is written.
  const nurse = await staffId(harness, 'Nurse Joy')
  const doctor = await staffId(harness, 'Dr Grey')
  const rateChange = { type: 'rate_changed' as const, rate: { value: 1, unit: 'mg/kg/h' as const } }
  expect(await harness.call('entries.record', { sessionId: 1, authorId: nurse, entry: rateChange })).toEqual({
    ok: false,
    error: { code: 'FORBIDDEN', message: why }
  })
  const posing = await harness.call('entries.record', { sessionId: 1, authorId: doctor, entry: rateChange })
  expect(posing).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', field: 'authorId' } })
  if (!posing.ok) expect(posing.error.message).toMatch(/^You are signed in as Nurse Joy \(Nurse\)/)
  expect(await eventCount(harness)).toBe(before)
  await expect(readout(page, 'Current rate')).toHaveText('0.75 mg/kg/h · 52.5 mg/h · 52.5 mL/h')

  // The physician, signed in again, can.
  await chooseUser(page, 'Dr Grey')
  await expect(change).toBeEnabled()
  await setRate(page, '0.6', 'mg/kg/h', 'Change rate')
  await expect(readout(page, 'Current rate')).toHaveText('0.6 mg/kg/h · 42 mg/h · 42 mL/h')
})

test('three people switch in turn at one workstation and each entry shows its author', async ({ page }) => {
  await setUpSession(page)
  await chooseUser(page, 'Nurse Joy')
  await expect(signedInAs(page)).toHaveText('Nurse Joy (Nurse)')
  await saveVitals(page, VITALS)
  await chooseUser(page, 'Dr Grey')
  await expect(signedInAs(page)).toHaveText('Dr Grey (Physician)')
  await setRate(page, '0.75', 'mg/kg/h', 'Start infusion')
  await chooseUser(page, 'Theo Rapist')
  await expect(signedInAs(page)).toHaveText('Theo Rapist (Therapist)')
  await saveNote(page, 'Subjective report', 'Feels calm, colours')

  // "Current user" shows who is signed in; picking someone else asks for their PIN first.
  const current = page.getByLabel('Current user')
  await expect(current.locator('option:checked')).toHaveText('Theo Rapist (Therapist)')
  await current.selectOption({ label: 'Nurse Joy (Nurse)' })
  const signIn = page.getByRole('region', { name: 'Sign in', exact: true })
  await expect(signIn.getByLabel('Staff member').locator('option:checked')).toHaveText('Nurse Joy (Nurse)')
  await expect(signIn.getByLabel('PIN', { exact: true })).toBeFocused()
  await expect(signedInAs(page)).toHaveText('Theo Rapist (Therapist)')
  await signIn.getByLabel('PIN', { exact: true }).fill('1111')
  await signIn.getByRole('button', { name: 'Sign in' }).click()
  await expect(signIn.getByText('Wrong PIN.', { exact: true })).toBeVisible()
  await expect(signedInAs(page)).toHaveText('Theo Rapist (Therapist)')
  await page.keyboard.type('2468')
  await page.keyboard.press('Enter')
  await expect(signedInAs(page)).toHaveText('Nurse Joy (Nurse)')
  await saveVitals(page, { ...VITALS, sys: 131 })

  const items = await timelineTexts(page)
  expect(items).toHaveLength(4)
  expect(items[0]).toMatch(/Vitals.*BP 124\/78.*by Nurse Joy \(Nurse\)/)
  expect(items[1]).toMatch(/Infusion started.*by Dr Grey \(Physician\)/)
  expect(items[2]).toMatch(/Feels calm, colours.*by Theo Rapist \(Therapist\)/)
  expect(items[3]).toMatch(/BP 131\/78.*by Nurse Joy \(Nurse\)/)
})

test('the idle lock hides patient data while the running infusion’s timers and alerts stay on screen', async ({ page, harness }) => {
  await setUpSession(page, { idleLockMinutes: null })
  await setRate(page, '0.75', 'mg/kg/h', 'Start infusion')
  await expect(page.getByRole('heading', { name: /Ada Test/ })).toBeVisible()
  // Above the protocol's systolic limit of 180: the console raises the alert before the lock.
  await saveVitals(page, { ...VITALS, sys: 190 })
  const consoleItem = page.getByRole('list', { name: 'Alerts' }).getByRole('listitem').filter({ hasText: 'Systolic 190' })
  await expect(consoleItem).toContainText(/Systolic 190 mmHg at \d\d:\d\d:\d\d is above the limit of 180/)
  const systolic = (await consoleItem.innerText()).match(/Systolic 190 mmHg at \d\d:\d\d:\d\d is above the limit of 180/)![0]

  // Nobody touches the screen; the infusion runs past its planned 35 mg.
  await harness.advanceClock(41 * MIN)
  await expect(page.getByRole('region', { name: 'Screen locked' })).toBeVisible()
  await expectNoPatientData(page)
  const delivered = (min: number) => (52.5 * min) / 60
  // The console's alerts, by session number instead of patient, and nobody can respond to them here.
  const alerts = page.getByRole('list', { name: 'Alerts' })
  const item = (text: string | RegExp) => alerts.getByRole('listitem').filter({ hasText: text })
  await expect(item(`Session 1 · ${systolic}`)).toHaveCount(1)
  await expect(item(/^Warning: Session 1 · The delivered dose reached the planned total of 35\.0 mg at \d\d:\d\d:\d\d with the infusion still running/)).toHaveCount(1)
  // Vitals due every 10 min; last at the start: due at 10, missed at 20, 30 and 40.
  await expect(item(/Session 1 · Vitals overdue since \d\d:\d\d:\d\d, 4 checks missed/)).toHaveCount(1)
  await expect(page.getByText('Sign in to respond.')).toBeVisible()
  await expect(page.getByRole('button', { name: 'Acknowledge' })).toHaveCount(0)
  await expect(page.getByRole('combobox', { name: 'Response' })).toHaveCount(0)
  // Announced on the lock screen too, through a live region that was there before the alerts.
  const announcer = page.getByRole('alert').filter({ hasText: 'New alert' })
  await expect(announcer).toContainText(`Session 1 · ${systolic}`)
  await expect(readout(page, 'Elapsed')).toHaveText('41:00')
  await expect(readout(page, 'Delivered dose')).toHaveText(doseText(delivered(41)))

  await harness.advanceClock(MIN)
  await expect(readout(page, 'Elapsed')).toHaveText('42:00')
  await expect(readout(page, 'Delivered dose')).toHaveText(doseText(delivered(42)))
  await expect(item(`Session 1 · ${systolic}`)).toHaveCount(1)
  await expectNoPatientData(page)

  // Main's clock raises the next missed check while locked, and the live region announces it.
  await harness.advanceClock(9 * MIN)
  await expect(readout(page, 'Elapsed')).toHaveText('51:00')
  await expect(item(/Session 1 · Vitals overdue since \d\d:\d\d:\d\d, 5 checks missed/)).toHaveCount(1)
  await expect(item(`Session 1 · ${systolic}`)).toHaveCount(1)
  await expect(announcer).toHaveText(/^New alert: Session 1 · Vitals overdue since \d\d:\d\d:\d\d, 5 checks missed/)
  await expect(alerts).not.toContainText('Ada Test')
  await expect(alerts).not.toContainText('P-001')
  await expectNoPatientData(page)

  // Locked means locked in main too: nothing can be written behind the lock screen.
  const doctor = await staffId(harness, 'Dr Grey')
  const r = await harness.call('entries.record', { sessionId: 1, authorId: doctor, entry: { type: 'infusion_stopped' } })
  expect(r).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  if (!r.ok) expect(r.error.message).toMatch(/screen is locked/)

  // The physician unlocks (their name is already picked) and stops the infusion.
  const signIn = page.getByRole('region', { name: 'Sign in', exact: true })
  await expect(signIn.getByLabel('Staff member').locator('option:checked')).toHaveText('Dr Grey (Physician)')
  await signIn.getByLabel('PIN', { exact: true }).fill('2468')
  await signIn.getByRole('button', { name: 'Sign in' }).click()
  await expect(page.getByRole('heading', { name: /Ada Test/ })).toBeVisible()
  await stopInfusion(page)
  await expect(readout(page, 'Phase')).toHaveText('Recovery')

  // Lock screen by hand: hidden at once, until someone signs in; the unanswered alert is still there.
  await page.getByRole('button', { name: 'Lock screen' }).click()
  await expect(page.getByRole('region', { name: 'Screen locked' })).toBeVisible()
  await expect(item(`Session 1 · ${systolic}`)).toHaveCount(1)
  await expectNoPatientData(page)
  await chooseUser(page, 'Nurse Joy')
  await expect(page.getByRole('heading', { name: /Ada Test/ })).toBeVisible()

  // Signed out, the same.
  await page.getByRole('button', { name: 'Sign out' }).click()
  await expect(page.getByRole('region', { name: 'Signed out' })).toBeVisible()
  await expect(item(`Session 1 · ${systolic}`)).toHaveCount(1)
  await expect(page.getByRole('button', { name: 'Acknowledge' })).toHaveCount(0)
  await expectNoPatientData(page)
})

async function expectNoPatientData(page: Page) {
  await expect(page.getByText('Ada Test')).toHaveCount(0)
  await expect(page.getByText('P-001')).toHaveCount(0)
  await expect(page.getByRole('list', { name: 'Timeline' })).toHaveCount(0)
  await expect(page.getByRole('region', { name: 'Vitals', exact: true })).toHaveCount(0)
  await expect(signedInAs(page)).toHaveCount(0)
}

/** Baseline vitals, a 40-minute infusion, 30 minutes' recovery, the end. */
async function runSessionToEnd(page: Page, harness: Harness) {
  await setUpSession(page)
  await chooseUser(page, 'Nurse Joy')
  await saveVitals(page, VITALS)
  await chooseUser(page, 'Dr Grey')
  await setRate(page, '0.75', 'mg/kg/h', 'Start infusion')
  await harness.advanceClock(40 * MIN)
  await stopInfusion(page)
  await expect(readout(page, 'Phase')).toHaveText('Recovery')
  await harness.advanceClock(30 * MIN)
  await endSession(page, { withoutDischarge: END_REASON })
}

test('a physician signs off; a later entry becomes an addendum; the Audit view shows it all', async ({ page, harness }) => {
  await runSessionToEnd(page, harness)
  await expect(page.getByRole('status').filter({ hasText: 'Record intact' })).toBeVisible()

  // Only a physician can sign.
  await chooseUser(page, 'Nurse Joy')
  const signOff = page.getByRole('region', { name: 'Sign-off' })
  const sign = signOff.getByRole('button', { name: 'Sign off record' })
  await expect(sign).toBeDisabled()
  await expect(sign).toHaveAccessibleDescription('Only a physician can sign off a session record. You are signed in as Nurse Joy (Nurse).')

  await chooseUser(page, 'Dr Grey')
  await expect(signOff).toContainText('I have reviewed this record and it is complete')
  await signOff.getByLabel('PIN', { exact: true }).fill('9999')
  await sign.click()
  await expect(signOff.getByText(/^Wrong PIN\./)).toBeVisible()
  await signOff.getByLabel('PIN', { exact: true }).fill('2468')
  await sign.click()
  await expect(signOff).toContainText(/Signed off by Dr Grey \(Physician\) at \d\d:\d\d:\d\d: “I have reviewed this record and it is complete”/)

  // The record is locked: what comes now is an addendum, with author and reason.
  await harness.advanceClock(10 * MIN)
  await chooseUser(page, 'Nurse Joy')
  const addendum = page.getByRole('region', { name: 'Addendum' })
  const notes = page.getByRole('region', { name: 'Notes' })
  await notes.getByLabel('Note type').selectOption({ label: 'Observation' })
  await notes.getByLabel('Note', { exact: true }).fill('Left with her escort, steady on her feet')
  await notes.getByRole('button', { name: 'Save note' }).click()
  await expect(addendum.getByText('Give the reason for this addendum')).toBeVisible()
  await addendum.getByLabel('Addendum reason').fill('Discharge was not documented')
  await notes.getByRole('button', { name: 'Save note' }).click()
  await expect(notes.getByLabel('Note', { exact: true })).toHaveValue('')
  const items = await timelineTexts(page)
  const last = items.at(-1)!
  expect(last).toContain('Left with her escort')
  expect(last).toContain('Addendum')
  expect(last).toMatch(/Addendum by Nurse Joy \(Nurse\) at \d\d:\d\d:\d\d: Discharge was not documented/)

  // Sending an ordinary entry straight to main is refused too.
  const nurse = await staffId(harness, 'Nurse Joy')
  const plain = await harness.call('entries.record', { sessionId: 1, authorId: nurse, entry: { type: 'note', note: { noteType: 'other', text: 'x' } } })
  expect(plain).toMatchObject({ ok: false, error: { code: 'INVALID_STATE', field: 'addendumReason' } })

  // The Audit view: the whole history, filterable by person and kind.
  await page.getByRole('button', { name: 'Audit trail' }).click()
  const audit = page.getByRole('region', { name: 'Audit' })
  await expect(audit.getByText('Record intact')).toBeVisible()
  await expect(audit.getByText('Audit log intact')).toBeVisible()
  const rows = audit.getByRole('table', { name: 'Audit entries' }).getByRole('row')
  const row = (text: string | RegExp) => rows.filter({ hasText: text })
  await expect(row('Infusion started')).toContainText('Dr Grey (Physician)')
  await expect(row('Record signed off')).toContainText('Signed off entries #1–#4')
  await expect(row('Wrong PIN when signing off')).toContainText('Dr Grey (Physician)')
  await expect(row('Addendum: Note')).toContainText('Nurse Joy (Nurse)')
  await expect(row('Addendum: Note')).toContainText('Reason for addendum: Discharge was not documented')
  await expect(row('Addendum: Note')).toContainText('#5')
  await expect(row(/Signed in, taking over from Dr Grey/).first()).toContainText('Nurse Joy (Nurse)')

  await audit.getByLabel('Person').selectOption({ label: 'Nurse Joy (Nurse)' })
  // What she did, and what was done about her (she was added a moment before the session opened).
  const body = audit.getByRole('table', { name: 'Audit entries' }).locator('tbody tr')
  await expect(body.filter({ hasNotText: 'Nurse Joy (Nurse)' })).toHaveCount(0)
  expect(await body.count()).toBeGreaterThanOrEqual(4)
  await audit.getByLabel('Kind').selectOption({ label: 'Addenda' })
  await expect(rows).toHaveCount(2) // the header row and the one addendum
  await audit.getByLabel('Person').selectOption({ label: 'Everyone' })
  await audit.getByLabel('Kind').selectOption({ label: 'Sign-off' })
  await expect(rows).toHaveCount(2)
  await expect(rows.nth(1)).toContainText('Dr Grey (Physician)')
})

test('an entry changed in the database file behind the app’s back is named when the record is opened', async ({ page, harness }) => {
  await runSessionToEnd(page, harness)
  await expect(page.getByRole('status').filter({ hasText: 'Record intact' })).toBeVisible()

  // Someone with the file lowers the baseline blood pressure (entry #1), disabling the app's guard to do it.
  const raw = new Database(harness.dbPath)
  raw.exec('DROP TRIGGER events_refuse_update')
  raw.prepare(`UPDATE events SET payload = json_set(payload, '$.vitals.systolic', 112) WHERE session_id = 1 AND seq = 1`).run()
  raw.close()

  await page.reload()
  await chooseUser(page, 'Dr Grey')
  await page.getByRole('region', { name: 'Patients' }).getByRole('button', { name: 'Ada Test' }).click()
  await page.getByRole('region', { name: 'Course' }).getByRole('button').first().click()
  await expect(page.getByRole('alert').filter({ hasText: 'Record not intact' })).toHaveText(
    'Record not intact: entry #1 was changed after it was recorded. Do not rely on this record; call support.'
  )
  await page.getByRole('button', { name: 'Audit trail' }).click()
  const audit = page.getByRole('region', { name: 'Audit' })
  await expect(audit.getByRole('alert')).toContainText('entry #1 was changed after it was recorded')
  await expect(audit.getByRole('row').filter({ hasText: 'Integrity check failed' }).first()).toContainText('entry #1 was changed after it was recorded')
})
