/**
 * The time each new entry is recorded at, under the clock policy of shared/domain/clockJump.ts:
 * never before the session's last entry, and every clock jump noted in the record it affects.
 */
import { clockBehindRecord, recordTime, type ClockJumpPayload } from '../../shared/domain/clockJump'
import type { Session } from '../../shared/domain/session'
import type { Db } from '../db/connection'
import { cached } from '../db/statements'
import type { ServiceContext } from './context'
import { appendEvent } from './eventStore'

/** When the session's newest entry was recorded, or null if it has none. */
export function lastRecordedAt(db: Db, sessionId: number): number | null {
  const row = cached(db, 'SELECT recorded_at FROM events WHERE session_id = ? ORDER BY seq DESC LIMIT 1').get(sessionId) as
    | { recorded_at: number }
    | undefined
  return row?.recorded_at ?? null
}

/** When the newest entry of the whole database was recorded: the app's clock starts no earlier. */
export function newestRecordedAt(db: Db): number | null {
  const row = cached(db, 'SELECT recorded_at FROM events ORDER BY id DESC LIMIT 1').get() as { recorded_at: number } | undefined
  return row?.recorded_at ?? null
}

/**
 * The time to record the next entry of `session` at. Call inside the entry's transaction: the
 * notes of clock jumps it writes first are part of the same commit (and go if the entry is refused).
 * The notes carry the author of the entry during which the app saw the jump.
 */
export function takeRecordTime(ctx: ServiceContext, session: Session, authorId: number): number {
  const { db, clock } = ctx
  const wall = clock.now()
  const last = lastRecordedAt(db, session.id)
  const note = (at: number, payload: ClockJumpPayload) =>
    appendEvent(db, { sessionId: session.id, type: 'clock_jump', occurredAt: at, recordedAt: Math.max(at, wall), authorId, payload })
  for (const jump of clock.jumpsSince?.(last ?? session.createdAt) ?? []) {
    note(jump.detectedAt, { byMs: jump.byMs, wallAt: jump.wallAt, seenBy: 'steady' })
  }
  const behind = clockBehindRecord(last, wall)
  const now = recordTime(last, wall)
  if (behind !== null) note(now, { byMs: -behind, wallAt: wall, seenBy: 'record' })
  return now
}
