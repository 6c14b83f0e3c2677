/** The harness serves the real renderer, window.api reaches the real handlers, and the clock is ours. */
import type { Api } from '../../src/shared/contract'
import { expect, test } from './fixtures'
import { createAdministrator } from './steps'

// This file is type-checked without the DOM lib: reach window.api through globalThis.
test('the app loads in the harness', async ({ page }) => {
  await expect(page).toHaveTitle(/Ketamine Session Console/)
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Ketamine Session Console')
})

test('window.api reads the harness clock, and advancing it moves the app', async ({ page, harness }) => {
  const start = await harness.now()
  const seen = await page.evaluate(async () => (globalThis as unknown as { api: Api }).api['clock.now']({}))
  expect(seen).toEqual({ ok: true, value: start })

  const later = await harness.advanceClock(40 * 60_000)
  expect(later).toBe(start + 40 * 60_000)
  const after = await page.evaluate(async () => (globalThis as unknown as { api: Api }).api['clock.now']({}))
  expect(after).toEqual({ ok: true, value: later })

  const set = await harness.setClock(Date.UTC(2026, 10, 1, 9, 0, 0))
  expect(await harness.call('clock.now', {})).toEqual({ ok: true, value: set })
})

test('a malformed request gets a typed error, not a crash', async ({ harness, request }) => {
  const response = await request.post(`${harness.url}api/patients.create`, {
    headers: { 'Content-Type': 'application/json' },
    data: Buffer.from('{"patientCode": "P-1",', 'utf8')
  })
  expect(response.status()).toBe(200)
  const body = (await response.json()) as { ok: boolean; error?: { code: string; message: string } }
  expect(body.ok).toBe(false)
  expect(body.error?.code).toBe('INVALID_INPUT')
  expect(body.error?.message).toMatch(/JSON/)

  const unknown = await request.post(`${harness.url}api/no.such.channel`, { data: {} })
  expect(unknown.status()).toBe(404)
  expect(((await unknown.json()) as { ok: boolean }).ok).toBe(false)
})

test('the harness keeps the clock and the data across a crash and restart', async ({ page, harness }) => {
  const before = await harness.advanceClock(5 * 60_000)
  // Adding staff takes a signed-in administrator.
  await createAdministrator(page)
  const created = await page.evaluate(async () => {
    const api = (globalThis as unknown as { api: Api }).api
    const state = await api['auth.state']({})
    const adminId = state.ok && state.value.staff ? state.value.staff.id : 0
    return api['staff.create']({ authorId: adminId, name: 'Nurse Harness', role: 'nurse', pin: '2580' })
  })
  expect(created.ok).toBe(true)

  await harness.kill('SIGKILL')
  const offline = await page.evaluate(async () => (globalThis as unknown as { api: Api }).api['clock.now']({}))
  expect(offline).toMatchObject({ ok: false, error: { code: 'STORAGE' } })

  await harness.restart()
  expect(await harness.now()).toBe(before)
  await page.reload()
  expect(await page.evaluate(async () => (globalThis as unknown as { api: Api }).api['clock.now']({}))).toEqual({ ok: true, value: before })
  const staff = await harness.call('staff.list', {})
  expect(staff.ok && staff.value.map((s) => s.name)).toContain('Nurse Harness')
})
