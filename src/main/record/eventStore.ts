import type { EntrySource, EventType, SessionEvent } from '../../shared/record/events'
import type { Db } from '../db/connection'
import { toEvent, type EventRow } from '../db/rows'
import { cached } from '../db/statements'
import { noteAppended, noteOpenSessionsChanged } from '../db/changes'
import { sealEvent } from './chain'

export function loadEvents(db: Db, sessionId: number): SessionEvent[] {
  return (cached(db, 'SELECT * FROM events WHERE session_id = ? ORDER BY seq').all(sessionId) as EventRow[]).map(toEvent)
}

/** The session's entries after `seq`: the record is append-only, so these and the earlier ones are the whole of it. */
export function loadEventsAfter(db: Db, sessionId: number, seq: number): SessionEvent[] {
  return (cached(db, 'SELECT * FROM events WHERE session_id = ? AND seq > ? ORDER BY seq').all(sessionId, seq) as EventRow[]).map(
    toEvent
  )
}

/**
 * The part of the record that decides what may be entered next: infusion actions, the end,
 * the discharge, and amendments (which may touch them). Vitals and notes are left out so a write stays cheap
 * in an eight-hour session with thousands of entries. The type list repeats the WHERE clause of
 * the partial index events_control (migration 006) exactly, in the same order: that is what lets
 * SQLite read these rows from the index instead of every row of the session.
 */
export const CONTROL_EVENTS_SQL = `SELECT * FROM events WHERE session_id = ? AND type IN
         ('infusion_started','rate_changed','infusion_paused','infusion_resumed','infusion_stopped','session_ended','discharge','correction','entered_in_error')
         ORDER BY seq`

export function loadControlEvents(db: Db, sessionId: number): SessionEvent[] {
  return (cached(db, CONTROL_EVENTS_SQL).all(sessionId) as EventRow[]).map(toEvent)
}

export function loadEvent(db: Db, id: number): SessionEvent | undefined {
  const row = cached(db, 'SELECT * FROM events WHERE id = ?').get(id) as EventRow | undefined
  return row && toEvent(row)
}

export interface NewEvent {
  sessionId: number
  type: EventType
  occurredAt: number
  recordedAt: number
  authorId: number
  /** Who or what the entry came from: the app's own notes say so, and do not pass for the author's. */
  source: EntrySource
  payload: unknown
  amendsEventId?: number
  reason?: string
}

/** Appends one entry with the session's next sequence number, sealed into the session's hash chain. Call inside a transaction. */
export function appendEvent(db: Db, e: NewEvent): SessionEvent {
  const next = cached(db, 'SELECT COALESCE(MAX(seq), 0) + 1 FROM events WHERE session_id = ?').pluck().get(e.sessionId) as number
  const insert = cached(
    db,
    `INSERT INTO events (session_id, seq, type, occurred_at, recorded_at, author_id, payload, amends_event_id, reason, source_kind, source_device)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING *`
  )
  const row = insert.get(
    e.sessionId,
    next,
    e.type,
    e.occurredAt,
    e.recordedAt,
    e.authorId,
    JSON.stringify(e.payload),
    e.amendsEventId ?? null,
    e.reason ?? null,
    e.source.kind,
    e.source.kind === 'device' ? JSON.stringify(e.source.device) : null
  ) as EventRow
  // The seal is written with the entry, in the same transaction: no entry exists unsealed.
  sealEvent(db, row as unknown as EventRow & Record<string, unknown>)
  // Told to the windows once the caller's transaction has committed (see db/changes.ts).
  noteAppended(db, row.session_id, row.seq)
  // The end takes the session off the open list (the trigger of migration 007, in this same insert).
  if (row.type === 'session_ended') noteOpenSessionsChanged(db)
  return toEvent(row)
}
