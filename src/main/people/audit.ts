/**
 * The append-only audit log: one hash chain over every row, like the session record's, so a
 * row removed or edited in the file shows up when the log is checked.
 */
import type { AuditEntry, NewAuditEntry } from '../../shared/people/audit'
import { chainInput, GENESIS_HASH, type IntegrityProblem, type IntegrityReport } from '../../shared/record/integrity'
import type { Db } from '../db/connection'
import { toAuditEntry, type AuditRow } from '../db/rows'
import { sha256 } from '../record/chain'
import type { ServiceContext } from '../app/context'

/** The part of a row its hash covers: everything but the hashes themselves. */
const sealed = (r: Omit<AuditRow, 'prev_hash' | 'hash'>) => ({
  id: r.id,
  at: r.at,
  kind: r.kind,
  actor_id: r.actor_id,
  subject_id: r.subject_id,
  session_id: r.session_id,
  detail: r.detail,
  after_event_id: r.after_event_id
})

/** Appends one audit row at `at` (default: now). Runs in its own transaction, or joins the caller's. */
export function appendAudit({ db, clock }: ServiceContext, e: NewAuditEntry, at: number = clock.now()): AuditEntry {
  return db.transaction(() => {
    const last = db.prepare('SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1').get() as { id: number; hash: string } | undefined
    const row = {
      id: (last?.id ?? 0) + 1,
      at,
      kind: e.kind,
      actor_id: e.actorId ?? null,
      subject_id: e.subjectId ?? null,
      session_id: e.sessionId ?? null,
      detail: JSON.stringify(e.detail ?? {}),
      after_event_id: (db.prepare('SELECT COALESCE(MAX(id), 0) AS id FROM events').get() as { id: number }).id
    }
    const prevHash = last?.hash ?? GENESIS_HASH
    const hash = sha256(chainInput(prevHash, sealed(row)))
    db.prepare(
      `INSERT INTO audit_log (id, at, kind, actor_id, subject_id, session_id, detail, after_event_id, prev_hash, hash)
       VALUES (@id, @at, @kind, @actor_id, @subject_id, @session_id, @detail, @after_event_id, @prev_hash, @hash)`
    ).run({ ...row, prev_hash: prevHash, hash })
    return toAuditEntry({ ...row, prev_hash: prevHash, hash })
  })()
}

/** Rows about this session, and the workstation's own rows (sign-ins, locks...) while it ran. */
export function auditForSession(db: Db, sessionId: number, from: number, to: number): AuditEntry[] {
  return (
    db
      .prepare('SELECT * FROM audit_log WHERE session_id = ? OR (session_id IS NULL AND at BETWEEN ? AND ?) ORDER BY id')
      .all(sessionId, from, to) as AuditRow[]
  ).map(toAuditEntry)
}

export function listAudit(db: Db): AuditEntry[] {
  return (db.prepare('SELECT * FROM audit_log ORDER BY id').all() as AuditRow[]).map(toAuditEntry)
}

/** Walks the whole log: every row must follow the one before and match its own hash. */
export function verifyAuditLog(db: Db): IntegrityReport {
  const problems: IntegrityProblem[] = []
  let prevHash = GENESIS_HASH
  let expectedId = 1
  let checked = 0
  for (const r of db.prepare('SELECT * FROM audit_log ORDER BY id').iterate() as IterableIterator<AuditRow>) {
    // After a gap the row before is unknown: only the row's own hash can still be checked.
    const gap = r.id !== expectedId
    if (gap) problems.push({ seq: expectedId, eventId: null, problem: `audit row #${expectedId} is missing` })
    expectedId = r.id + 1
    checked++
    if (!gap && r.prev_hash !== prevHash) {
      problems.push({ seq: r.id, eventId: r.id, problem: `audit row #${r.id} does not follow the row before it` })
    } else if (sha256(chainInput(r.prev_hash, sealed(r))) !== r.hash) {
      problems.push({ seq: r.id, eventId: r.id, problem: `audit row #${r.id} was changed after it was written` })
    }
    prevHash = r.hash
  }
  return { intact: problems.length === 0, checked, unsealedLegacy: 0, problems }
}
