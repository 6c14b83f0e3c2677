import { expect, test } from './fixtures'
import { chooseUser, readout, saveNote, saveVitals, setRate, setUpSession, timelineTexts, endSession, END_REASON, stopInfusion, doseText } from './steps'

const MIN = 60_000

/** Independent of the app's code: mg delivered by each constant-rate stretch, summed by hand. */
const mg = (mgPerHour: number, minutes: number) => (mgPerHour * minutes) / 60

test('a whole session on the manual clock: rates, a pause, vitals, notes, stop, recovery and end', async ({ page, harness }) => {
  await setUpSession(page)

  // Baseline vitals by the nurse, keyboard first: Enter saves and focus returns to Systolic.
  await chooseUser(page, 'Nurse Joy')
  const vitals = page.getByRole('region', { name: 'Vitals', exact: true })
  await vitals.getByLabel('Systolic').fill('124')
  await page.keyboard.press('Tab')
  await page.keyboard.type('78')
  await page.keyboard.press('Tab')
  await page.keyboard.type('72')
  await page.keyboard.press('Tab')
  await page.keyboard.type('98')
  await page.keyboard.press('Tab')
  await page.keyboard.type('14')
  await page.keyboard.press('Enter')
  await expect(vitals.getByLabel('Systolic')).toBeFocused()
  await expect(vitals.getByLabel('Systolic')).toHaveValue('')

  await chooseUser(page, 'Dr Grey')
  await setRate(page, '0.75', 'mg/kg/h', 'Start infusion')
  await expect(readout(page, 'Phase')).toHaveText('Infusion')
  await expect(readout(page, 'Current rate')).toHaveText('0.75 mg/kg/h · 52.5 mg/h · 52.5 mL/h')
  let expected = 0

  await harness.advanceClock(10 * MIN)
  expected += mg(52.5, 10)
  await expect(readout(page, 'Elapsed')).toHaveText('10:00')
  await expect(readout(page, 'Delivered dose')).toHaveText(doseText(expected))
  await chooseUser(page, 'Nurse Joy')
  await saveVitals(page, { sys: 138, dia: 86, hr: 80, spo2: 97, rr: 14 })

  await chooseUser(page, 'Dr Grey')
  await setRate(page, '45', 'mg/h', 'Change rate')
  await expect(readout(page, 'Current rate')).toHaveText('0.64 mg/kg/h · 45 mg/h · 45 mL/h')
  await harness.advanceClock(5 * MIN)
  expected += mg(45, 5)

  const infusion = page.getByRole('region', { name: 'Infusion' })
  await infusion.getByLabel('Reason').fill('Nausea')
  await infusion.getByRole('button', { name: 'Pause infusion' }).click()
  await expect(readout(page, 'Current rate')).toContainText('Paused')
  await chooseUser(page, 'Theo Rapist')
  await saveNote(page, 'Adverse event', 'Nauseated, no vomiting')
  await harness.advanceClock(3 * MIN)
  // Paused time delivers nothing.
  await expect(readout(page, 'Delivered dose')).toHaveText(doseText(expected))

  await chooseUser(page, 'Dr Grey')
  await infusion.getByRole('button', { name: 'Resume infusion' }).click()
  await expect(readout(page, 'Current rate')).toHaveText('0.64 mg/kg/h · 45 mg/h · 45 mL/h')
  await harness.advanceClock(10 * MIN)
  expected += mg(45, 10)
  await chooseUser(page, 'Theo Rapist')
  const notes = page.getByRole('region', { name: 'Notes' })
  await notes.getByLabel('Note type').selectOption({ label: 'Subjective report' })
  await notes.getByLabel('Note', { exact: true }).fill('Feels floaty, calm')
  await notes.getByLabel('Intensity (0–10)').fill('6')
  await notes.getByLabel('Intensity of').selectOption('dissociation')
  await notes.getByRole('button', { name: 'Save note' }).click()
  await expect(notes.getByLabel('Note', { exact: true })).toHaveValue('')

  await chooseUser(page, 'Dr Grey')
  await setRate(page, '35', 'mL/h', 'Change rate')
  await expect(readout(page, 'Current rate')).toHaveText('0.5 mg/kg/h · 35 mg/h · 35 mL/h')
  await harness.advanceClock(8 * MIN)
  expected += mg(35, 8)
  await stopInfusion(page)
  await expect(readout(page, 'Phase')).toHaveText('Recovery')
  await expect(readout(page, 'Current rate')).toHaveText('0 mg/kg/h · 0 mg/h · 0 mL/h')

  await harness.advanceClock(15 * MIN)
  await expect(readout(page, 'Recovery time')).toHaveText('15:00')
  // Stopped: the dose no longer grows.
  const stoppedDose = doseText(expected)
  await expect(readout(page, 'Delivered dose')).toHaveText(stoppedDose)
  await expect(readout(page, 'Percent delivered')).toHaveText(`${((expected / 35) * 100).toFixed(0)}%`)
  await chooseUser(page, 'Nurse Joy')
  await saveVitals(page, { sys: 126, dia: 80, hr: 74, spo2: 98, rr: 14 })

  await chooseUser(page, 'Dr Grey')
  await endSession(page, { withoutDischarge: END_REASON })
  await harness.advanceClock(30 * MIN)
  await page.waitForTimeout(1200)
  await expect(readout(page, 'Delivered dose')).toHaveText(stoppedDose)

  const items = await timelineTexts(page)
  const kinds = items.map((t) => /(Infusion started|Rate changed|Infusion paused|Infusion resumed|Infusion stopped|Session ended|Vitals|Note)/.exec(t)?.[1])
  expect(kinds).toEqual([
    'Vitals',
    'Infusion started',
    'Vitals',
    'Rate changed',
    'Infusion paused',
    'Note',
    'Infusion resumed',
    'Note',
    'Rate changed',
    'Infusion stopped',
    'Vitals',
    'Session ended'
  ])
  expect(items[0]).toContain('BP 124/78')
  expect(items[0]).toContain('Nurse Joy (Nurse)')
  expect(items[1]).toMatch(/T\+00:00/)
  expect(items[2]).toMatch(/T\+10:00.*BP 138\/86 · HR 80 · SpO2 97% · RR 14.*Nurse Joy/)
  expect(items[4]).toMatch(/T\+15:00.*Reason: Nausea.*Dr Grey \(Physician\)/)
  expect(items[5]).toMatch(/Adverse event · Nauseated, no vomiting.*Theo Rapist \(Therapist\)/)
  expect(items[7]).toContain('dissociation 6/10')
  expect(items[9]).toMatch(/T\+36:00/)

  // The stored record agrees with the screen.
  const record = await harness.call('sessions.get', { sessionId: 1 })
  expect(record.ok && record.value.events.length).toBe(12)
})

test('bad input is refused at the field and nothing is saved', async ({ page, harness }) => {
  await setUpSession(page)
  const vitals = page.getByRole('region', { name: 'Vitals', exact: true })
  await vitals.getByLabel('Systolic').fill('120')
  await vitals.getByLabel('Diastolic').fill('130')
  await vitals.getByLabel('Heart rate').fill('400')
  await vitals.getByLabel('SpO2').fill('abc')
  await vitals.getByLabel('Respiratory rate').fill('14')
  await vitals.getByRole('button', { name: 'Save vitals' }).click()
  await expect(vitals.getByText('Diastolic must be below systolic')).toBeVisible()
  await expect(vitals.getByText('Heart rate must be a whole number from 20 to 250 bpm')).toBeVisible()
  await expect(vitals.getByText('SpO2 must be a number')).toBeVisible()
  // What the nurse typed stays on screen to fix.
  await expect(vitals.getByLabel('Heart rate')).toHaveValue('400')

  // A clinical time in the future is refused at the Time field.
  const now = new Date(await harness.now())
  const later = new Date(now.getTime() + 30 * MIN)
  const hhmm = `${String(later.getHours()).padStart(2, '0')}:${String(later.getMinutes()).padStart(2, '0')}`
  await page.getByLabel('Time', { exact: true }).fill(hhmm)
  await saveNoteExpectingError(page)
  await expect(page.getByText('Time cannot be in the future')).toBeVisible()

  // A rate ten times the plan is refused with a message next to Rate.
  await page.getByLabel('Time', { exact: true }).fill('')
  await setRate(page, '600', 'mg/h', 'Start infusion')
  await expect(page.getByRole('region', { name: 'Infusion', exact: true }).getByText(/more than 10 times the planned rate/)).toBeVisible()

  const record = await harness.call('sessions.get', { sessionId: 1 })
  expect(record.ok && record.value.events.length).toBe(0)
})

async function saveNoteExpectingError(page: import('@playwright/test').Page) {
  const lane = page.getByRole('region', { name: 'Notes' })
  await lane.getByLabel('Note type').selectOption({ label: 'Observation' })
  await lane.getByLabel('Note', { exact: true }).fill('Resting quietly')
  await lane.getByRole('button', { name: 'Save note' }).click()
}

test('a rate that would pass the planned total needs an explicit confirmation', async ({ page, harness }) => {
  await setUpSession(page)
  await setRate(page, '0.75', 'mg/kg/h', 'Start infusion')
  await harness.advanceClock(20 * MIN)
  const infusion = page.getByRole('region', { name: 'Infusion' })
  await infusion.getByLabel('Rate', { exact: true }).fill('1.5')
  await expect(infusion.getByRole('alert').first()).toContainText('passes the planned total of 35.0 mg')
  await infusion.getByRole('button', { name: 'Change rate' }).click()
  await expect(readout(page, 'Current rate')).toHaveText('0.75 mg/kg/h · 52.5 mg/h · 52.5 mL/h')
  await infusion.getByLabel('Confirm rate above plan').check()
  await infusion.getByRole('button', { name: 'Change rate' }).click()
  await expect(readout(page, 'Current rate')).toHaveText('1.5 mg/kg/h · 105 mg/h · 105 mL/h')
})
