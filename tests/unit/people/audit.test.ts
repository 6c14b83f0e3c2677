import { describe, expect, it } from 'vitest'
import { auditRows, describeAuditEntry, filterAuditRows, type AuditEntry } from '../../../src/shared/people/audit'
import type { SignOff } from '../../../src/shared/people/auth'
import type { SessionEvent } from '../../../src/shared/record/events'

const ev = (seq: number, over: Partial<SessionEvent> = {}): SessionEvent => ({
  id: 100 + seq,
  sessionId: 1,
  seq,
  type: 'note',
  occurredAt: seq * 1000,
  recordedAt: seq * 1000,
  authorId: 1,
  source: { kind: 'staff' },
  payload: { noteType: 'other', text: `n${seq}` },
  amendsEventId: null,
  reason: null,
  ...over
})
const log = (id: number, at: number, over: Partial<AuditEntry> = {}): AuditEntry => ({
  id,
  at,
  kind: 'signed_in',
  actorId: 2,
  subjectId: null,
  sessionId: null,
  detail: {},
  afterEventId: 0,
  ...over
})
const signOff: SignOff = { id: 1, sessionId: 1, staffId: 3, signedAt: 3500, meaning: 'm', lastSeq: 3, chainHash: 'h' }

describe('the Audit view list', () => {
  it('entries and log rows merge in the order they were written; later entries are addenda', () => {
    const rows = auditRows(
      [ev(1), ev(2, { type: 'correction', amendsEventId: 101, reason: 'typo' }), ev(3), ev(4, { recordedAt: 9000, reason: 'late' })],
      [log(1, 500, { afterEventId: 100 }), log(2, 3500, { kind: 'signed_off', actorId: 3, afterEventId: 103 }), log(3, 3000, { afterEventId: 102 })],
      signOff
    )
    expect(rows.map((r) => r.key)).toEqual(['a1', 'e101', 'e102', 'a3', 'e103', 'a2', 'e104'])
    expect(rows.map((r) => r.category)).toEqual(['sign_in_out', 'entry', 'correction', 'sign_in_out', 'entry', 'sign_off', 'addendum'])
  })

  it('the order of writing wins over clock times that tie or step back', () => {
    // A sign-in and the entry it allowed, at the same millisecond; an idle lock dated before it was noticed.
    const rows = auditRows(
      [ev(3, { recordedAt: 3000 }), ev(4, { recordedAt: 9000 })],
      [log(7, 3000, { afterEventId: 102 }), log(8, 2000, { kind: 'screen_locked', afterEventId: 103 })],
      null
    )
    expect(rows.map((r) => r.key)).toEqual(['a7', 'e103', 'a8', 'e104'])
  })

  it('filters by person (who acted, or whom a staff change concerns) and by kind', () => {
    const rows = auditRows(
      [ev(1, { authorId: 5 }), ev(2, { authorId: 6 })],
      [log(1, 10, { actorId: 6 }), log(2, 20, { kind: 'staff_added', actorId: 7, subjectId: 5 })],
      null
    )
    expect(filterAuditRows(rows, { staffId: 5, category: null }).map((r) => r.key)).toEqual(['a2', 'e101'])
    expect(filterAuditRows(rows, { staffId: 6, category: 'entry' }).map((r) => r.key)).toEqual(['e102'])
    expect(filterAuditRows(rows, { staffId: null, category: 'staff' }).map((r) => r.key)).toEqual(['a2'])
    expect(filterAuditRows(rows, { staffId: null, category: null })).toHaveLength(4)
  })

  it('log rows read as sentences', () => {
    const name = (id: number) => `Person ${id}`
    expect(describeAuditEntry(log(1, 0, { detail: { replaced: 4 } }), name)).toBe('Signed in, taking over from Person 4')
    expect(describeAuditEntry(log(1, 0, { kind: 'screen_locked', detail: { reason: 'idle', idleMinutes: 5 } }), name)).toBe('Screen locked after 5 min without use')
    expect(describeAuditEntry(log(1, 0, { kind: 'account_locked_out', detail: { minutes: 15, attempts: 5 } }), name)).toBe('Locked out for 15 min after 5 wrong PINs in a row')
    expect(describeAuditEntry(log(1, 0, { kind: 'staff_deactivated', subjectId: 9 }), name)).toBe('Person 9 deactivated')
    expect(describeAuditEntry(log(1, 0, { kind: 'signed_off', detail: { lastSeq: 12, meaning: 'I have reviewed this record and it is complete' } }), name)).toBe(
      'Signed off entries #1–#12: “I have reviewed this record and it is complete”'
    )
  })
})
