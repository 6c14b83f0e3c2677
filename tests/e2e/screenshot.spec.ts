/**
 * The README's picture of the console mid-session, taken against the harness like any test.
 * Runs only when asked: `npm run screenshot` (SCREENSHOT_DIR=docs).
 */
import { test } from './fixtures'
import { chooseUser, saveNote, saveVitals, setRate, setUpSession } from './steps'

const MIN = 60_000
const dir = process.env['SCREENSHOT_DIR']

test('console in the middle of a session', async ({ page, harness }) => {
  test.skip(!dir, 'Set SCREENSHOT_DIR to write the README screenshot')
  await setUpSession(page)
  await chooseUser(page, 'Nurse Joy')
  await saveVitals(page, { sys: 122, dia: 78, hr: 72, spo2: 99, rr: 14 })
  await chooseUser(page, 'Dr Grey')
  await setRate(page, '0.75', 'mg/kg/h', 'Start infusion')
  const readings = [
    [128, 80, 74, 98],
    [134, 84, 78, 98],
    [141, 88, 82, 97],
    [146, 90, 84, 97],
    [139, 86, 80, 98]
  ]
  for (const [i, [sys, dia, hr, spo2]] of readings.entries()) {
    await harness.advanceClock(5 * MIN)
    await chooseUser(page, 'Nurse Joy')
    await saveVitals(page, { sys: sys!, dia: dia!, hr: hr!, spo2: spo2!, rr: 14 })
    if (i === 1) {
      await chooseUser(page, 'Theo Rapist')
      await saveNote(page, 'Subjective report', 'Colours, feels like floating; calm')
    }
    if (i === 2) {
      await chooseUser(page, 'Dr Grey')
      await setRate(page, '0.6', 'mg/kg/h', 'Change rate')
    }
  }
  await harness.advanceClock(2 * MIN)
  await page.waitForTimeout(1200)
  // A common clinical workstation's screen, and a full-HD one.
  for (const [name, viewport] of [
    ['console.png', { width: 1366, height: 768 }],
    ['console-1920.png', { width: 1920, height: 1080 }]
  ] as const) {
    await page.setViewportSize(viewport)
    await page.evaluate('window.scrollTo(0, 0)')
    await page.screenshot({ path: `${dir}/${name}`, fullPage: false })
  }
})
