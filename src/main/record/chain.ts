/**
 * The per-session hash chain over the session record. Each entry's seal is SHA-256 over the
 * previous entry's hash and the entry's stored row, written in the same transaction as the
 * entry (appendEvent). Changing, removing or slipping in a row behind the app's back breaks
 * the chain at that entry, and verifySessionChain says which.
 *
 * An unkeyed chain is tamper-evident, not tamper-proof: someone who rewrites an entry and then
 * recomputes every later seal is caught only by a copy of a later hash kept elsewhere (the
 * sign-off keeps one; an export can print one).
 */
import { createHash } from 'node:crypto'
import { chainInput, GENESIS_HASH, type IntegrityProblem, type IntegrityReport } from '../../shared/record/integrity'
import type { Db } from '../db/connection'
import { cached } from '../db/statements'

export const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex')

type Row = Record<string, unknown> & { id: number; session_id: number; seq: number }
interface SealRow {
  event_id: number
  session_id: number
  seq: number
  prev_hash: string
  hash: string
}

export function firstSealedEventId(db: Db): number {
  const row = cached(db, "SELECT value FROM integrity_meta WHERE key = 'first_sealed_event_id'").get() as { value: number } | undefined
  return row?.value ?? 1
}

/** The hash of the session's newest sealed entry, or the genesis hash. */
export function chainHead(db: Db, sessionId: number): { seq: number; hash: string } {
  // Prepared once per connection (db/statements.ts): every write reads the head and writes a seal.
  const row = cached(db, 'SELECT seq, hash FROM event_seals WHERE session_id = ? ORDER BY seq DESC LIMIT 1').get(sessionId) as
    | { seq: number; hash: string }
    | undefined
  return row ?? { seq: 0, hash: GENESIS_HASH }
}

function insertSeal(db: Db, row: Row, prevHash: string): string {
  const hash = sha256(chainInput(prevHash, row))
  cached(db, 'INSERT INTO event_seals (event_id, session_id, seq, prev_hash, hash) VALUES (?, ?, ?, ?, ?)').run(row.id, row.session_id, row.seq, prevHash, hash)
  return hash
}

/**
 * Seals a just-inserted event row. Call inside the transaction that inserted it. Entries from
 * before sealing existed are sealed first, in order, so the chain runs through the whole record;
 * an unsealed newer row (slipped in behind the app's back) is never sealed, so it stays flagged.
 */
export function sealEvent(db: Db, row: Row): void {
  let head = chainHead(db, row.session_id)
  if (head.seq < row.seq - 1) {
    const legacy = db
      .prepare('SELECT e.* FROM events e LEFT JOIN event_seals s ON s.event_id = e.id WHERE e.session_id = ? AND e.seq > ? AND e.seq < ? AND e.id < ? AND s.event_id IS NULL ORDER BY e.seq')
      .all(row.session_id, head.seq, row.seq, firstSealedEventId(db)) as Row[]
    for (const old of legacy) head = { seq: old.seq, hash: insertSeal(db, old, head.hash) }
  }
  insertSeal(db, row, head.hash)
}

/**
 * Checks every entry of a session against its seal: each seal must cover its row as stored now
 * and follow the previous seal, and the entries must be numbered 1, 2, 3... with none missing.
 */
export function verifySessionChain(db: Db, sessionId: number): IntegrityReport {
  const rows = db.prepare('SELECT * FROM events WHERE session_id = ? ORDER BY seq').all(sessionId) as Row[]
  const seals = new Map(
    (db.prepare('SELECT * FROM event_seals WHERE session_id = ? ORDER BY seq').all(sessionId) as SealRow[]).map((s) => [s.seq, s])
  )
  const firstSealed = firstSealedEventId(db)
  const problems: IntegrityProblem[] = []
  let checked = 0
  let unsealedLegacy = 0
  let prevHash = GENESIS_HASH
  let expectedSeq = 1
  for (const row of rows) {
    for (; expectedSeq < row.seq; expectedSeq++) {
      problems.push({ seq: expectedSeq, eventId: seals.get(expectedSeq)?.event_id ?? null, problem: `entry #${expectedSeq} is missing from the record` })
      const gone = seals.get(expectedSeq)
      if (gone) prevHash = gone.hash
    }
    expectedSeq = row.seq + 1
    const seal = seals.get(row.seq)
    if (!seal) {
      if (row.id < firstSealed && checked === 0) unsealedLegacy++
      else problems.push({ seq: row.seq, eventId: row.id, problem: `entry #${row.seq} has no seal: it was not written by this app` })
      continue
    }
    checked++
    if (seal.event_id !== row.id) {
      problems.push({ seq: row.seq, eventId: row.id, problem: `entry #${row.seq} is not the entry that was sealed under that number` })
    } else if (seal.prev_hash !== prevHash) {
      problems.push({ seq: row.seq, eventId: row.id, problem: `the seal of entry #${row.seq} does not follow the entry before it` })
    } else if (sha256(chainInput(seal.prev_hash, row)) !== seal.hash) {
      problems.push({ seq: row.seq, eventId: row.id, problem: `entry #${row.seq} was changed after it was recorded` })
    }
    prevHash = seal.hash
  }
  // Seals beyond the last row: entries removed from the end.
  for (const seal of seals.values()) {
    if (seal.seq >= expectedSeq) problems.push({ seq: seal.seq, eventId: seal.event_id, problem: `entry #${seal.seq} is missing from the record` })
  }
  return { intact: problems.length === 0, checked, unsealedLegacy, problems }
}
