/**
 * Physician sign-off: the PIN again, under the meaning statement, binding the signer to the
 * record as it stands (its last entry number and its hash chain's head). After it, new entries
 * are addenda: notes and vitals only, each with a reason.
 */
import type { RecordStatus } from '../../shared/people/audit'
import { SIGN_OFF_MEANING, type SignOff, type SignOffInput } from '../../shared/people/auth'
import type { EntryInput } from '../../shared/record/events'
import type { IntegrityReport } from '../../shared/record/integrity'
import { formatClock } from '../../shared/record/messages'
import type { Staff } from '../../shared/people/people'
import { effectiveEntries, liveEntries } from '../../shared/record/record'
import { DomainError } from '../../shared/kernel/result'
import type { Db } from '../db/connection'
import { appendAudit } from '../people/audit'
import { checkPin, findStaff } from '../people/auth'
import { chainHead, verifySessionChain } from './chain'
import type { ServiceContext } from '../app/context'
import { loadControlEvents } from './eventStore'
import { getSession } from '../sessions/sessions'

interface SignOffRow {
  id: number
  session_id: number
  staff_id: number
  signed_at: number
  meaning: string
  last_seq: number
  chain_hash: string
}
const toSignOff = (r: SignOffRow): SignOff => ({
  id: r.id,
  sessionId: r.session_id,
  staffId: r.staff_id,
  signedAt: r.signed_at,
  meaning: r.meaning,
  lastSeq: r.last_seq,
  chainHash: r.chain_hash
})

export function findSignOff(db: Db, sessionId: number): SignOff | null {
  const row = db.prepare('SELECT * FROM sign_offs WHERE session_id = ?').get(sessionId) as SignOffRow | undefined
  return row ? toSignOff(row) : null
}

/**
 * The record's seals, and the sign-off's own copy of the chain's head: rewriting the signed
 * entries and every seal after them still leaves the sign-off's hash disagreeing.
 */
export function verifyRecord(db: Db, sessionId: number): IntegrityReport {
  const report = verifySessionChain(db, sessionId)
  const signOff = findSignOff(db, sessionId)
  if (signOff && signOff.lastSeq > 0) {
    const seal = db.prepare('SELECT hash FROM event_seals WHERE session_id = ? AND seq = ?').get(sessionId, signOff.lastSeq) as { hash: string } | undefined
    if (!seal || seal.hash !== signOff.chainHash)
      report.problems.push({ seq: signOff.lastSeq, eventId: null, problem: `the signed record (entries #1–#${signOff.lastSeq}) no longer matches its sign-off` })
  }
  report.intact = report.problems.length === 0
  return report
}

/** Checked each time a record is opened; a failed check is written to the audit log. */
export function recordStatus(ctx: ServiceContext, sessionId: number, actorId: number | null): RecordStatus {
  getSession(ctx, sessionId)
  const integrity = verifyRecord(ctx.db, sessionId)
  if (!integrity.intact) {
    appendAudit(ctx, {
      kind: 'integrity_failed',
      actorId,
      sessionId,
      detail: { summary: integrity.problems.map((p) => p.problem).join('; ') }
    })
  }
  return { integrity, signOff: findSignOff(ctx.db, sessionId) }
}

export function signOffRecord(ctx: ServiceContext, signer: Staff, input: SignOffInput): SignOff {
  const { db, clock } = ctx
  const session = getSession(ctx, input.sessionId)
  const existing = findSignOff(db, session.id)
  if (existing) {
    const by = findStaff(db, existing.staffId)
    throw new DomainError('CONFLICT', `This record was already signed off by ${by?.name ?? 'someone'} at ${formatClock(existing.signedAt)}`)
  }
  const ended = liveEntries(effectiveEntries(loadControlEvents(db, session.id))).some((e) => e.entry.type === 'session_ended')
  if (!ended) throw new DomainError('INVALID_STATE', 'End the session before signing off the record')
  const integrity = verifyRecord(db, session.id)
  if (!integrity.intact) throw new DomainError('INVALID_STATE', `The record cannot be signed: ${integrity.problems[0]!.problem}`)
  // The PIN is checked last, so a refusal for another reason does not count as a wrong PIN.
  checkPin(ctx, signer, input.pin, 'sign_off', session.id)
  return db.transaction(() => {
    if (findSignOff(db, session.id)) throw new DomainError('CONFLICT', 'This record was signed off a moment ago')
    const now = clock.now()
    const head = chainHead(db, session.id)
    const row = db
      .prepare('INSERT INTO sign_offs (session_id, staff_id, signed_at, meaning, last_seq, chain_hash) VALUES (?, ?, ?, ?, ?, ?) RETURNING *')
      .get(session.id, signer.id, now, SIGN_OFF_MEANING, head.seq, head.hash) as SignOffRow
    appendAudit(ctx, { kind: 'signed_off', actorId: signer.id, sessionId: session.id, detail: { meaning: SIGN_OFF_MEANING, lastSeq: head.seq, chainHash: head.hash } }, now)
    return toSignOff(row)
  })()
}

const ADDENDUM_TYPES = new Set<EntryInput['type']>(['note', 'vitals'])

/**
 * The sign-off rule for a new entry: on a signed record it must be an addendum (a note or
 * vitals, with a reason); elsewhere it must not claim to be one. Returns whether it is one.
 */
export function addendumRule(db: Db, sessionId: number, entry: EntryInput, addendumReason: string | undefined): boolean {
  const signOff = findSignOff(db, sessionId)
  if (!signOff) {
    if (addendumReason !== undefined) throw new DomainError('INVALID_INPUT', 'Only a signed-off record takes addenda', 'addendumReason')
    return false
  }
  const by = findStaff(db, signOff.staffId)
  if (addendumReason === undefined)
    throw new DomainError(
      'INVALID_STATE',
      `This record was signed off by ${by?.name ?? 'a physician'} at ${formatClock(signOff.signedAt)}: add the entry as an addendum, with a reason`,
      'addendumReason'
    )
  if (!ADDENDUM_TYPES.has(entry.type)) throw new DomainError('INVALID_STATE', 'A signed-off record takes only notes and vitals as addenda')
  return true
}
