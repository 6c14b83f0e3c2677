/**
 * A patient's course: one row per session (date, protocol, delivered dose, peak blood pressure,
 * alerts, scale scores before and after), from each session's record. Alerts and scales come
 * through CourseExtras (courseSafety.ts); without them the row says "not recorded" (null), never 0.
 */
import type { SessionEvent } from '../record/events'
import { plannedTotalMg } from '../record/plan'
import { effectiveEntries, snapshotOf } from '../record/record'
import { liveVitals } from './report'
import type { Session } from '../sessions/session'

export interface ScaleScores {
  /** e.g. "PHQ-9", "GAD-7", "MADRS". */
  scale: string
  pre: number | null
  post: number | null
}

export interface CourseRow {
  sessionId: number
  date: number
  protocol: string
  plannedMg: number
  deliveredMg: number
  deliveredMgPerKg: number
  ended: boolean
  /** The highest systolic reading, with its diastolic; null without vitals. */
  peakBp: { systolic: number; diastolic: number; at: number } | null
  /** Alerts raised in the session, or null where alerts are not recorded. */
  alerts: number | null
  scales: ScaleScores[]
}

export interface CourseExtras {
  alerts?: (sessionId: number) => number | null
  scales?: (sessionId: number) => ScaleScores[]
}

export function protocolLabel(s: Session): string {
  const d = s.plan.plannedDose
  const dose = d.kind === 'mg/kg' ? `${d.value} mg/kg over ${s.plan.plannedDurationMin} min` : `${d.value} mg`
  return `${s.plan.drug} ${s.plan.route}, ${dose}`
}

export function courseRow(session: Session, events: readonly SessionEvent[], now: number, extras: CourseExtras = {}): CourseRow {
  const entries = effectiveEntries(events)
  const snapshot = snapshotOf(entries, session.plan, now)
  let peak: CourseRow['peakBp'] = null
  for (const v of liveVitals(entries)) {
    if (!peak || v.vitals.systolic > peak.systolic) peak = { systolic: v.vitals.systolic, diastolic: v.vitals.diastolic, at: v.at }
  }
  return {
    sessionId: session.id,
    date: session.createdAt,
    protocol: protocolLabel(session),
    plannedMg: plannedTotalMg(session.plan),
    deliveredMg: snapshot.deliveredMg,
    deliveredMgPerKg: snapshot.deliveredMgPerKg,
    ended: snapshot.endedAt !== null,
    peakBp: peak,
    alerts: extras.alerts ? extras.alerts(session.id) : null,
    scales: extras.scales ? extras.scales(session.id) : []
  }
}

/** Oldest first: a course reads forward in time. */
export function patientCourse(sessions: readonly { session: Session; events: readonly SessionEvent[] }[], now: number, extras: CourseExtras = {}): CourseRow[] {
  return sessions
    .map(({ session, events }) => courseRow(session, events, now, extras))
    .sort((a, b) => a.date - b.date || a.sessionId - b.sessionId)
}
