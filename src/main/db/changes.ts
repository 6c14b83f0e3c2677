/**
 * What the writes of one call changed, noted by the code that writes it, on the connection it
 * wrote through. The call's caller takes the notes once the call has returned (its transaction has
 * committed by then: transactions are synchronous) and tells the windows; a failed call's notes
 * are dropped. Only what changed is noted, never the data itself.
 */
import type { Db } from './connection'

export interface Changes {
  /** Per session written to: the newest sequence number appended. */
  appended: Map<number, number>
  /** A session was opened or ended. */
  openSessions: boolean
  /** Staff, PINs or the clinic's settings: what the sign-in screen and the permissions show. */
  people: boolean
}

const pending = new WeakMap<Db, Changes>()

function changesOf(db: Db): Changes {
  let changes = pending.get(db)
  if (!changes) {
    changes = { appended: new Map(), openSessions: false, people: false }
    pending.set(db, changes)
  }
  return changes
}

export function noteAppended(db: Db, sessionId: number, seq: number): void {
  const appended = changesOf(db).appended
  appended.set(sessionId, Math.max(appended.get(sessionId) ?? 0, seq))
}

export function noteOpenSessionsChanged(db: Db): void {
  changesOf(db).openSessions = true
}

export function notePeopleChanged(db: Db): void {
  changesOf(db).people = true
}

/** The notes since the last take, cleared; null when nothing was noted. */
export function takeChanges(db: Db): Changes | null {
  const changes = pending.get(db) ?? null
  pending.delete(db)
  return changes
}
