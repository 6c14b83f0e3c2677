/**
 * Hostile input over the harness's HTTP boundary (what the browser shim sends): a seeded sample of
 * the malformed payloads of tests/fault/hostile.ts, as JSON, plus bodies that are not JSON at all.
 * Every one gets a typed error, the process keeps answering, and the record is unchanged.
 */
import fc from 'fast-check'
import { CHANNELS } from '../../src/shared/contract'
import { malformedAny } from '../fault/hostile'
import { expect, test, type Harness } from './fixtures'
import { FAULT_PINS, setUpSessionViaApi } from './faultSetup'

const SAMPLE = 400

async function post(harness: Harness, channel: string, body: string | Buffer): Promise<{ status: number; json: unknown }> {
  const response = await fetch(`${harness.url}api/${encodeURIComponent(channel)}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body
  })
  return { status: response.status, json: await response.json().catch(() => undefined) }
}

function expectTypedError(answer: { status: number; json: unknown }, label: string, code = 'INVALID_INPUT'): void {
  const json = answer.json as { ok?: unknown; error?: { code?: unknown; message?: unknown } }
  expect(json?.ok, label).toBe(false)
  expect(json?.error?.code, label).toBe(code)
  expect(typeof json?.error?.message, label).toBe('string')
  expect((json!.error!.message as string).length, label).toBeGreaterThan(0)
  expect((json!.error!.message as string).length, label).toBeLessThan(300)
}

async function snapshotOf(harness: Harness, sessionId: number, patientId: number) {
  const [staff, patients, record, sessions] = await Promise.all([
    harness.call('staff.list', {}),
    harness.call('patients.list', {}),
    harness.call('sessions.get', { sessionId }),
    harness.call('sessions.listForPatient', { patientId })
  ])
  return JSON.stringify([staff, patients, record, sessions])
}

test('400 malformed payloads and non-JSON bodies over HTTP: each a typed error, nothing stored, the harness still answering', async ({ harness }) => {
  test.setTimeout(120_000)
  const s = await setUpSessionViaApi(harness)
  const saved = await harness.call('entries.record', {
    sessionId: s.sessionId,
    authorId: s.physicianId,
    entry: { type: 'vitals', vitals: { systolic: 120, diastolic: 80, heartRate: 70, spo2: 98, respiratoryRate: 14 } }
  })
  expect(saved.ok).toBe(true)
  if (!saved.ok) return
  const record = await harness.call('sessions.get', { sessionId: s.sessionId })
  const patientId = record.ok ? record.value.patient.id : 0
  const before = await snapshotOf(harness, s.sessionId, patientId)
  // Every payload is malformed by construction, so ids the harness lacks (a protocol, a backup) only shape the templates.
  const ids = {
    patientId,
    sessionId: s.sessionId,
    nurseId: s.nurseId,
    physicianId: s.physicianId,
    adminId: s.adminId,
    therapistId: s.nurseId,
    eventId: saved.value.id,
    recentTime: (await harness.now()) - 60_000,
    protocolId: 1,
    lineageId: 1,
    alarmingEventId: saved.value.id,
    endedSessionId: s.sessionId,
    nursePin: FAULT_PINS.nurse,
    physicianPin: FAULT_PINS.physician,
    backupFileName: 'manual-backup.sqlite',
    backupFolder: '/tmp/ksc-never-used'
  }

  for (const m of fc.sample(malformedAny(ids, true), { numRuns: SAMPLE, seed: 20261122 })) {
    const answer = await post(harness, m.channel, JSON.stringify(m.input) ?? '')
    expect(answer.status, `${m.channel}: ${m.what}`).toBe(200)
    expectTypedError(answer, `${m.channel}: ${m.what}`)
  }

  // Bodies that are not a JSON payload at all, on every channel.
  let deep = '1'
  for (let i = 0; i < 50_000; i++) deep = `[${deep}]`
  const bodies: [string, string | Buffer][] = [
    ['truncated', '{"sessionId": 1,'],
    ['not JSON', 'sessionId=1&authorId=2'],
    ['binary', Buffer.from([0xff, 0xfe, 0x00, 0x01, 0x80, 0x81])],
    ['nested 50,000 deep', deep],
    ['a JSON string of 1 MB', JSON.stringify('y'.repeat(1024 * 1024))],
    ['a prototype-polluting object', '{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}}']
  ]
  for (const channel of CHANNELS) {
    for (const [what, body] of bodies) expectTypedError(await post(harness, channel, body), `${channel}: ${what}`)
  }
  const tooLarge = await post(harness, 'entries.record', 'z'.repeat(3 * 1024 * 1024))
  expect(tooLarge.status).toBe(413)
  expectTypedError(tooLarge, 'a 3 MB body')

  expect(await harness.call('clock.now', {})).toMatchObject({ ok: true })
  expect(await snapshotOf(harness, s.sessionId, patientId)).toBe(before)
})
