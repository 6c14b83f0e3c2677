/**
 * The open sessions as the lock and sign-in screens see them (no patient data; see
 * shared/domain/monitor.ts). Polled every few seconds while nobody is signed in, so each session's
 * entries and the facts derived from them are kept between polls: an unchanged record costs one
 * indexed look-up and the time-driven alert rules, however long the session; a changed one loads
 * only its new entries.
 */
import type { Db } from '../db/connection'
import type { SessionEvent } from '../../shared/record/events'
import { monitorFacts, monitoredSession, type MonitoredSession, type MonitorFacts } from '../../shared/safety/monitor'
import { effectiveEntries } from '../../shared/record/record'
import type { ServiceContext } from '../app/context'
import { loadEventsAfter } from '../record/eventStore'
import { sessionSafety } from '../protocols/sessionProtocol'
import { listOpenSessions } from '../sessions/sessions'

interface Held {
  events: SessionEvent[]
  facts: MonitorFacts
}

/**
 * Per connection (a restore swaps the connection, and with it this cache), per open session.
 * Entries are append-only and never change, so the held ones plus those with a higher seq are the
 * whole record.
 */
const cache = new WeakMap<Db, Map<number, Held>>()

export function monitorOpenSessions(ctx: ServiceContext): MonitoredSession[] {
  const { db } = ctx
  return db.transaction(() => {
    const now = ctx.clock.now()
    const known = cache.get(db) ?? new Map<number, Held>()
    const next = new Map<number, Held>()
    const result = listOpenSessions(ctx).map((s) => {
      const safety = sessionSafety(s)
      let held = known.get(s.id)
      const fresh = loadEventsAfter(db, s.id, held?.events.at(-1)?.seq ?? 0)
      if (!held || fresh.length > 0) {
        const events = held ? [...held.events, ...fresh] : fresh
        held = { events, facts: monitorFacts(effectiveEntries(events), s.plan, safety) }
      }
      next.set(s.id, held)
      return monitoredSession(s.id, s.plan, safety, held.facts, now)
    })
    // Only open sessions are kept: an ended one is dropped at the next poll.
    cache.set(db, next)
    return result
  })()
}
