import { useCallback, useMemo, useRef } from 'react'
import { alertHistory, type RaisedAlert } from '../../../../shared/safety/alertHistory'
import { activeAlerts, type Alert, type Baseline } from '../../../../shared/safety/alerts'
import { updateAlerts, type TrackedAlerts } from '../../../../shared/safety/alertsAppend'
import { preInfusionProblems, preInfusionState, type CheckProblem, type PreInfusionState } from '../../../../shared/safety/checks'
import type { Patient } from '../../../../shared/people/people'
import { ageInYears, safetyOf, type SafetySettings } from '../../../../shared/protocols/protocols'
import type { EffectiveEntry } from '../../../../shared/record/record'
import type { Session } from '../../../../shared/sessions/session'

export interface Safety {
  settings: SafetySettings
  alerts: Alert[]
  /** What rises are measured from; null while there is none (rise alerts inactive). */
  baseline: Baseline | null
  /** Every alert raised up to `at`, with its responses and how it ended (walks the record: call on demand). */
  historyAt: (at: number) => RaisedAlert[]
  /** The checks as they stand now (null once the infusion has started). */
  preInfusion: PreInfusionState | null
  /** What stands in the way of starting now; empty for a session without a protocol. */
  startProblems: CheckProblem[]
  /** When the patient was discharged, or null. */
  dischargedAt: number | null
}

/**
 * Alerts and checks for the console. The record-derived part is recomputed when the record
 * changes; each clock tick only adds the time-driven rules (a few comparisons), so a long session
 * with thousands of vitals costs no more per tick than a short one.
 */
export function useSafety(session: Session | undefined, patient: Patient | undefined, entries: readonly EffectiveEntry[], now: number | null): Safety | null {
  const settings = useMemo(() => (session ? safetyOf(session.protocol ?? null) : null), [session])
  // A new vitals set at the end of the record only adds its own alerts (updateAlerts): walking an
  // eight-hour record for each one took longer than a frame.
  const tracked = useRef<TrackedAlerts | null>(null)
  const facts = useMemo(() => {
    if (!session || !settings) return null
    tracked.current = updateAlerts(tracked.current, entries, session.plan, settings)
    return tracked.current.facts
  }, [entries, session, settings])
  const alerts = useMemo(
    () => (facts && session && settings && now !== null ? activeAlerts(facts, session.plan, settings, now) : []),
    [facts, session, settings, now]
  )
  const started = facts?.infusion.status !== 'not_started'
  // Entries are never in the future, so "at or before the start" is every entry so far.
  const preInfusion = useMemo(() => (started ? null : preInfusionState(entries, Number.MAX_SAFE_INTEGER)), [entries, started])
  const startProblems = useMemo(() => {
    if (!preInfusion || !settings || !session?.protocol || !patient || now === null) return []
    return preInfusionProblems(preInfusion, settings, ageInYears(patient.dateOfBirth, now))
  }, [preInfusion, settings, session, patient, now])
  // Looked up only once the facts say there is a live discharge (a walk of the record otherwise).
  const discharged = facts?.discharged ?? false
  const dischargedAt = useMemo(
    () => (discharged ? (entries.find((e) => e.voided === null && e.entry.type === 'discharge')?.occurredAt ?? null) : null),
    [entries, discharged]
  )
  const historyAt = useCallback(
    (at: number) => (session && settings ? alertHistory(entries, session.plan, settings, at) : []),
    [entries, session, settings]
  )
  if (!settings || !facts) return null
  return { settings, alerts, baseline: facts.baseline, historyAt, preInfusion, startProblems, dischargedAt }
}
