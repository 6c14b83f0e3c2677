/** A patient's scale scores across sessions: how the course of treatment is going. */
import type { EffectiveEntry } from './record'
import { liveEntries } from './record'
import type { ScalePayload } from './scales'

export interface CourseScale {
  sessionId: number
  sessionCreatedAt: number
  eventId: number
  occurredAt: number
  scale: ScalePayload
}

/** Live scale entries (corrections applied) of one session, in clinical order. */
export function courseScales(session: { id: number; createdAt: number }, entries: readonly EffectiveEntry[]): CourseScale[] {
  const out: CourseScale[] = []
  for (const e of liveEntries(entries)) {
    if (e.entry.type !== 'scale') continue
    out.push({ sessionId: session.id, sessionCreatedAt: session.createdAt, eventId: e.original.id, occurredAt: e.occurredAt, scale: e.entry.scale })
  }
  return out
}
