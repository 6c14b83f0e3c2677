/**
 * Every alert a session raised, with the responses given to it: the report's "Alerts and
 * responses" and the course's alert count. Derived from the record with the same rules as the
 * live alerts (alerts.ts), up to `asOf` (the session's end, or now while it is open).
 *
 * Entry-raised alerts (a vital past its limit, a rise from baseline, PHQ-9 item 9) come from
 * alertFacts. The planned total reached and the planned duration passed come from clockAlerts at
 * `asOf`. Overdue vitals are replayed through the record, because an overdue alert ends when the
 * next vitals are recorded: each stretch without vitals past the interval is one row, whose
 * acknowledgements are those of any of its missed checks. An alert an earlier version of a
 * corrected entry, or an entry marked in error, raised, and the record no longer raises as it
 * was, keeps a row saying the correction withdrew or changed it, or that the entry was marked in error. An acknowledgement that matches no derived alert (a
 * back-timed entry closed the gap, say) still gets its own row: every response in the record is shown.
 */
import { acknowledgedKey, alertFacts, clockAlerts, missedChecks, overdueMessage, scaleAlerts, vitalsAlerts, vitalsDue, type Alert, type AlertFacts } from './alerts'
import { entryOf, type CorrectionPayload } from '../record/events'
import { applyAction, INITIAL_INFUSION, type InfusionState } from '../record/infusion'
import type { SessionPlan } from '../record/plan'
import type { SafetySettings } from '../protocols/protocols'
import { infusionActions, liveEntries, type EffectiveEntry } from '../record/record'
import type { AlertResponse, AlertRule } from '../record/safetyPayloads'

export const ALERT_RULE_LABELS: Record<AlertRule, string> = {
  vital_limit: 'Vital sign past its limit',
  baseline_rise: 'Rise from baseline',
  vitals_overdue: 'Vitals overdue',
  dose_reached: 'Planned total reached',
  duration_exceeded: 'Planned duration passed',
  phq9_self_harm: 'PHQ-9 item 9 positive',
  sedation: 'Sedation (MOAA/S)'
}

export interface AlertResponseEntry {
  seq: number
  at: number
  authorId: number
  response: AlertResponse
  note: string | null
  alertKey: string
  /** The value acknowledged, for an alert raised by a value (acknowledgements from before values were kept have none). */
  value: number | null
  rule: AlertRule
  /** The alert as it read when it was acknowledged. */
  message: string
}

export type OverdueEnd = 'vitals recorded' | 'infusion stopped' | 'discharged' | 'session ended'
export type AlertEnd = OverdueEnd | 'withdrawn by a correction' | 'changed by a correction' | 'entry marked in error'

export interface RaisedAlert {
  rule: AlertRule
  severity: Alert['severity']
  message: string
  since: number
  responses: AlertResponseEntry[]
  /**
   * When the alert stopped standing, and why: an overdue stretch ended, or a correction withdrew the
   * alert (the value is now within limits) or changed it (another value, with its own row); else null.
   */
  ended: { at: number; by: AlertEnd } | null
}

type Phase = 'infusion' | 'recovery'

interface OverdueStretch {
  /** The schedule that set the due time (alerts.ts vitalsDue). */
  phase: Phase
  lastId: number | null
  lastAt: number | null
  dueAt: number
  intervalMin: number
  /** The most checks missed in the stretch. */
  missed: number
  until: number
  ended: RaisedAlert['ended']
}

/** The key prefix of one stretch's overdue alerts (alerts.ts adds the number of missed checks). */
const overduePrefix = (phase: Phase, lastId: number | null) => `vitals_overdue:${phase}:${lastId ?? 'none'}:`

/**
 * Replays the record in clinical order. Between two entries the state is fixed, and alerts.ts's
 * overdue rule (vitalsDue, missedChecks) applies as it stands.
 */
export function overdueStretches(entries: readonly EffectiveEntry[], plan: SessionPlan, safety: SafetySettings, asOf: number): OverdueStretch[] {
  const out: OverdueStretch[] = []
  let infusion: InfusionState = INITIAL_INFUSION
  let last: { at: number; id: number } | null = null
  let stop = false
  const consider = (until: number, endedBy: OverdueEnd | null) => {
    if (stop) return
    const due = vitalsDue(infusion, last, safety)
    if (!due) return
    const missed = missedChecks(due, until)
    if (missed === 0) return
    const prev = out.at(-1)
    const ended = endedBy ? { at: until, by: endedBy } : null
    // A pause, a rate change or the stop inside a stretch does not start a new one: the same cause goes on.
    if (prev && prev.phase === due.schedule && prev.lastId === (last?.id ?? null) && prev.dueAt === due.dueAt) {
      Object.assign(prev, { missed, until, ended })
      return
    }
    out.push({ phase: due.schedule, lastId: last?.id ?? null, lastAt: last?.at ?? null, dueAt: due.dueAt, intervalMin: due.intervalMin, missed, until, ended })
  }
  for (const e of liveEntries(entries)) {
    if (e.occurredAt > asOf) break
    const entry = e.entry
    const change: OverdueEnd | null =
      entry.type === 'vitals' ? 'vitals recorded' : entry.type === 'infusion_stopped' ? 'infusion stopped' : entry.type === 'discharge' ? 'discharged' : entry.type === 'session_ended' ? 'session ended' : null
    const actions = infusionActions([e])
    if (!change && actions.length === 0) continue
    consider(e.occurredAt, change)
    if (entry.type === 'vitals' && (!last || e.occurredAt >= last.at)) last = { at: e.occurredAt, id: e.original.id }
    for (const a of actions) infusion = applyAction(infusion, a, plan)
    if (entry.type === 'discharge' || entry.type === 'session_ended') stop = true
  }
  consider(asOf, null)
  return out
}

/** The alerts raised in the session up to `asOf`, each with its responses, oldest first. */
export function alertHistory(entries: readonly EffectiveEntry[], plan: SessionPlan, safety: SafetySettings, asOf: number): RaisedAlert[] {
  const live = liveEntries(entries).filter((e) => e.occurredAt <= asOf)
  const acks: AlertResponseEntry[] = live.flatMap((e) =>
    e.entry.type === 'alert_acknowledged'
      ? [
          {
            seq: e.original.seq,
            at: e.occurredAt,
            authorId: e.original.authorId,
            response: e.entry.ack.response,
            note: e.entry.ack.note ?? null,
            alertKey: e.entry.ack.alertKey,
            value: e.entry.ack.value ?? null,
            rule: e.entry.ack.rule,
            message: e.entry.ack.message
          }
        ]
      : []
  )
  // Indexed once: a long session can hold thousands of alerts and acknowledgements.
  const byKey = new Map<string, AlertResponseEntry[]>()
  const byPrefix = new Map<string, AlertResponseEntry[]>()
  const index = (map: Map<string, AlertResponseEntry[]>, key: string, a: AlertResponseEntry) => {
    const list = map.get(key)
    if (list) list.push(a)
    else map.set(key, [a])
  }
  for (const a of acks) {
    index(byKey, a.alertKey, a)
    if (a.alertKey.startsWith('vitals_overdue:')) index(byPrefix, a.alertKey.slice(0, a.alertKey.lastIndexOf(':') + 1), a)
  }
  const claimed = new Set<AlertResponseEntry>()
  const take = (found: readonly AlertResponseEntry[] | undefined, value?: number) => {
    // An acknowledgement is for the value it was given for (one without a value covers its cause).
    const free = (found ?? []).filter((a) => !claimed.has(a) && (a.value === null || a.value === value))
    free.forEach((a) => claimed.add(a))
    return free
  }
  const rows: RaisedAlert[] = []

  // Facts as they stood while the session was open: the end itself silences alerts, not their history.
  const facts = { ...alertFacts(live, plan, safety), ended: false }
  const oneOff = (a: Alert) => rows.push({ rule: a.rule, severity: a.severity, message: a.message, since: a.since, responses: take(byKey.get(a.key), a.value), ended: null })
  facts.raised.forEach(oneOff)
  // Ahead of the rest (the sort below is stable): what was replaced reads before what replaced it.
  const away = correctedAway(entries.filter((e) => e.occurredAt <= asOf), facts, safety).map(({ alert: a, ended }): RaisedAlert => ({ rule: a.rule, severity: a.severity, message: a.message, since: a.since, responses: take(byKey.get(a.key), a.value), ended }))
  rows.unshift(...away)
  clockAlerts(facts, plan, safety, asOf)
    .filter((a) => a.rule !== 'vitals_overdue')
    .forEach(oneOff)

  for (const s of overdueStretches(live, plan, safety, asOf)) {
    const prefix = overduePrefix(s.phase, s.lastId)
    const due = { schedule: s.phase, dueAt: s.dueAt, intervalMin: s.intervalMin }
    rows.push({ rule: 'vitals_overdue', severity: 'warning', message: overdueMessage(due, s.missed, s.lastAt), since: s.dueAt, responses: take(byPrefix.get(prefix)), ended: s.ended })
  }

  for (const a of acks) {
    if (claimed.has(a)) continue
    const severity = a.rule === 'vitals_overdue' || a.rule === 'dose_reached' || a.rule === 'duration_exceeded' ? 'warning' : 'critical'
    rows.push({ rule: a.rule, severity, message: a.message, since: a.at, responses: [a], ended: null })
  }
  return rows.sort((a, b) => a.since - b.since)
}

/**
 * The alerts that corrected entries, and entries marked in error, raised and the record as it
 * stands no longer raises with the same value. Each version of an entry is compared with the one
 * that replaced it: the alert was changed by the correction (the next version raises the same
 * cause with another value, in a row of its own), withdrawn by it (the cause is gone), or went
 * with the entry marked in error. Newest versions first, so an alert that stood through several
 * versions ends where it last stood.
 */
function correctedAway(entries: readonly EffectiveEntry[], facts: AlertFacts, safety: SafetySettings): { alert: Alert; ended: NonNullable<RaisedAlert['ended']> }[] {
  const standing = new Set(facts.raised.map(acknowledgedKey))
  const startedAt = facts.infusion.startedAt
  const out: { alert: Alert; ended: NonNullable<RaisedAlert['ended']> }[] = []
  for (const e of entries) {
    if (e.entry.type !== 'vitals' && e.entry.type !== 'scale') continue
    if (e.voided === null && e.corrections.length === 0) continue
    const versions = [{ entry: entryOf(e.original), occurredAt: e.original.occurredAt }, ...e.corrections.map((c) => c.payload as CorrectionPayload)]
    const alertsOf = (i: number): Alert[] => {
      const v = versions[i]!
      if (v.entry.type === 'scale') return scaleAlerts(v.entry.scale, v.occurredAt, e.original.id, safety)
      if (v.entry.type !== 'vitals') return []
      // Measured from the baseline as the record now stands (never from the entry itself).
      const afterStart = startedAt !== null && v.occurredAt > startedAt
      const baseline = afterStart && facts.baseline && facts.baseline.id !== e.original.id ? facts.baseline : null
      return vitalsAlerts(v.entry.vitals, v.occurredAt, e.original.id, baseline, safety)
    }
    const seen = new Set<string>()
    // Versions that ended: all of them for an entry marked in error, all but the current one otherwise.
    for (let i = e.voided ? versions.length - 1 : versions.length - 2; i >= 0; i--) {
      const replacedBy = i < e.corrections.length ? e.corrections[i]! : null
      const nextCauses = replacedBy ? new Set(alertsOf(i + 1).map((a) => a.key)) : new Set<string>()
      for (const alert of alertsOf(i)) {
        const key = acknowledgedKey(alert)
        if ((e.voided === null && standing.has(key)) || seen.has(key)) continue
        seen.add(key)
        const ended: NonNullable<RaisedAlert['ended']> = replacedBy
          ? { at: replacedBy.recordedAt, by: nextCauses.has(alert.key) ? 'changed by a correction' : 'withdrawn by a correction' }
          : { at: e.voided!.recordedAt, by: 'entry marked in error' }
        out.push({ alert, ended })
      }
    }
  }
  return out
}
