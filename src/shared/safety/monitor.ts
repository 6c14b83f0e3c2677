/**
 * What the lock and sign-in screens may know of an open session: the infusion's figures and its
 * active alerts, with nothing a patient could be recognised by. No name, code or date of birth,
 * and no free text at all (notes, reasons, responses, the patient's own report): the infusion
 * actions carry only type, time and rate, and the alerts are the console's own, whose messages
 * are built from figures and times.
 */
import { activeAlerts, alertFacts, type Alert, type AlertFacts } from './alerts'
import type { InfusionAction } from '../record/infusion'
import type { SessionPlan } from '../record/plan'
import type { SafetySettings } from '../protocols/protocols'
import { infusionActions, liveEntries, snapshotOfActions, type EffectiveEntry, type SessionSnapshot } from '../record/record'

export interface MonitoredSession {
  sessionId: number
  plan: SessionPlan
  /** The infusion's start, rate changes, pauses and stop as the record now stands (corrections applied). */
  actions: InfusionAction[]
  endedAt: number | null
  /** The active alerts at `at`: the console's list, from the same functions and settings. */
  alerts: Alert[]
  /** Main's clock when the alerts were derived. */
  at: number
}

/** The part that depends on the record only: worth keeping until the record changes. */
export interface MonitorFacts {
  actions: InfusionAction[]
  endedAt: number | null
  alerts: AlertFacts
}

export function monitorFacts(entries: readonly EffectiveEntry[], plan: SessionPlan, safety: SafetySettings): MonitorFacts {
  const ended = liveEntries(entries).find((e) => e.entry.type === 'session_ended')
  return { actions: infusionActions(entries), endedAt: ended ? ended.occurredAt : null, alerts: alertFacts(entries, plan, safety) }
}

export function monitoredSession(sessionId: number, plan: SessionPlan, safety: SafetySettings, facts: MonitorFacts, now: number): MonitoredSession {
  return { sessionId, plan, actions: facts.actions, endedAt: facts.endedAt, alerts: activeAlerts(facts.alerts, plan, safety, now), at: now }
}

/** The console's figures for a monitored session at `now` (the timers run on between fetches). */
export function monitoredSnapshot(m: Pick<MonitoredSession, 'actions' | 'endedAt' | 'plan'>, now: number): SessionSnapshot {
  return snapshotOfActions(m.actions, m.endedAt, m.plan, now)
}

/** How a monitored session is named where patients may not be: by its number alone. */
export const monitoredSessionLabel = (sessionId: number): string => `Session ${sessionId}`
