/**
 * Clock trouble: the computer's clock changed during a session (see shared/domain/clockJump.ts
 * for the policy). The order of the timeline and the delivered dose stay right, and the record
 * says what happened to the clock.
 */
import { expect, test } from './fixtures'
import { chooseUser, readout, saveNote, saveVitals, setRate, setUpSession, timelineTexts, stopInfusion, doseText } from './steps'

const MIN = 60_000
const HOUR = 60 * MIN
/** Independent of the app's code: 0.75 mg/kg/h for 70 kg is 52.5 mg/h. */
const doseAfter = (minutes: number) => {
  const mg = (52.5 * minutes) / 60
  return doseText(mg)
}
const kindsOf = (texts: string[]) =>
  texts.map((t) => /(Infusion started|Infusion stopped|Vitals|Note)/.exec(t)?.[1])
const elapsedOf = (texts: string[]) => texts.map((t) => /T[+-]\d\d:\d\d/.exec(t)?.[0])

test('the clock moved back an hour, then forward two: timers, dose and order stay right, and both changes are noted', async ({ page, harness }) => {
  await setUpSession(page)
  await setRate(page, '0.75', 'mg/kg/h', 'Start infusion')
  await expect(readout(page, 'Phase')).toHaveText('Infusion')
  await harness.advanceClock(10 * MIN)
  await saveVitals(page, { sys: 130, dia: 82, hr: 76, spo2: 97, rr: 14 })

  await harness.jumpClock(-HOUR)
  await harness.advanceClock(5 * MIN)
  await expect(readout(page, 'Elapsed')).toHaveText('15:00')
  await expect(readout(page, 'Delivered dose')).toHaveText(doseAfter(15))
  await saveNote(page, 'Observation', 'Settled after the clock change')
  const notes = page.getByRole('region', { name: 'Clock changes' })
  await expect(notes).toContainText("The computer's clock was moved back by 1 h")

  await harness.jumpClock(2 * HOUR)
  await harness.advanceClock(5 * MIN)
  await expect(readout(page, 'Elapsed')).toHaveText('20:00')
  await stopInfusion(page)
  await expect(readout(page, 'Phase')).toHaveText('Recovery')
  await expect(notes).toContainText('moved forward by 2 h')
  await harness.advanceClock(10 * MIN)
  await expect(readout(page, 'Delivered dose')).toHaveText(doseAfter(20))

  const texts = await timelineTexts(page)
  expect(kindsOf(texts)).toEqual(['Infusion started', 'Vitals', 'Note', 'Infusion stopped'])
  expect(elapsedOf(texts)).toEqual(['T+00:00', 'T+10:00', 'T+15:00', 'T+20:00'])

  // The notes are part of the record: they are there after a restart, with the same figures.
  await harness.kill('SIGKILL')
  await harness.restart()
  await page.goto(harness.url)
  // A fresh start: nobody is signed in; once someone is, the open session comes back.
  await chooseUser(page, 'Dr Grey')
  await expect(readout(page, 'Delivered dose')).toHaveText(doseAfter(20))
  await expect(page.getByRole('region', { name: 'Clock changes' }).getByRole('listitem')).toHaveCount(2)
})

test('the clock was set back an hour while the app was closed: the record carries on from its last entry and says so', async ({ page, harness }) => {
  await setUpSession(page)
  await setRate(page, '0.75', 'mg/kg/h', 'Start infusion')
  await expect(readout(page, 'Phase')).toHaveText('Infusion')
  await harness.advanceClock(10 * MIN)
  await saveVitals(page, { sys: 130, dia: 82, hr: 76, spo2: 97, rr: 14 })
  const closedAt = await harness.now()

  await harness.kill('SIGKILL')
  await harness.restart({ clockStart: closedAt - HOUR })
  await page.goto(harness.url)
  // A fresh start: nobody is signed in; once someone is, the open session comes back.
  await chooseUser(page, 'Dr Grey')
  // Never less than what the record already holds: the dose up to the last entry.
  await expect(readout(page, 'Delivered dose')).toHaveText(doseAfter(10))
  await harness.advanceClock(5 * MIN)
  await expect(readout(page, 'Elapsed')).toHaveText('15:00')
  await expect(readout(page, 'Delivered dose')).toHaveText(doseAfter(15))
  await stopInfusion(page)
  await expect(readout(page, 'Phase')).toHaveText('Recovery')
  await expect(page.getByRole('region', { name: 'Clock changes' })).toContainText('moved back by 1 h')
  const texts = await timelineTexts(page)
  expect(kindsOf(texts)).toEqual(['Infusion started', 'Vitals', 'Infusion stopped'])
  expect(elapsedOf(texts)).toEqual(['T+00:00', 'T+10:00', 'T+15:00'])
})
