/**
 * Tampering is simulated the way it would happen: a second, raw connection to the SQLite file,
 * with the append-only triggers dropped (an attacker with the file can do that), and rows
 * edited, removed or slipped in behind the app's back.
 */
import Database from 'better-sqlite3'
import { createHash } from 'node:crypto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openDatabase } from '../../../src/main/db/connection'
import { MIGRATIONS } from '../../../src/main/db/migrations'
import { migrate } from '../../../src/main/db/connection'
import { verifyAuditLog, appendAudit } from '../../../src/main/people/audit'
import { verifySessionChain } from '../../../src/main/record/chain'
import { recordEntry } from '../../../src/main/record/entries'
import { loadEvents } from '../../../src/main/record/eventStore'
import { canonicalRow, chainInput, GENESIS_HASH, integritySummary } from '../../../src/shared/record/integrity'
import { makeSeededContext, makeTempDir, MIN } from '../helpers'
import { join } from 'node:path'

let t: ReturnType<typeof makeSeededContext>
const VITALS = { systolic: 120, diastolic: 80, heartRate: 70, spo2: 98, respiratoryRate: 14 }

beforeEach(() => {
  t = makeSeededContext()
  recordEntry(t.ctx, { sessionId: t.session.id, authorId: t.team.nurse.id, entry: { type: 'vitals', vitals: VITALS } })
  t.clock.advance(MIN)
  recordEntry(t.ctx, { sessionId: t.session.id, authorId: t.team.physician.id, entry: { type: 'infusion_started', rate: { value: 0.75, unit: 'mg/kg/h' } } })
  t.clock.advance(10 * MIN)
  recordEntry(t.ctx, { sessionId: t.session.id, authorId: t.team.nurse.id, entry: { type: 'vitals', vitals: { ...VITALS, systolic: 150 } } })
  t.clock.advance(MIN)
  recordEntry(t.ctx, { sessionId: t.session.id, authorId: t.team.therapist.id, entry: { type: 'note', note: { noteType: 'observation', text: 'calm' } } })
})
afterEach(() => t.cleanup())

/** A raw connection to the same file, as someone with the file would have. */
function tamper(sql: string, ...params: unknown[]): void {
  const raw = new Database(t.dbPath)
  // The seals reference their entries; someone with the file simply turns that check off.
  raw.pragma('foreign_keys = OFF')
  raw.exec('DROP TRIGGER IF EXISTS events_refuse_update; DROP TRIGGER IF EXISTS events_refuse_delete; DROP TRIGGER IF EXISTS events_refuse_replace')
  raw.prepare(sql).run(...params)
  raw.close()
}
const verify = () => verifySessionChain(t.db, t.session.id)
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex')

describe('the hash chain over a session record', () => {
  it('an untouched record is intact, every entry checked', () => {
    const report = verify()
    expect(report).toEqual({ intact: true, checked: 4, unsealedLegacy: 0, problems: [] })
    expect(integritySummary(report)).toBe('Record intact')
  })

  it('each seal is SHA-256 over the previous hash and the stored row, worked out independently', () => {
    const rows = t.db.prepare('SELECT * FROM events WHERE session_id = ? ORDER BY seq').all(t.session.id) as Record<string, unknown>[]
    const seals = t.db.prepare('SELECT * FROM event_seals WHERE session_id = ? ORDER BY seq').all(t.session.id) as { prev_hash: string; hash: string }[]
    let prev = GENESIS_HASH
    rows.forEach((row, i) => {
      const text = `${prev}\n${JSON.stringify(Object.keys(row).filter((k) => row[k] !== null).sort().map((k) => [k, row[k]]))}`
      expect(seals[i]!.prev_hash).toBe(prev)
      expect(seals[i]!.hash).toBe(sha256(text))
      prev = seals[i]!.hash
    })
  })

  it('a vital sign changed in the file is caught at exactly that entry', () => {
    tamper(`UPDATE events SET payload = json_set(payload, '$.vitals.systolic', 130) WHERE session_id = ? AND seq = 3`, t.session.id)
    expect(loadEvents(t.db, t.session.id)[2]!.payload).toMatchObject({ vitals: { systolic: 130 } })
    const report = verify()
    expect(report.intact).toBe(false)
    expect(report.problems).toEqual([{ seq: 3, eventId: expect.any(Number), problem: 'entry #3 was changed after it was recorded' }])
    expect(integritySummary(report)).toBe('Record not intact: entry #3 was changed after it was recorded. Do not rely on this record; call support.')
  })

  it('a changed author or time is caught too', () => {
    tamper('UPDATE events SET author_id = ? WHERE session_id = ? AND seq = 2', t.team.nurse.id, t.session.id)
    tamper('UPDATE events SET occurred_at = occurred_at - 60000 WHERE session_id = ? AND seq = 4', t.session.id)
    expect(verify().problems.map((p) => p.seq)).toEqual([2, 4])
  })

  it('a removed entry is reported as missing', () => {
    tamper('DELETE FROM events WHERE session_id = ? AND seq = 2', t.session.id)
    expect(verify().problems).toEqual([{ seq: 2, eventId: expect.any(Number), problem: 'entry #2 is missing from the record' }])
  })

  it('a removed last entry is reported as missing', () => {
    tamper('DELETE FROM events WHERE session_id = ? AND seq = 4', t.session.id)
    expect(verify().problems.map((p) => p.problem)).toEqual(['entry #4 is missing from the record'])
  })

  it('an entry slipped in without a seal is reported, and the app does not seal it later', () => {
    tamper(
      `INSERT INTO events (session_id, seq, type, occurred_at, recorded_at, author_id, payload, source_kind) VALUES (?, 5, 'note', 0, 0, ?, '{"noteType":"other","text":"x"}', 'staff')`,
      t.session.id,
      t.team.nurse.id
    )
    expect(verify().problems).toEqual([{ seq: 5, eventId: expect.any(Number), problem: 'entry #5 has no seal: it was not written by this app' }])
    recordEntry(t.ctx, { sessionId: t.session.id, authorId: t.team.nurse.id, entry: { type: 'vitals', vitals: VITALS } })
    const after = verify()
    expect(after.problems.map((p) => p.seq)).toEqual([5])
    expect(after.checked).toBe(5)
  })

  it('a recomputed seal on a changed entry breaks the link to the next entry', () => {
    tamper(`UPDATE events SET payload = json_set(payload, '$.vitals.systolic', 130) WHERE session_id = ? AND seq = 3`, t.session.id)
    const raw = new Database(t.dbPath)
    raw.exec('DROP TRIGGER event_seals_refuse_update')
    const row = raw.prepare('SELECT * FROM events WHERE session_id = ? AND seq = 3').get(t.session.id) as Record<string, unknown>
    const seal = raw.prepare('SELECT prev_hash FROM event_seals WHERE session_id = ? AND seq = 3').get(t.session.id) as { prev_hash: string }
    raw.prepare('UPDATE event_seals SET hash = ? WHERE session_id = ? AND seq = 3').run(sha256(chainInput(seal.prev_hash, row)), t.session.id)
    raw.close()
    expect(verify().problems).toEqual([{ seq: 4, eventId: expect.any(Number), problem: 'the seal of entry #4 does not follow the entry before it' }])
  })

  it('other sessions are not affected by tampering with one', () => {
    const other = makeSecondSession()
    tamper(`UPDATE events SET payload = '{}' WHERE session_id = ? AND seq = 1`, t.session.id)
    expect(verifySessionChain(t.db, other).intact).toBe(true)
  })

  it('the canonical row ignores NULL columns, so a nullable column added later leaves old seals valid', () => {
    expect(canonicalRow({ b: 2, a: 'x', c: null })).toBe(canonicalRow({ a: 'x', b: 2 }))
    const raw = new Database(t.dbPath)
    raw.exec('ALTER TABLE events ADD COLUMN device TEXT')
    raw.close()
    expect(verify().intact).toBe(true)
  })
})

function makeSecondSession(): number {
  const { id } = t.db
    .prepare('INSERT INTO sessions (patient_id, plan, physician_id, nurse_id, created_by, created_at) SELECT patient_id, plan, physician_id, nurse_id, created_by, created_at FROM sessions WHERE id = ? RETURNING id')
    .get(t.session.id) as { id: number }
  recordEntry(t.ctx, { sessionId: id, authorId: t.team.nurse.id, entry: { type: 'vitals', vitals: VITALS } })
  return id
}

describe('records from before sealing existed', () => {
  it('are reported as not covered, then sealed in order with the next entry', () => {
    const { dir, cleanup } = makeTempDir()
    try {
      const path = join(dir, 'old.sqlite')
      const raw = new Database(path)
      migrate(raw, MIGRATIONS.slice(0, 2))
      raw.exec(`INSERT INTO staff (name, role, created_at) VALUES ('Nina', 'nurse', 0);
        INSERT INTO patients (patient_code, full_name, date_of_birth, weight_kg, created_at) VALUES ('P-1', 'Pat', '1980-01-01', 70, 0);
        INSERT INTO sessions (patient_id, plan, physician_id, nurse_id, created_by, created_at) VALUES (1, '{"weightKg":70,"route":"IV","drug":"racemic ketamine","concentrationMgPerMl":1,"bagVolumeMl":100,"plannedDose":{"kind":"mg/kg","value":0.5},"plannedDurationMin":40}', 1, 1, 1, 0);
        INSERT INTO events (session_id, seq, type, occurred_at, recorded_at, author_id, payload) VALUES (1, 1, 'note', 0, 0, 1, '{"noteType":"other","text":"old"}');
        INSERT INTO events (session_id, seq, type, occurred_at, recorded_at, author_id, payload) VALUES (1, 2, 'note', 0, 0, 1, '{"noteType":"other","text":"older"}');`)
      raw.close()
      const db = openDatabase(path)
      try {
        expect(verifySessionChain(db, 1)).toEqual({ intact: true, checked: 0, unsealedLegacy: 2, problems: [] })
        recordEntry({ db, clock: { now: () => 1000 } }, { sessionId: 1, authorId: 1, entry: { type: 'note', note: { noteType: 'other', text: 'new' } } })
        expect(verifySessionChain(db, 1)).toEqual({ intact: true, checked: 3, unsealedLegacy: 0, problems: [] })
        expect(db.prepare('SELECT count(*) AS n FROM staff_history').get()).toEqual({ n: 1 })
      } finally {
        db.close()
      }
    } finally {
      cleanup()
    }
  })
})

describe('the audit log has its own chain', () => {
  it('an edited or removed audit row is caught', () => {
    for (const kind of ['signed_in', 'signed_out', 'signed_in'] as const) appendAudit(t.ctx, { kind, actorId: t.team.nurse.id })
    expect(verifyAuditLog(t.db)).toMatchObject({ intact: true, checked: 3 })
    const raw = new Database(t.dbPath)
    raw.exec('DROP TRIGGER audit_log_refuse_update; DROP TRIGGER audit_log_refuse_delete')
    raw.prepare('UPDATE audit_log SET actor_id = ? WHERE id = 1').run(t.team.physician.id)
    raw.prepare('DELETE FROM audit_log WHERE id = 2').run()
    raw.close()
    expect(verifyAuditLog(t.db).problems.map((p) => p.problem)).toEqual(['audit row #1 was changed after it was written', 'audit row #2 is missing'])
  })

  it('the append-only triggers refuse edits through the app connection', () => {
    appendAudit(t.ctx, { kind: 'signed_in', actorId: t.team.nurse.id })
    expect(() => t.db.prepare('UPDATE audit_log SET kind = ?').run('signed_out')).toThrow(/append-only/)
    expect(() => t.db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/)
    expect(() => t.db.prepare('DELETE FROM event_seals').run()).toThrow(/cannot be deleted/)
    expect(() => t.db.prepare('DELETE FROM staff').run()).toThrow(/never deleted/)
  })
})
