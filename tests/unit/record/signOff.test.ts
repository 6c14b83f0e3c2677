import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createWorkstation, type Workstation } from '../../../src/main/people/workstation'
import { createHandlers, type Handlers } from '../../../src/main/app/handlers'
import { listAudit } from '../../../src/main/people/audit'
import { sha256 } from '../../../src/main/record/chain'
import { recordEntry } from '../../../src/main/record/entries'
import { getCredential } from '../../../src/main/people/credentials'
import type { Channel, InputOf, OutputOf } from '../../../src/shared/contract'
import { SIGN_OFF_MEANING } from '../../../src/shared/people/auth'
import { chainInput } from '../../../src/shared/record/integrity'
import type { Result } from '../../../src/shared/kernel/result'
import { givePin, sitDown } from '../authHelpers'
import { countEvents, countRows, makeSeededContext, MIN, END_OVERRIDDEN } from '../helpers'

let t: ReturnType<typeof makeSeededContext>
let ws: Workstation
let handlers: Handlers
const call = <C extends Channel>(channel: C, input: InputOf<C>) => handlers[channel](input) as Result<OutputOf<C>>
const VITALS = { systolic: 120, diastolic: 80, heartRate: 70, spo2: 98, respiratoryRate: 14 }
const NOTE = { type: 'note' as const, note: { noteType: 'observation' as const, text: 'Collected by escort, alert' } }

beforeEach(() => {
  t = makeSeededContext()
  ws = createWorkstation()
  handlers = createHandlers(t.ctx, { workstation: ws })
  givePin(t.ctx, t.team.physician.id, '8642')
  const doc = t.team.physician.id
  recordEntry(t.ctx, { sessionId: t.session.id, authorId: t.team.nurse.id, entry: { type: 'vitals', vitals: VITALS } })
  recordEntry(t.ctx, { sessionId: t.session.id, authorId: doc, entry: { type: 'infusion_started', rate: { value: 0.75, unit: 'mg/kg/h' } } })
  t.clock.advance(40 * MIN)
  recordEntry(t.ctx, { sessionId: t.session.id, authorId: doc, entry: { type: 'infusion_stopped' } })
  t.clock.advance(30 * MIN)
  recordEntry(t.ctx, { sessionId: t.session.id, authorId: doc, entry: END_OVERRIDDEN })
  t.clock.advance(MIN)
  sitDown(ws, t.ctx, doc)
})
afterEach(() => t.cleanup())

const signOff = (pin = '8642') => call('record.signOff', { sessionId: t.session.id, authorId: t.team.physician.id, pin })

describe('sign-off', () => {
  it('a physician signs with their PIN under the meaning statement; it binds the record as it stands', () => {
    const r = signOff()
    expect(r).toMatchObject({
      ok: true,
      value: { sessionId: t.session.id, staffId: t.team.physician.id, signedAt: t.clock.now(), meaning: SIGN_OFF_MEANING, lastSeq: 4 }
    })
    const head = t.db.prepare('SELECT hash FROM event_seals WHERE session_id = ? AND seq = 4').get(t.session.id) as { hash: string }
    if (r.ok) expect(r.value.chainHash).toBe(head.hash)
    expect(SIGN_OFF_MEANING).toBe('I have reviewed this record and it is complete')
    expect(listAudit(t.db).at(-1)).toMatchObject({ kind: 'signed_off', actorId: t.team.physician.id, sessionId: t.session.id, detail: { lastSeq: 4 } })
    expect(call('record.status', { sessionId: t.session.id })).toMatchObject({ ok: true, value: { integrity: { intact: true }, signOff: { lastSeq: 4 } } })
  })

  it('a wrong PIN is refused, counts toward the lock-out, and nothing is signed', () => {
    expect(signOff('1111')).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'pin' } })
    expect(countRows(t.db, 'sign_offs')).toBe(0)
    expect(getCredential(t.db, t.team.physician.id)!.failedAttempts).toBe(1)
    expect(listAudit(t.db).at(-1)).toMatchObject({ kind: 'pin_failed', sessionId: t.session.id, detail: { during: 'sign_off' } })
  })

  it('a second sign-off is refused as a conflict', () => {
    expect(signOff().ok).toBe(true)
    const again = signOff()
    expect(again).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    if (!again.ok) expect(again.error.message).toMatch(/already signed off by Dr Ada Physician/)
    expect(countRows(t.db, 'sign_offs')).toBe(1)
  })

  it('a session that has not ended cannot be signed off, and the refusal does not count as a wrong PIN', () => {
    const other = t.db
      .prepare('INSERT INTO sessions (patient_id, plan, physician_id, nurse_id, created_by, created_at) SELECT patient_id, plan, physician_id, nurse_id, created_by, ? FROM sessions WHERE id = ? RETURNING id')
      .get(t.clock.now(), t.session.id) as { id: number }
    const r = call('record.signOff', { sessionId: other.id, authorId: t.team.physician.id, pin: '0000' })
    expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_STATE', message: 'End the session before signing off the record' } })
    expect(getCredential(t.db, t.team.physician.id)!.failedAttempts).toBe(0)
  })

  it('a record that fails its integrity check cannot be signed', () => {
    const raw = new Database(t.dbPath)
    raw.exec('DROP TRIGGER events_refuse_update')
    raw.prepare(`UPDATE events SET payload = json_set(payload, '$.vitals.heartRate', 60) WHERE session_id = ? AND seq = 1`).run(t.session.id)
    raw.close()
    const r = signOff()
    expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_STATE', message: 'The record cannot be signed: entry #1 was changed after it was recorded' } })
    expect(listAudit(t.db).filter((a) => a.kind === 'signed_off')).toHaveLength(0)
  })

  it('rewriting the signed entries with every later seal recomputed still disagrees with the sign-off', () => {
    expect(signOff().ok).toBe(true)
    const raw = new Database(t.dbPath)
    raw.exec('DROP TRIGGER events_refuse_update; DROP TRIGGER event_seals_refuse_update')
    raw.prepare(`UPDATE events SET payload = json_set(payload, '$.vitals.systolic', 118) WHERE session_id = ? AND seq = 1`).run(t.session.id)
    let prev = '0'.repeat(64)
    for (const row of raw.prepare('SELECT * FROM events WHERE session_id = ? ORDER BY seq').all(t.session.id) as Record<string, unknown>[]) {
      const hash = sha256(chainInput(prev, row))
      raw.prepare('UPDATE event_seals SET prev_hash = ?, hash = ? WHERE event_id = ?').run(prev, hash, row['id'])
      prev = hash
    }
    raw.close()
    const status = call('record.status', { sessionId: t.session.id })
    expect(status).toMatchObject({ ok: true, value: { integrity: { intact: false } } })
    if (status.ok) expect(status.value.integrity.problems.map((p) => p.problem)).toEqual(['the signed record (entries #1–#4) no longer matches its sign-off'])
    expect(listAudit(t.db).at(-1)).toMatchObject({ kind: 'integrity_failed', sessionId: t.session.id })
  })
})

describe('after sign-off, new entries are addenda', () => {
  beforeEach(() => {
    expect(signOff().ok).toBe(true)
    t.clock.advance(10 * MIN)
    // Ten minutes on, the screen has locked: the physician signs in again.
    sitDown(ws, t.ctx, t.team.physician.id)
  })

  it('an entry that is not an addendum is refused, and nothing is written', () => {
    const before = countEvents(t.db)
    const r = call('entries.record', { sessionId: t.session.id, authorId: t.team.physician.id, entry: NOTE })
    expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_STATE', field: 'addendumReason' } })
    if (!r.ok) expect(r.error.message).toMatch(/^This record was signed off by Dr Ada Physician at \d\d:\d\d:\d\d: add the entry as an addendum, with a reason$/)
    expect(countEvents(t.db)).toBe(before)
  })

  it('a note or vitals with a reason is stored as an addendum by its author, after the signed entries', () => {
    sitDown(ws, t.ctx, t.team.nurse.id)
    const r = call('entries.record', { sessionId: t.session.id, authorId: t.team.nurse.id, entry: NOTE, addendumReason: 'Discharge not documented' })
    expect(r).toMatchObject({ ok: true, value: { seq: 5, type: 'note', authorId: t.team.nurse.id, reason: 'Discharge not documented' } })
    const v = call('entries.record', { sessionId: t.session.id, authorId: t.team.nurse.id, entry: { type: 'vitals', vitals: VITALS }, occurredAt: t.clock.now() - 50 * MIN, addendumReason: 'Late documentation' })
    expect(v).toMatchObject({ ok: true, value: { seq: 6, reason: 'Late documentation' } })
    expect(call('record.status', { sessionId: t.session.id })).toMatchObject({ ok: true, value: { integrity: { intact: true, checked: 6 } } })
  })

  it('an infusion entry cannot be added to a signed record, even as an addendum', () => {
    const r = call('entries.record', { sessionId: t.session.id, authorId: t.team.physician.id, entry: { type: 'infusion_started', rate: { value: 0.5, unit: 'mg/kg/h' } }, addendumReason: 'x' })
    expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_STATE', message: 'A signed-off record takes only notes and vitals as addenda' } })
  })

  it('permissions still apply to addenda: a therapist cannot add vitals', () => {
    sitDown(ws, t.ctx, t.team.therapist.id)
    expect(call('entries.record', { sessionId: t.session.id, authorId: t.team.therapist.id, entry: { type: 'vitals', vitals: VITALS }, addendumReason: 'late' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' }
    })
  })
})

describe('addenda only on signed records', () => {
  it('an addendum reason on a record that is not signed is refused', () => {
    const open = t.db
      .prepare('INSERT INTO sessions (patient_id, plan, physician_id, nurse_id, created_by, created_at) SELECT patient_id, plan, physician_id, nurse_id, created_by, ? FROM sessions WHERE id = ? RETURNING id')
      .get(t.clock.now(), t.session.id) as { id: number }
    const r = call('entries.record', { sessionId: open.id, authorId: t.team.physician.id, entry: NOTE, addendumReason: 'why' })
    expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'addendumReason' } })
  })

  it('an ended but unsigned record still takes no new entries', () => {
    expect(call('entries.record', { sessionId: t.session.id, authorId: t.team.physician.id, entry: NOTE })).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } })
  })
})
