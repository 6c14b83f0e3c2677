/**
 * The time each new entry is recorded at, under the clock policy of shared/domain/clockJump.ts:
 * never before the session's last entry, and every clock jump noted in the record it affects.
 */
import { clockBehindRecord, recordTime, type ClockJumpPayload } from '../../shared/kernel/clockJump'
import type { Session } from '../../shared/sessions/session'
import type { Db } from '../db/connection'
import { cached } from '../db/statements'
import { toEvent, type EventRow } from '../db/rows'
import type { ServiceContext } from '../app/context'
import { appendEvent } from './eventStore'

/** When the session's newest entry was recorded, or null if it has none. */
export function lastRecordedAt(db: Db, sessionId: number): number | null {
  // pluck(): one value, no row object (better-sqlite3 builds a row constructor per call otherwise).
  const at = cached(db, 'SELECT recorded_at FROM events WHERE session_id = ? ORDER BY seq DESC LIMIT 1').pluck().get(sessionId) as number | undefined
  return at ?? null
}

const SYSTEM = { kind: 'system' } as const

const jumpKey = (at: number, byMs: number, wallAt: number) => `${at}:${byMs}:${wallAt}`

/** The jumps already noted in this session's record. Read only when the clock has jumped: rare. */
function notedJumps(db: Db, sessionId: number): Set<string> {
  const rows = cached(db, "SELECT * FROM events WHERE session_id = ? AND type = 'clock_jump'").all(sessionId) as EventRow[]
  return new Set(
    rows.map(toEvent).map((e) => {
      const p = e.payload as ClockJumpPayload
      return jumpKey(e.occurredAt, p.byMs, p.wallAt)
    })
  )
}

/** When the newest entry of the whole database was recorded: the app's clock starts no earlier. */
export function newestRecordedAt(db: Db): number | null {
  const at = cached(db, 'SELECT recorded_at FROM events ORDER BY id DESC LIMIT 1').pluck().get() as number | undefined
  return at ?? null
}

/**
 * The time to record the next entry of `session` at. Call inside the entry's transaction: the
 * notes of clock jumps it writes first are part of the same commit (and go if the entry is refused).
 * The notes are the app's own (source 'system'); they name the author of the entry during which
 * the app saw the jump, who was at the console when it happened.
 */
export function takeRecordTime(ctx: ServiceContext, session: Session, authorId: number): number {
  const { db, clock } = ctx
  const wall = clock.now()
  const last = lastRecordedAt(db, session.id)
  const note = (at: number, payload: ClockJumpPayload) =>
    appendEvent(db, { sessionId: session.id, type: 'clock_jump', occurredAt: at, recordedAt: Math.max(at, wall), authorId, source: SYSTEM, payload })
  // A jump seen in the same millisecond as the last entry counts too (one seen when the session
  // was opened does not), and the ones this record already holds are left out.
  const since = last === null ? session.createdAt : last - 1
  const candidates = clock.jumpsSince?.(since) ?? []
  if (candidates.length > 0) {
    const noted = notedJumps(db, session.id)
    for (const jump of candidates) {
      if (noted.has(jumpKey(jump.detectedAt, jump.byMs, jump.wallAt))) continue
      note(jump.detectedAt, { byMs: jump.byMs, wallAt: jump.wallAt, seenBy: 'steady' })
    }
  }
  const behind = clockBehindRecord(last, wall)
  const now = recordTime(last, wall)
  // Noted once per reading of the clock: entries written together (an acknowledgement that also
  // pauses the pump) share one reading, so they share one note.
  if (behind !== null && !notedJumps(db, session.id).has(jumpKey(now, -behind, wall))) note(now, { byMs: -behind, wallAt: wall, seenBy: 'record' })
  return now
}
