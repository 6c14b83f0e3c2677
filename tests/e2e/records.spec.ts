/**
 * The record leaving the room, end to end: the printed report (to PDF in Chromium, text extracted with unpdf), the
 * exports as downloads, the patient's course, and backups: Back up now, a refused restore, and
 * recovery from a database corrupted on purpose.
 */
import type { Page } from '@playwright/test'
import { spawnSync } from 'node:child_process'
import { closeSync, openSync, readFileSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { extractText, getDocumentProxy } from 'unpdf'
import type { PrintableDocument } from '../../src/shared/records-out/reportHtml'
import { corruptPages, corruptUnreadPart } from '../support/corrupt'
import { expect, test, type Harness } from './fixtures'
import { ADMIN_NAME, addPatient, chooseUser, pinOf, readout, saveNote, saveVitals, setRate, setUpSession, endSession, stopInfusion } from './steps'

const MIN = 60_000
const screenshotDir = process.env['SCREENSHOT_DIR']

/** PHQ-9 answers (0-3 each): 2+2+1+1+1+1+1+1+0 = 10 (moderate) before, 1+1+1+1+0+0+1+0+0 = 5 (mild) after. */
const PHQ9_BEFORE = [2, 2, 1, 1, 1, 1, 1, 1, 0]
const PHQ9_AFTER = [1, 1, 1, 1, 0, 0, 1, 0, 0]

async function savePhq9(page: Page, timing: 'before' | 'after', answers: number[]) {
  const lane = page.getByRole('region', { name: 'Scales' })
  await lane.getByLabel('Scale', { exact: true }).selectOption({ label: 'PHQ-9' })
  await lane.getByLabel('When').selectOption({ label: timing === 'before' ? 'Before the session' : 'After the session' })
  for (const [i, a] of answers.entries()) await lane.getByLabel(new RegExp(`^${i + 1}\\. `)).selectOption({ value: String(a) })
  await lane.getByRole('button', { name: 'Save scale' }).click()
  const total = answers.reduce((x, y) => x + y, 0)
  await expect(lane.getByText(new RegExp(`^Saved: PHQ-9 \\(${timing}\\) ${total}/27`))).toBeVisible()
}

/**
 * A short full session through the UI: PHQ-9 before, vitals, a heart rate over the limit whose
 * alert is acknowledged, a correction with a reason, the stop, vitals left overdue in recovery,
 * a discharge with a physician's override (recovery shorter than the protocol's 60 min), PHQ-9
 * after, the end, and the physician's sign-off.
 */
async function scriptedSession(page: Page, harness: Harness) {
  await savePhq9(page, 'before', PHQ9_BEFORE)
  await saveVitals(page, { sys: 122, dia: 78, hr: 72, spo2: 99, rr: 14 })
  await setRate(page, '0.75', 'mg/kg/h', 'Start infusion')
  const readings = [
    [128, 80, 74, 98, 14],
    [134, 84, 78, 98, 15],
    [141, 88, 126, 97, 16],
    [146, 90, 84, 97, 15],
    [139, 86, 80, 98, 14]
  ] as const
  for (const [sys, dia, hr, spo2, rr] of readings) {
    await harness.advanceClock(8 * MIN)
    await saveVitals(page, { sys, dia, hr, spo2, rr })
    if (hr > 120) {
      // The reference limit for heart rate is 120.
      const alert = page.getByRole('list', { name: 'Alerts' }).getByRole('listitem').filter({ hasText: 'Heart rate 126' })
      await alert.getByLabel('Response').selectOption({ label: 'Recheck vitals' })
      await alert.getByRole('button', { name: 'Acknowledge' }).click()
      await expect(alert).toHaveCount(0)
    }
  }
  await saveNote(page, 'Subjective report', 'Colours, "floating", calm')
  const list = page.getByRole('list', { name: 'Timeline' })
  const wrong = list.getByRole('listitem').filter({ hasText: 'BP 146/90' })
  await wrong.getByRole('button', { name: 'Correct' }).click()
  const panel = page.getByRole('region', { name: 'Correct entry' })
  await panel.getByLabel('Systolic').fill('145')
  await panel.getByLabel('Reason').fill('Misread the monitor')
  await panel.getByRole('button', { name: 'Save correction' }).click()
  await expect(panel).toBeHidden()
  await stopInfusion(page)
  await harness.advanceClock(20 * MIN)
  await saveVitals(page, { sys: 124, dia: 80, hr: 74, spo2: 99, rr: 14 })

  const discharge = page.getByRole('region', { name: 'Discharge' })
  for (const item of ['Activity', 'Respiration', 'Circulation', 'Consciousness', 'Oxygen saturation'])
    await discharge.getByLabel(item, { exact: true }).selectOption({ value: '2' })
  await discharge.getByLabel('Escort present').check()
  await discharge.getByLabel('No-driving advice given').check()
  await discharge.getByLabel("Patient's own report").fill('Feels calm and clear')
  await discharge.getByRole('button', { name: 'Discharge' }).click()
  await expect(discharge.getByRole('alert')).toContainText('shorter than the protocol')
  await discharge.getByLabel('Reason').fill('Transport booked; stable, escort present')
  await discharge.getByRole('button', { name: 'Override' }).click()
  await expect(discharge.getByText(/Discharged at/)).toBeVisible()
  await savePhq9(page, 'after', PHQ9_AFTER)

  await endSession(page)
  const signOff = page.getByRole('region', { name: 'Sign-off' })
  await signOff.getByLabel('PIN', { exact: true }).fill(pinOf('Dr Grey'))
  await signOff.getByRole('button', { name: 'Sign off record' }).click()
  await expect(signOff).toContainText(/Signed off by Dr Grey \(Physician\)/)
}

test('the report of a scripted session prints to PDF with the dose, every vitals row, the corrections, alerts, scales, discharge and sign-off, and the patient on every page', async ({ page, harness }) => {
  test.slow()
  await setUpSession(page)
  await scriptedSession(page, harness)
  // 40 minutes at 52.5 mg/h = 35 mg (the infusion ran from the start to the stop after 5 x 8 min).
  await expect(readout(page, 'Delivered dose')).toHaveText('35 mg · 0.5 mg/kg')

  const popupOpened = page.waitForEvent('popup')
  await page.getByRole('button', { name: 'Print report' }).click()
  const view = await popupOpened
  await expect(view.getByRole('heading', { name: 'Ketamine session report' })).toBeVisible()
  // The same header and footer templates the app hands to Electron's printToPDF.
  const doc = await harness.call('reports.document', { sessionId: 1 })
  if (!doc.ok) throw new Error(doc.error.message)
  const d: PrintableDocument = doc.value
  const mm = (n: number) => `${n}mm`
  const pdf = await view.pdf({
    format: d.page.format,
    printBackground: true,
    displayHeaderFooter: true,
    headerTemplate: d.headerTemplate,
    footerTemplate: d.footerTemplate,
    margin: { top: mm(d.page.marginsMm.top), bottom: mm(d.page.marginsMm.bottom), left: mm(d.page.marginsMm.left), right: mm(d.page.marginsMm.right) }
  })
  const { totalPages, text } = await extractText(await getDocumentProxy(new Uint8Array(pdf)), { mergePages: false })
  const pages = text.map((t) => t.replace(/\s+/g, ' '))
  const all = pages.join(' ')
  expect(totalPages).toBeGreaterThanOrEqual(2)
  pages.forEach((p, i) => {
    expect(p, `page ${i + 1}`).toContain('P-001')
    expect(p, `page ${i + 1}`).toContain(`Page ${i + 1} of ${totalPages}`)
  })
  expect(all).toContain('Delivered dose: 35.0 mg (0.50 mg/kg)')
  for (const bp of ['122/78', '128/80', '134/84', '141/88', '145/90', '139/86', '124/80']) expect(all).toContain(bp)
  expect(all).toContain('Misread the monitor')
  expect(all).toMatch(/BP 146\/90/)
  expect(all).toContain('Dr Grey')
  // Alerts and the response given, the one nobody acknowledged (vitals due 15 min into recovery, taken at 20).
  expect(all).toContain('Alerts and responses')
  expect(all).toContain('2 alerts raised: 1 acknowledged, 1 NOT ACKNOWLEDGED.')
  expect(all).toMatch(/Heart rate 126 bpm at \d\d:\d\d:\d\d is above the limit of 120/)
  expect(all).toMatch(/Recheck vitals, by Dr Grey \(physician\)/)
  expect(all).toMatch(/Ended \d\d:\d\d:\d\d: vitals recorded/)
  // The start's override, the scales, the discharge.
  expect(all).toContain('PHYSICIAN OVERRIDE')
  expect(all).toContain('Checks done on paper (test flow)')
  expect(all).toMatch(/PHQ-9 10 \(moderate\) 5 \(mild\) -5/)
  expect(all).toMatch(/PHQ-9 \(before\) 10\/27 moderate 2 2 1 1 1 1 1 1 0/)
  expect(all).toContain('Recovery and discharge')
  expect(all).toContain('Modified Aldrete total 10/10 (minimum 9)')
  expect(all).toContain('No-driving advice given Yes')
  expect(all).toContain('Feels calm and clear')
  expect(all).toContain('Transport booked; stable, escort present')
  // Signed, and intact.
  expect(all).toMatch(/Signed off by Dr Grey \(physician\)/)
  expect(all).toContain('“I have reviewed this record and it is complete”')
  expect(all).toContain('Record intact')
  if (screenshotDir) {
    // The README's picture: the first PDF page where poppler is installed, else the print view.
    const pdfPath = join(screenshotDir, 'report.pdf')
    writeFileSync(pdfPath, pdf)
    const png = spawnSync('pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '1', '-singlefile', pdfPath, join(screenshotDir, 'report')])
    if (png.status !== 0) {
      await view.setViewportSize({ width: 900, height: 1270 })
      await view.screenshot({ path: join(screenshotDir, 'report.png') })
    }
    rmSync(pdfPath)
  }
})

test('FHIR and CSV exports are offered as downloads', async ({ page, harness }) => {
  await setUpSession(page)
  await saveVitals(page, { sys: 122, dia: 78, hr: 72, spo2: 99, rr: 14 })
  await saveNote(page, 'Observation', 'Calm, said "fine", asked for water')
  await harness.advanceClock(MIN)

  const fhirDownload = page.waitForEvent('download')
  await page.getByRole('button', { name: 'Export FHIR' }).click()
  const fhir = await fhirDownload
  expect(fhir.suggestedFilename()).toMatch(/^P-001-session-1-.*\.fhir\.json$/)
  const bundle = JSON.parse(readFileSync(await fhir.path(), 'utf8')) as { resourceType: string; type: string; entry: { resource: { resourceType: string } }[] }
  expect(bundle).toMatchObject({ resourceType: 'Bundle', type: 'collection' })
  // One vitals set: blood pressure, heart rate, SpO2, respiratory rate, and the panel grouping them.
  expect(bundle.entry.filter((e) => e.resource.resourceType === 'Observation').length).toBe(5)

  const csvDownload = page.waitForEvent('download')
  await page.getByRole('button', { name: 'Export CSV' }).click()
  const csv = readFileSync(await (await csvDownload).path(), 'utf8')
  const lines = csv.replace(/^\uFEFF/, '').split('\r\n')
  expect(lines[0]).toMatch(/^patient_id,session_id,entry_no,kind,occurred_at/)
  expect(csv).toContain('"Calm, said ""fine"", asked for water"')
})

test('the patient page shows the course: each session with its dose, peak blood pressure, alerts and PHQ-9 before and after, and a chart', async ({ page, harness }) => {
  test.slow()
  await setUpSession(page)
  await scriptedSession(page, harness)
  await page.getByRole('button', { name: 'Back to patient' }).click()
  const course = page.getByRole('region', { name: 'Course' })
  const row = course.getByRole('row').filter({ hasText: 'racemic ketamine IV' })
  await expect(row).toContainText('35.0 mg · 0.50 mg/kg')
  await expect(row).toContainText('145/90')
  // The heart rate alert and the overdue vitals in recovery.
  await expect(row.getByRole('cell').nth(5)).toHaveText('2')
  await expect(row).toContainText('PHQ-9 10 → 5')
  await expect(course.getByText('Alerts raised')).toBeVisible()
  await expect(course.locator('svg').first()).toBeVisible()
})

const backupFolder = (harness: Harness) => join(dirname(harness.dbPath), 'backups')

/** Overwrites every page after the first two: the file opens, but fails its integrity check. */
test('Back up now saves a backup; a restore from a file that is not a database is refused and changes nothing', async ({ page, harness }) => {
  await setUpSession(page)
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Backups' }).click()
  const screen = page.getByRole('region', { name: 'Backups' })
  await expect(screen.getByLabel('Backup folder')).toHaveValue(backupFolder(harness))
  await screen.getByRole('button', { name: 'Back up now' }).click()
  await expect(screen.getByRole('status')).toContainText('Backup saved: backup-manual-')

  writeFileSync(join(backupFolder(harness), 'backup-manual-20200101-000000-1577836800000.sqlite'), 'not a database at all\n'.repeat(50))
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Patients' }).click()
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Backups' }).click()
  // Restoring is an administrator's job (the clinic can change that in Settings).
  await chooseUser(page, ADMIN_NAME)
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Backups' }).click()
  await screen.getByRole('radio', { name: /Backup taken 01 Jan 2020/ }).check()
  await screen.getByRole('button', { name: 'Restore from backup' }).click()
  await screen.getByRole('region', { name: 'Confirm restore' }).getByRole('button', { name: 'Confirm restore' }).click()
  await expect(screen.getByRole('alert')).toContainText('not a session-records database')
  await expect(screen.getByRole('alert')).toContainText('the current records are unchanged')
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Patients' }).click()
  await expect(page.getByRole('region', { name: 'Patients' }).getByRole('button', { name: 'Ada Test' })).toBeVisible()
})

test('a corrupted database opens in recovery; restoring the last backup brings the records back and says what it lacks', async ({ page, harness }) => {
  await setUpSession(page)
  await saveVitals(page, { sys: 122, dia: 78, hr: 72, spo2: 99, rr: 14 })
  await endSession(page)
  // The session that ended was backed up automatically.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Backups' }).click()
  await expect(page.getByRole('region', { name: 'Backups' }).getByRole('cell', { name: 'After a session ended', exact: true })).toBeVisible()

  // Recorded after that backup: a new patient.
  await harness.advanceClock(10 * MIN)
  await addPatient(page, { id: 'P-002', name: 'Late Patient', dob: '1990-01-01', weight: '60' })

  await harness.kill('SIGTERM')
  corruptPages(harness.dbPath)
  await harness.restart()
  await page.goto(harness.url)

  const recovery = page.getByRole('region', { name: 'Recovery' })
  await expect(recovery.getByRole('heading', { name: 'The session records could not be opened' })).toBeVisible()
  await expect(recovery).toContainText('failed their integrity check')
  await expect(recovery).toContainText(/The latest good backup was taken at \d\d [A-Z][a-z]{2} \d{4} \d\d:\d\d\. Entries recorded after that are not in it\./)
  await recovery.getByRole('button', { name: 'Restore from backup' }).click()
  await recovery.getByRole('button', { name: 'Confirm restore' }).click()
  const result = recovery.getByRole('region', { name: 'Restore result' })
  await expect(result.getByRole('status')).toContainText(/This backup was taken at \d\d [A-Z][a-z]{2} \d{4} \d\d:\d\d; entries after that are not in it/)
  await expect(result.getByRole('status')).toContainText('before-restore')
  await result.getByRole('button', { name: 'Continue' }).click()

  // The restored records are opened like any others: by someone who signs in.
  await chooseUser(page, 'Dr Grey')
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Patients' }).click()
  const patients = page.getByRole('region', { name: 'Patients' })
  await expect(patients.getByRole('button', { name: 'Ada Test' })).toBeVisible()
  await expect(patients.getByRole('button', { name: 'Late Patient' })).toHaveCount(0)
})

test('damage the integrity check finds after the console has opened: a banner says so, the typed vitals stay, saving is refused, recovery opens on request', async ({ page, harness }) => {
  await setUpSession(page)
  await saveVitals(page, { sys: 122, dia: 78, hr: 72, spo2: 99, rr: 14 })
  await harness.kill('SIGTERM')
  corruptUnreadPart(harness.dbPath)
  // Ten years of records take minutes to check: the console opens first, as it would then.
  await harness.restart({ env: { HARNESS_INTEGRITY: 'held' } })
  await page.goto(harness.url)
  await chooseUser(page, 'Nurse Joy')
  const lane = page.getByRole('region', { name: 'Vitals', exact: true })
  await lane.getByLabel('Systolic').fill('131')
  await lane.getByLabel('Diastolic').fill('82')

  expect(await harness.releaseIntegrityCheck()).toBe(true)
  const banner = page.getByRole('region', { name: 'Records damaged' })
  await expect(banner.getByRole('alert')).toContainText('failed their integrity check')
  await expect(banner.getByRole('alert')).toContainText('New entries cannot be saved')
  await expect(lane.getByLabel('Systolic')).toHaveValue('131')

  await lane.getByLabel('Heart rate').fill('75')
  await lane.getByLabel('SpO2').fill('98')
  await lane.getByLabel('Respiratory rate').fill('15')
  await lane.getByRole('button', { name: 'Save vitals' }).click()
  await expect(lane.getByRole('alert').first()).toContainText('The session records are not open')
  await expect(lane.getByLabel('Systolic')).toHaveValue('131')

  await banner.getByRole('button', { name: 'Open recovery' }).click()
  await expect(page.getByRole('region', { name: 'Recovery' }).getByRole('heading', { name: 'The session records could not be opened' })).toBeVisible()
})
