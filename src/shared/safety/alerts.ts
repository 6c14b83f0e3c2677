/**
 * Live alerts, derived from the record, the session's safety settings and the clock alone, so
 * they are the same on every screen and after a restart.
 *
 * Every alert has a key naming its cause. An acknowledgement records that key, and an alert whose
 * key was acknowledged never shows again. Causes:
 *   vital_limit      one vital of one vitals entry outside an absolute limit  (rule, vital, side, entry)
 *   baseline_rise    one vital of one vitals entry risen from the baseline    (rule, vital, entry)
 *   phq9_self_harm   a PHQ-9 with item 9 above "not at all"                   (rule, entry)
 *   vitals_overdue   one missed due time after the last vitals in a phase     (rule, phase, last vitals entry, n-th missed)
 *   dose_reached     the delivered dose reaching the planned total            (once per session)
 *   duration_exceeded the pump still delivering after the planned duration    (once per session)
 * A corrected entry keeps its key (the same reading, fixed); an entry marked in error takes its
 * alerts with it. A new reading is a new cause, and so is each further missed vitals check.
 */
import { formatClock } from '../record/messages'
import { infusionState, rateSegments, type InfusionState, type RateSegment } from '../record/infusion'
import { plannedTotalMg, type SessionPlan } from '../record/plan'
import { LIMITED_VITALS, RISE_VITALS, type SafetySettings } from '../protocols/protocols'
import { infusionActions, liveEntries, type EffectiveEntry } from '../record/record'
import type { AlertRule } from '../record/safetyPayloads'
import { phq9SelfHarmPositive } from '../record/scales'
import { VITAL_LIMITS, type Vitals } from '../record/vitals'

const MS_PER_MIN = 60_000
const MS_PER_HOUR = 3_600_000

export interface Alert {
  key: string
  rule: AlertRule
  severity: 'critical' | 'warning'
  message: string
  /** When the cause arose (clinical time, epoch ms). */
  since: number
}

/** Everything alerts need from the record. Recompute when the record changes, not on every tick. */
export interface AlertFacts {
  /** Alerts raised by entries alone, acknowledged ones left out, newest first (all critical). */
  recordAlerts: Alert[]
  /** Every alert the entries raised, acknowledged or not, in clinical order (the report's history). */
  raised: Alert[]
  acknowledged: ReadonlySet<string>
  lastVitals: { at: number; id: number } | null
  infusion: InfusionState
  segments: RateSegment[]
  discharged: boolean
  ended: boolean
}

const unitOf = (vital: keyof Vitals) => (VITAL_LIMITS[vital].unit ? ` ${VITAL_LIMITS[vital].unit}` : '')

/** The alerts one vitals set raises (baseline: the latest vitals at or before the start, for one after it; else null). */
export function vitalsAlerts(vitals: Vitals, at: number, id: number, baseline: Vitals | null, safety: SafetySettings): Alert[] {
  const out: Alert[] = []
  const breached = new Set<string>()
  for (const vital of LIMITED_VITALS) {
    const { low, high } = safety.limits[vital]
    const value = vitals[vital]
    const label = VITAL_LIMITS[vital].label
    if (high !== null && value > high) {
      breached.add(vital)
      out.push({ key: `vital_limit:${vital}:high:${id}`, rule: 'vital_limit', severity: 'critical', since: at, message: `${label} ${value}${unitOf(vital)} at ${formatClock(at)} is above the limit of ${high}` })
    }
    if (low !== null && value < low) {
      breached.add(vital)
      out.push({ key: `vital_limit:${vital}:low:${id}`, rule: 'vital_limit', severity: 'critical', since: at, message: `${label} ${value}${unitOf(vital)} at ${formatClock(at)} is below the limit of ${low}` })
    }
  }
  if (baseline) {
    for (const vital of RISE_VITALS) {
      const limit = safety.riseFromBaseline[vital]
      // One reading, one vital, one alert: a reading already past its absolute limit says enough.
      if (limit === null || breached.has(vital)) continue
      const rise = vitals[vital] - baseline[vital]
      if (rise >= limit)
        out.push({
          key: `baseline_rise:${vital}:${id}`,
          rule: 'baseline_rise',
          severity: 'critical',
          since: at,
          message: `${VITAL_LIMITS[vital].label} ${vitals[vital]} mmHg at ${formatClock(at)} is ${rise} above the baseline of ${baseline[vital]} (alert at +${limit})`
        })
    }
  }
  return out
}

export function alertFacts(entries: readonly EffectiveEntry[], plan: SessionPlan, safety: SafetySettings): AlertFacts {
  const live = liveEntries(entries)
  const actions = infusionActions(live)
  const infusion = infusionState(actions, plan)
  const startedAt = infusion.startedAt
  const acknowledged = new Set<string>()
  const recordAlerts: Alert[] = []
  let baseline: Vitals | null = null
  let lastVitals: AlertFacts['lastVitals'] = null
  let discharged = false
  let ended = false
  // In clinical order: the baseline is the latest vitals at or before the start.
  for (const e of live) {
    const entry = e.entry
    if (entry.type === 'vitals') {
      const afterStart = startedAt !== null && e.occurredAt > startedAt
      if (!afterStart) baseline = entry.vitals
      recordAlerts.push(...vitalsAlerts(entry.vitals, e.occurredAt, e.original.id, afterStart ? baseline : null, safety))
      if (!lastVitals || e.occurredAt >= lastVitals.at) lastVitals = { at: e.occurredAt, id: e.original.id }
    } else if (entry.type === 'alert_acknowledged') acknowledged.add(entry.ack.alertKey)
    else if (entry.type === 'discharge') discharged = true
    else if (entry.type === 'session_ended') ended = true
    else if (entry.type === 'scale' && phq9SelfHarmPositive(entry.scale))
      recordAlerts.push({
        key: `phq9_self_harm:${e.original.id}`,
        rule: 'phq9_self_harm',
        severity: 'critical',
        since: e.occurredAt,
        message: `PHQ-9 at ${formatClock(e.occurredAt)}: item 9 (thoughts of death or self-harm) positive. Assess suicide risk now`
      })
  }
  // Sorted once here, so each clock tick only adds the few time-driven alerts.
  const pending = recordAlerts.filter((a) => !acknowledged.has(a.key)).sort(newestFirst)
  return { recordAlerts: pending, raised: recordAlerts, acknowledged, lastVitals, infusion, segments: rateSegments(actions, plan), discharged, ended }
}

/** When the delivered dose first reached `totalMg` while the pump was still running, or null. */
export function doseReachedAt(segments: readonly RateSegment[], totalMg: number, now: number): number | null {
  let acc = 0
  const tolerance = totalMg * 1e-9
  for (const seg of segments) {
    const end = Math.min(seg.to ?? now, now)
    if (end <= seg.from) continue
    const segMg = (seg.mgPerHour * (end - seg.from)) / MS_PER_HOUR
    if (acc + segMg >= totalMg - tolerance) {
      // Rounded up to the whole ms: the clock's resolution, so a stop at the planned end is not "past" it.
      const at = Math.max(seg.from, seg.from + Math.ceil(((totalMg - acc) / seg.mgPerHour) * MS_PER_HOUR - 1e-6))
      const stillRunning = seg.to === null || seg.to > now ? at <= now : at < seg.to
      return stillRunning ? at : null
    }
    acc += segMg
  }
  return null
}

/** When the pump, having delivered for the planned duration, went on delivering; or null. */
export function durationExceededAt(segments: readonly RateSegment[], plannedMs: number, now: number): number | null {
  let acc = 0
  for (const seg of segments) {
    const end = Math.min(seg.to ?? now, now)
    const length = end - seg.from
    if (length <= 0) continue
    if (acc + length > plannedMs) return seg.from + (plannedMs - acc)
    acc += length
  }
  return null
}

const PHASE_WORDS = { infusion: 'during infusion', recovery: 'in recovery' } as const

function overdueAlert(facts: AlertFacts, safety: SafetySettings, now: number): Alert | null {
  const { infusion } = facts
  if (facts.discharged) return null
  const phase = infusion.status === 'running' || infusion.status === 'paused' ? 'infusion' : infusion.status === 'stopped' ? 'recovery' : null
  if (!phase) return null
  const phaseStart = phase === 'infusion' ? infusion.startedAt! : infusion.stoppedAt!
  const intervalMin = safety.vitalsIntervalMin[phase]
  const interval = intervalMin * MS_PER_MIN
  const last = facts.lastVitals
  // Due one interval after the later of the last vitals and the start of this phase.
  const from = last && last.at > phaseStart ? last.at : phaseStart
  if (now <= from + interval) return null
  const missed = Math.ceil((now - from) / interval) - 1
  const dueAt = from + interval
  const lastText = last ? `last at ${formatClock(last.at)}` : 'none recorded yet'
  const missedText = missed > 1 ? `, ${missed} checks missed` : ''
  return {
    key: `vitals_overdue:${phase}:${last ? last.id : 'none'}:${missed}`,
    rule: 'vitals_overdue',
    severity: 'warning',
    since: from + missed * interval,
    message: `Vitals overdue since ${formatClock(dueAt)}${missedText} (due every ${intervalMin} min ${PHASE_WORDS[phase]}; ${lastText})`
  }
}

/** Alerts that the passing of time raises: overdue vitals, the planned total reached, the planned duration passed. */
export function clockAlerts(facts: AlertFacts, plan: SessionPlan, safety: SafetySettings, now: number): Alert[] {
  if (facts.ended) return []
  const out: Alert[] = []
  const overdue = overdueAlert(facts, safety, now)
  if (overdue) out.push(overdue)
  const total = plannedTotalMg(plan)
  const reached = doseReachedAt(facts.segments, total, now)
  if (reached !== null)
    out.push({
      key: 'dose_reached',
      rule: 'dose_reached',
      severity: 'warning',
      since: reached,
      message: `The delivered dose reached the planned total of ${total.toFixed(1)} mg at ${formatClock(reached)} with the infusion still running`
    })
  const exceeded = durationExceededAt(facts.segments, plan.plannedDurationMin * MS_PER_MIN, now)
  if (exceeded !== null)
    out.push({
      key: 'duration_exceeded',
      rule: 'duration_exceeded',
      severity: 'warning',
      since: exceeded,
      message: `The infusion has run past its planned ${plan.plannedDurationMin} min (since ${formatClock(exceeded)})`
    })
  return out
}

export const newestFirst = (a: Alert, b: Alert) => b.since - a.since

/**
 * The alerts to show now: not acknowledged, critical first (the entry-raised ones), then the
 * time-driven warnings, newest first within each. None once the session has ended.
 */
export function activeAlerts(facts: AlertFacts, plan: SessionPlan, safety: SafetySettings, now: number): Alert[] {
  if (facts.ended) return []
  const timed = clockAlerts(facts, plan, safety, now)
    .filter((a) => !facts.acknowledged.has(a.key))
    .sort(newestFirst)
  return timed.length === 0 ? facts.recordAlerts : [...facts.recordAlerts, ...timed]
}

/** The same, from the entries in one go (services, tests). */
export function alertsAt(entries: readonly EffectiveEntry[], plan: SessionPlan, safety: SafetySettings, now: number): Alert[] {
  return activeAlerts(alertFacts(entries, plan, safety), plan, safety, now)
}
