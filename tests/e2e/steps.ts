/** What a clinician does, step by step, through the UI only: controls found by role and label. */
import type { Locator, Page } from '@playwright/test'
import { STANDARD_PLAN } from '../fixtures/workedExample'
import { expect } from './fixtures'

/** Everyone's PIN in these tests: deterministic, so any step can sign anyone in. */
export const ADMIN_NAME = 'Ada Admin'
export const DEFAULT_PIN = '2468'
const PINS = new Map<string, string>([[ADMIN_NAME, '1357']])
export const pinOf = (name: string): string => PINS.get(name) ?? DEFAULT_PIN

export const signedInAs = (page: Page): Locator => page.getByRole('status', { name: 'Signed in as' })

/** The first start: the administrator is created, and is then signed in. */
export async function createAdministrator(page: Page, name = ADMIN_NAME, pin = pinOf(name)) {
  const form = page.getByRole('region', { name: 'First start' })
  await form.getByLabel('Name', { exact: true }).fill(name)
  await form.getByLabel('New PIN', { exact: true }).fill(pin)
  await form.getByLabel('Confirm new PIN').fill(pin)
  await form.getByRole('button', { name: 'Create administrator' }).click()
  PINS.set(name, pin)
  await expect(signedInAs(page)).toHaveText(`${name} (Administrator)`)
}

/** Adds a staff member with a PIN; only administrators may, so the administrator signs in first if needed. */
export async function addStaff(page: Page, name: string, role: 'Physician' | 'Nurse' | 'Therapist' | 'Administrator', pin = pinOf(name)) {
  const signedIn = (await signedInAs(page).isVisible()) ? await signedInAs(page).textContent() : ''
  if (!signedIn?.endsWith('(Administrator)')) await chooseUser(page, ADMIN_NAME)
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Staff' }).click()
  const form = page.getByRole('region', { name: 'New staff member' })
  await form.getByLabel('Name', { exact: true }).fill(name)
  await form.getByLabel('Role', { exact: true }).selectOption({ label: role })
  await form.getByLabel('New PIN', { exact: true }).fill(pin)
  await form.getByLabel('Confirm new PIN').fill(pin)
  await form.getByRole('button', { name: 'Add staff member' }).click()
  PINS.set(name, pin)
  await expect(page.getByRole('region', { name: 'Staff' }).getByRole('cell', { name, exact: true })).toBeVisible()
}

/** Signs `name` in through the UI: Switch user, pick the name, type the PIN, Sign in. */
export async function chooseUser(page: Page, name: string, pin = pinOf(name)) {
  // Signed in: switch. Signed out (after a restart or a restore): the sign-in form is already showing.
  const switchUser = page.getByRole('button', { name: 'Switch user' })
  const form = page.getByRole('region', { name: 'Sign in', exact: true })
  await expect(switchUser.or(form).first()).toBeVisible()
  if (await switchUser.isVisible()) await switchUser.click()
  const select = form.getByLabel('Staff member')
  const label = await select.locator('option', { hasText: name }).first().textContent()
  await select.selectOption({ label: label! })
  await form.getByLabel('PIN', { exact: true }).fill(pin)
  await form.getByRole('button', { name: 'Sign in' }).click()
  await expect(signedInAs(page)).toContainText(name)
}

/** The clinic's idle lock, set by the administrator in Settings. */
export async function setIdleLock(page: Page, minutes: number) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Settings' }).click()
  const settings = page.getByRole('region', { name: 'Settings' })
  await settings.getByLabel('Idle lock (minutes)').fill(String(minutes))
  await settings.getByRole('button', { name: 'Save settings' }).click()
  await expect(settings.getByRole('status')).toHaveText('Settings saved')
}

export async function addPatient(page: Page, p: { id: string; name: string; dob: string; weight: string }) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Patients' }).click()
  const form = page.getByRole('region', { name: 'New patient' })
  await form.getByLabel('Patient ID').fill(p.id)
  await form.getByLabel('Full name').fill(p.name)
  await form.getByLabel('Date of birth').fill(p.dob)
  await form.getByLabel('Weight (kg)').fill(p.weight)
  await form.getByRole('button', { name: 'Save patient' }).click()
  await expect(page.getByRole('region', { name: 'Patients' }).getByRole('button', { name: p.name })).toBeVisible()
}

/**
 * The usual team and a patient on the worked-example plan (70 kg, 0.5 mg/kg over 40 min at
 * 1 mg/mL), typed into the forms, ready in the console.
 * The administrator is created on the first-start screen and sets the idle lock to an hour, so
 * these scenarios' long clock jumps do not lock the screen (pass null to keep the 5-minute default).
 */
export async function setUpSession(page: Page, { idleLockMinutes = 60 }: { idleLockMinutes?: number | null } = {}) {
  await createAdministrator(page)
  if (idleLockMinutes !== null) await setIdleLock(page, idleLockMinutes)
  await addStaff(page, 'Dr Grey', 'Physician')
  await addStaff(page, 'Nurse Joy', 'Nurse')
  await addStaff(page, 'Theo Rapist', 'Therapist')
  await chooseUser(page, 'Dr Grey')
  await addPatient(page, { id: 'P-001', name: 'Ada Test', dob: '1980-05-01', weight: String(STANDARD_PLAN.weightKg) })
  await page.getByRole('region', { name: 'Patients' }).getByRole('button', { name: 'Ada Test' }).click()
  await page.getByRole('button', { name: 'New session' }).click()
  const form = page.getByRole('region', { name: 'New session' })
  await expect(form.getByLabel('Weight (kg)')).toHaveValue('70')
  await form.getByLabel('Weight confirmed today').check()
  await form.getByLabel('Concentration (mg/mL)').fill(String(STANDARD_PLAN.concentrationMgPerMl))
  await form.getByLabel('Bag volume (mL)').fill(String(STANDARD_PLAN.bagVolumeMl))
  await form.getByLabel('Planned dose (mg/kg)').fill(String(STANDARD_PLAN.plannedDose.value))
  await form.getByLabel('Planned duration (min)').fill(String(STANDARD_PLAN.plannedDurationMin))
  await form.getByLabel('Physician').selectOption({ label: 'Dr Grey' })
  await form.getByLabel('Nurse').selectOption({ label: 'Nurse Joy' })
  await form.getByLabel('Therapist').selectOption({ label: 'Theo Rapist' })
  await expect(form.getByRole('status', { name: 'Planned total' })).toHaveText('35.0 mg')
  await expect(form.getByRole('status', { name: 'Planned rate' })).toHaveText('0.75 mg/kg/h · 52.5 mg/h · 52.5 mL/h')
  await form.getByRole('button', { name: 'Start session' }).click()
  await expect(readout(page, 'Phase')).toHaveText('Pre-infusion')
}

export const readout = (page: Page, name: string): Locator => page.getByRole('status', { name, exact: true })

export async function saveVitals(page: Page, v: { sys: number; dia: number; hr: number; spo2: number; rr: number }) {
  const lane = page.getByRole('region', { name: 'Vitals', exact: true })
  await lane.getByLabel('Systolic').fill(String(v.sys))
  await lane.getByLabel('Diastolic').fill(String(v.dia))
  await lane.getByLabel('Heart rate').fill(String(v.hr))
  await lane.getByLabel('SpO2').fill(String(v.spo2))
  await lane.getByLabel('Respiratory rate').fill(String(v.rr))
  await lane.getByRole('button', { name: 'Save vitals' }).click()
  await expect(lane.getByLabel('Systolic')).toHaveValue('')
}

export async function setRate(page: Page, value: string, unit: string, button: 'Start infusion' | 'Change rate') {
  const lane = page.getByRole('region', { name: 'Infusion', exact: true })
  await lane.getByLabel('Rate', { exact: true }).fill(value)
  await lane.getByLabel('Rate unit').selectOption(unit)
  // These flows predate the pre-infusion checks (which have tests of their own, safety.spec.ts):
  // where the checks are not met, the physician starts with an override and a reason, as the app asks.
  const override = lane.getByRole('button', { name: 'Override', exact: true })
  if (button === 'Start infusion' && (await override.isVisible())) {
    await lane.getByLabel('Reason').fill(OVERRIDE_REASON)
    await override.click()
  } else await lane.getByRole('button', { name: button }).click()
  // A start is saved, or refused with a message, before the caller moves the clock on: a start
  // still on its way when the clock jumps would be dated after the jump.
  if (button === 'Start infusion') await expect(lane.getByRole('button', { name: 'Change rate' }).or(lane.getByRole('alert')).first()).toBeVisible()
}

export const OVERRIDE_REASON = 'Checks done on paper (test flow)'

export async function saveNote(page: Page, type: string, text: string) {
  const lane = page.getByRole('region', { name: 'Notes' })
  await lane.getByLabel('Note type').selectOption({ label: type })
  await lane.getByLabel('Note', { exact: true }).fill(text)
  await lane.getByRole('button', { name: 'Save note' }).click()
  await expect(lane.getByLabel('Note', { exact: true })).toHaveValue('')
}

/** The timeline is virtualised: collect every item's text by scrolling through it. */
export async function timelineTexts(page: Page): Promise<string[]> {
  const list = page.getByRole('list', { name: 'Timeline' })
  const scroller = list.locator('xpath=..')
  const seen = new Map<number, string>()
  await scroller.evaluate((el) => (el.scrollTop = 0))
  for (let i = 0; i < 200; i++) {
    for (const item of await list.getByRole('listitem').all()) {
      const pos = Number(await item.getAttribute('aria-posinset'))
      seen.set(pos, (await item.innerText()).replace(/\s+/g, ' ').trim())
    }
    const done = await scroller.evaluate((el) => {
      const atEnd = el.scrollTop + el.clientHeight >= el.scrollHeight - 1
      el.scrollTop += el.clientHeight / 2
      return atEnd
    })
    if (done) break
    await page.waitForTimeout(30)
  }
  return [...seen.entries()].sort((a, b) => a[0] - b[0]).map(([, t]) => t)
}

export const infusionLane = (page: Page): Locator => page.getByRole('region', { name: 'Infusion', exact: true })

/** Stop infusion, its read-back checked when given, then confirmed. */
export async function stopInfusion(page: Page, readBack?: string | RegExp) {
  const lane = infusionLane(page)
  await lane.getByRole('button', { name: 'Stop infusion' }).click()
  const dialog = lane.getByRole('dialog')
  if (readBack !== undefined) await expect(dialog).toHaveAccessibleName(readBack)
  await dialog.getByRole('button', { name: 'Confirm stop' }).click()
  await expect(dialog).toBeHidden()
}

export const END_REASON = 'Discharge assessed on paper (test flow)'

/**
 * End session, confirmed. Before a discharge the physician ends it with a reason (pass
 * `withoutDischarge`); after one, or when no dose was given, the read-back is confirmed.
 */
export async function endSession(page: Page, { withoutDischarge }: { withoutDischarge?: string } = {}) {
  const lane = infusionLane(page)
  await lane.getByRole('button', { name: 'End session' }).click()
  const dialog = lane.getByRole('dialog')
  if (withoutDischarge !== undefined) {
    await dialog.getByLabel('Reason for ending without discharge').fill(withoutDischarge)
    await dialog.getByRole('button', { name: 'End without discharge' }).click()
  } else await dialog.getByRole('button', { name: 'Confirm end' }).click()
  await expect(readout(page, 'Phase')).toHaveText('Ended')
}

/** Independent of the app's code: an amount as ISMP has it written, rounded, without a trailing zero. */
export const ismp = (value: number, places: number): string => String(Number(value.toFixed(places)))
/** The Delivered dose read-out for `mg` given to a patient of `kg`. */
export const doseText = (mg: number, kg = 70): string => `${ismp(mg, 1)} mg · ${ismp(mg / kg, 2)} mg/kg`
