/**
 * The course's safety columns (CourseExtras): how many alerts each session raised (alertHistory,
 * the same list the report prints) and its PHQ-9 and GAD-7 scores before and after.
 */
import { alertHistory } from '../safety/alertHistory'
import type { CourseExtras, ScaleScores } from './course'
import type { SessionEvent } from '../record/events'
import { safetyOf } from '../protocols/protocols'
import { effectiveEntries, liveEntries } from '../record/record'
import { prePostScores } from '../therapy/scaleCourse'
import type { Session } from '../sessions/session'

export function courseSafetyExtras(sessions: readonly { session: Session; events: readonly SessionEvent[] }[], now: number): CourseExtras {
  const bySession = new Map<number, { alerts: number; scales: ScaleScores[] }>()
  for (const { session, events } of sessions) {
    const entries = effectiveEntries(events)
    const end = liveEntries(entries).find((e) => e.entry.type === 'session_ended')?.occurredAt
    const alerts = alertHistory(entries, session.plan, safetyOf(session.protocol ?? null), end ?? now).length
    bySession.set(session.id, { alerts, scales: prePostScores(entries) })
  }
  return { alerts: (id) => bySession.get(id)?.alerts ?? null, scales: (id) => bySession.get(id)?.scales ?? [] }
}
