import { expect, test } from './fixtures'
import { chooseUser, readout, saveNote, saveVitals, setRate, setUpSession, timelineTexts } from './steps'

const MIN = 60_000

test('after a SIGKILL mid-session the console reopens with every saved entry and the right timers', async ({ page, harness }) => {
  await setUpSession(page)
  await saveVitals(page, { sys: 120, dia: 80, hr: 70, spo2: 98, rr: 14 })
  await setRate(page, '0.75', 'mg/kg/h', 'Start infusion')
  await harness.advanceClock(12 * MIN)
  await saveVitals(page, { sys: 134, dia: 84, hr: 78, spo2: 97, rr: 15 })
  await saveNote(page, 'Observation', 'Eyes closed, settled')
  await expect(readout(page, 'Delivered dose')).toHaveText('10.5 mg · 0.15 mg/kg')
  const before = await timelineTexts(page)
  expect(before).toHaveLength(4)

  const killed = await harness.kill('SIGKILL')
  expect(killed.signal).toBe('SIGKILL')
  await harness.restart()
  await harness.advanceClock(3 * MIN)

  // A fresh start of the app: nobody is signed in any more; once someone is, it goes straight back to the open session.
  await page.goto(harness.url)
  await chooseUser(page, 'Dr Grey')
  await expect(readout(page, 'Phase')).toHaveText('Infusion')
  await expect(readout(page, 'Elapsed')).toHaveText('15:00')
  await expect(readout(page, 'Delivered dose')).toHaveText('13.1 mg · 0.19 mg/kg')
  expect(await timelineTexts(page)).toEqual(before)
})
