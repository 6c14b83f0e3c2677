/**
 * Every alert a session raised, with the responses given to it: the report's "Alerts and
 * responses" and the course's alert count. Derived from the record with the same rules as the
 * live alerts (alerts.ts), up to `asOf` (the session's end, or now while it is open).
 *
 * Entry-raised alerts (a vital past its limit, a rise from baseline, PHQ-9 item 9) come from
 * alertFacts. The planned total reached and the planned duration passed come from clockAlerts at
 * `asOf`. Overdue vitals are replayed through the record, because an overdue alert ends when the
 * next vitals are recorded: each stretch without vitals past the interval is one row, whose
 * acknowledgements are those of any of its missed checks. An acknowledgement that matches no
 * derived alert (its entry was corrected since, or a back-timed entry closed the gap) still gets
 * its own row: every response in the record is shown.
 */
import { alertFacts, clockAlerts, type Alert } from './alerts'
import { applyAction, INITIAL_INFUSION, type InfusionState } from '../record/infusion'
import { formatClock } from '../record/messages'
import type { SessionPlan } from '../record/plan'
import type { SafetySettings } from '../protocols/protocols'
import { infusionActions, liveEntries, type EffectiveEntry } from '../record/record'
import type { AlertResponse, AlertRule } from '../record/safetyPayloads'

const MS_PER_MIN = 60_000

export const ALERT_RULE_LABELS: Record<AlertRule, string> = {
  vital_limit: 'Vital sign past its limit',
  baseline_rise: 'Rise from baseline',
  vitals_overdue: 'Vitals overdue',
  dose_reached: 'Planned total reached',
  duration_exceeded: 'Planned duration passed',
  phq9_self_harm: 'PHQ-9 item 9 positive'
}

export interface AlertResponseEntry {
  seq: number
  at: number
  authorId: number
  response: AlertResponse
  note: string | null
  alertKey: string
  rule: AlertRule
  /** The alert as it read when it was acknowledged. */
  message: string
}

export type OverdueEnd = 'vitals recorded' | 'infusion stopped' | 'discharged' | 'session ended'

export interface RaisedAlert {
  rule: AlertRule
  severity: Alert['severity']
  message: string
  since: number
  responses: AlertResponseEntry[]
  /** Overdue vitals only: when the stretch ended and why; null while it still stood at `asOf`. */
  ended: { at: number; by: OverdueEnd } | null
}

const PHASE_WORDS = { infusion: 'during infusion', recovery: 'in recovery' } as const
type Phase = keyof typeof PHASE_WORDS

interface OverdueStretch {
  phase: Phase
  lastId: number | null
  lastAt: number | null
  from: number
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
 * overdue rule reads: due one interval after the later of the last vitals and the phase's start;
 * overdue (strictly) after that, with ceil(elapsed / interval) - 1 checks missed.
 */
export function overdueStretches(entries: readonly EffectiveEntry[], plan: SessionPlan, safety: SafetySettings, asOf: number): OverdueStretch[] {
  const out: OverdueStretch[] = []
  let infusion: InfusionState = INITIAL_INFUSION
  let last: { at: number; id: number } | null = null
  let stop = false
  const consider = (until: number, endedBy: OverdueEnd | null) => {
    const phase: Phase | null = infusion.status === 'running' || infusion.status === 'paused' ? 'infusion' : infusion.status === 'stopped' ? 'recovery' : null
    if (!phase || stop) return
    const phaseStart = phase === 'infusion' ? infusion.startedAt! : infusion.stoppedAt!
    const intervalMin = safety.vitalsIntervalMin[phase]
    const interval = intervalMin * MS_PER_MIN
    const from = last && last.at > phaseStart ? last.at : phaseStart
    if (until <= from + interval) return
    const missed = Math.ceil((until - from) / interval) - 1
    const prev = out.at(-1)
    const ended = endedBy ? { at: until, by: endedBy } : null
    // A pause or a rate change inside a stretch does not start a new one: the same cause goes on.
    if (prev && prev.phase === phase && prev.lastId === (last?.id ?? null) && prev.from === from) {
      Object.assign(prev, { missed, until, ended })
      return
    }
    out.push({ phase, lastId: last?.id ?? null, lastAt: last?.at ?? null, from, intervalMin, missed, until, ended })
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

function overdueMessage(s: OverdueStretch): string {
  const missed = s.missed > 1 ? `, ${s.missed} checks missed` : ''
  const lastText = s.lastAt === null ? 'none recorded yet' : `last at ${formatClock(s.lastAt)}`
  return `Vitals overdue since ${formatClock(s.from + s.intervalMin * MS_PER_MIN)}${missed} (due every ${s.intervalMin} min ${PHASE_WORDS[s.phase]}; ${lastText})`
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
  const take = (found: readonly AlertResponseEntry[] | undefined) => {
    const free = (found ?? []).filter((a) => !claimed.has(a))
    free.forEach((a) => claimed.add(a))
    return free
  }
  const rows: RaisedAlert[] = []

  // Facts as they stood while the session was open: the end itself silences alerts, not their history.
  const facts = { ...alertFacts(live, plan, safety), ended: false }
  const oneOff = (a: Alert) => rows.push({ rule: a.rule, severity: a.severity, message: a.message, since: a.since, responses: take(byKey.get(a.key)), ended: null })
  facts.raised.forEach(oneOff)
  clockAlerts(facts, plan, safety, asOf)
    .filter((a) => a.rule !== 'vitals_overdue')
    .forEach(oneOff)

  for (const s of overdueStretches(live, plan, safety, asOf)) {
    const prefix = overduePrefix(s.phase, s.lastId)
    rows.push({ rule: 'vitals_overdue', severity: 'warning', message: overdueMessage(s), since: s.from + s.intervalMin * MS_PER_MIN, responses: take(byPrefix.get(prefix)), ended: s.ended })
  }

  for (const a of acks) {
    if (claimed.has(a)) continue
    const severity = a.rule === 'vitals_overdue' || a.rule === 'dose_reached' || a.rule === 'duration_exceeded' ? 'warning' : 'critical'
    rows.push({ rule: a.rule, severity, message: a.message, since: a.at, responses: [a], ended: null })
  }
  return rows.sort((a, b) => a.since - b.since)
}
