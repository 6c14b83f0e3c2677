/**
 * Live alerts, derived from the record, the session's safety settings and the clock alone, so
 * they are the same on every screen and after a restart.
 *
 * Every alert has a key naming its cause. An acknowledgement records that key, and an alert whose
 * key was acknowledged never shows again. Causes:
 *   vital_limit      one vital of one vitals entry outside an absolute limit  (rule, vital, side, entry)
 *   baseline_rise    one vital of one vitals entry risen from the baseline    (rule, vital, entry)
 *   phq9_self_harm   a PHQ-9 with item 9 above "not at all"                   (rule, entry)
 *   sedation         a MOAA/S score at or below a sedation limit              (rule, entry: vitals or scale)
 *   vitals_overdue   one missed due time after the last vitals                (rule, schedule, last vitals entry, n-th missed)
 *   dose_reached     the delivered dose passing the planned total             (once per session)
 *   duration_exceeded the pump still delivering after the planned duration    (once per session)
 * An alert raised by a value also carries the value (for a rise, the rise), and the acknowledgement
 * stores it: the acknowledgement is for what the person saw. A correction to another value raises
 * the alert again; a correction of the time alone does not. An entry marked in error takes its
 * alerts with it. A new reading is a new cause, and so is each further missed vitals check.
 */
import { formatClock } from '../record/messages'
import { infusionState, rateSegments, type InfusionState, type RateSegment } from '../record/infusion'
import { plannedTotalMg, type SessionPlan } from '../record/plan'
import { LIMITED_VITALS, RISE_VITALS, sedationLimits, type SafetySettings } from '../protocols/protocols'
import { infusionActions, liveEntries, type EffectiveEntry } from '../record/record'
import type { AlertRule } from '../record/safetyPayloads'
import { phq9SelfHarmPositive, type ScalePayload } from '../record/scales'
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
  /** The value that raised it (a reading, or a rise from the baseline), where one did. */
  value?: number
}

/** The reading rises are measured from: the latest vitals at or before the start, or else the first after it. */
export interface Baseline {
  vitals: Vitals
  at: number
  id: number
  /** True when no vitals were recorded before the start, so the first reading after it is the baseline. */
  afterStart: boolean
}

/** Everything alerts need from the record. Recompute when the record changes, not on every tick. */
export interface AlertFacts {
  /** Alerts raised by entries alone, acknowledged ones left out, high priority first, then newest first. */
  recordAlerts: Alert[]
  /** Every alert the entries raised, acknowledged or not, in clinical order (the report's history). */
  raised: Alert[]
  /** Acknowledged keys: `key@value` for an alert raised by a value, the bare key otherwise (see isAcknowledged). */
  acknowledged: ReadonlySet<string>
  /** Null while there is none: rise alerts are then inactive, and the console says so. */
  baseline: Baseline | null
  lastVitals: { at: number; id: number } | null
  infusion: InfusionState
  segments: RateSegment[]
  discharged: boolean
  ended: boolean
}

const unitOf = (vital: keyof Vitals) => (VITAL_LIMITS[vital].unit ? ` ${VITAL_LIMITS[vital].unit}` : '')

/** The acknowledgement's form of an alert's key: with the value it was raised by, when it has one. */
export const acknowledgedKey = (a: Pick<Alert, 'key' | 'value'>): string => (a.value === undefined ? a.key : `${a.key}@${a.value}`)

/**
 * Whether an acknowledgement covers the alert. Acknowledgements written before values were stored
 * hold the bare key, and keep covering their cause as they did when they were given.
 */
export const isAcknowledged = (acknowledged: ReadonlySet<string>, a: Pick<Alert, 'key' | 'value'>): boolean =>
  acknowledged.has(a.key) || (a.value !== undefined && acknowledged.has(acknowledgedKey(a)))

/** The baseline as the console and the report state it, with its time and where it came from. */
export function baselineSummary(b: Baseline | null): string {
  if (!b) return 'No baseline: rise alerts inactive'
  const where = b.afterStart ? 'first reading after the start' : 'before the start'
  return `Baseline ${b.vitals.systolic}/${b.vitals.diastolic} mmHg at ${formatClock(b.at)} (${where})`
}

const baselineWords = (b: Baseline) => (b.afterStart ? `first reading after the start, at ${formatClock(b.at)}` : `at ${formatClock(b.at)}`)

/** The alert a MOAA/S score raises under the session's sedation limits, or null. */
export function sedationAlert(score: number, at: number, id: number, withVitals: boolean, safety: SafetySettings): Alert | null {
  const { highAtOrBelow: high, mediumAtOrBelow: medium } = sedationLimits(safety)
  const where = withVitals ? ' (with the vitals)' : ''
  const base = { key: `sedation:${id}`, rule: 'sedation' as const, since: at, value: score }
  if (high !== null && score <= high)
    return { ...base, severity: 'critical', message: `MOAA/S ${score} at ${formatClock(at)}${where}: deep sedation (high priority at ${high} or below)` }
  if (medium !== null && score <= medium)
    return { ...base, severity: 'warning', message: `MOAA/S ${score} at ${formatClock(at)}${where}: sedation (medium priority at ${medium} or below)` }
  return null
}

/** The alerts one scale raises: PHQ-9 item 9 positive, a MOAA/S at or below a sedation limit. */
export function scaleAlerts(scale: ScalePayload, at: number, id: number, safety: SafetySettings): Alert[] {
  if (scale.kind === 'moaas') {
    const sedated = sedationAlert(scale.score, at, id, false, safety)
    return sedated ? [sedated] : []
  }
  if (!phq9SelfHarmPositive(scale)) return []
  return [
    {
      key: `phq9_self_harm:${id}`,
      rule: 'phq9_self_harm',
      severity: 'critical',
      since: at,
      message: `PHQ-9 at ${formatClock(at)}: item 9 (thoughts of death or self-harm) positive. Assess suicide risk now`
    }
  ]
}

/** The alerts one vitals set raises (baseline: for a reading after the start, the one it is measured from; else null). */
export function vitalsAlerts(vitals: Vitals, at: number, id: number, baseline: Baseline | null, safety: SafetySettings): Alert[] {
  const out: Alert[] = []
  const breached = new Set<string>()
  for (const vital of LIMITED_VITALS) {
    const { low, high } = safety.limits[vital]
    const value = vitals[vital]
    const label = VITAL_LIMITS[vital].label
    if (high !== null && value > high) {
      breached.add(vital)
      out.push({ key: `vital_limit:${vital}:high:${id}`, rule: 'vital_limit', severity: 'critical', since: at, value, message: `${label} ${value}${unitOf(vital)} at ${formatClock(at)} is above the limit of ${high}` })
    }
    if (low !== null && value < low) {
      breached.add(vital)
      out.push({ key: `vital_limit:${vital}:low:${id}`, rule: 'vital_limit', severity: 'critical', since: at, value, message: `${label} ${value}${unitOf(vital)} at ${formatClock(at)} is below the limit of ${low}` })
    }
  }
  if (baseline) {
    for (const vital of RISE_VITALS) {
      const limit = safety.riseFromBaseline[vital]
      // One reading, one vital, one alert: a reading already past its absolute limit says enough.
      if (limit === null || breached.has(vital)) continue
      const rise = vitals[vital] - baseline.vitals[vital]
      if (rise >= limit)
        out.push({
          key: `baseline_rise:${vital}:${id}`,
          rule: 'baseline_rise',
          severity: 'critical',
          since: at,
          value: rise,
          message: `${VITAL_LIMITS[vital].label} ${vitals[vital]} mmHg at ${formatClock(at)} is ${rise} above the baseline of ${baseline.vitals[vital]} (${baselineWords(baseline)}; alert at +${limit})`
        })
    }
  }
  if (vitals.sedation !== undefined) {
    const sedated = sedationAlert(vitals.sedation, at, id, true, safety)
    if (sedated) out.push(sedated)
  }
  return out
}

/**
 * One vitals set met in clinical order: the baseline it leaves and the alerts it raises. Before
 * the start every reading becomes the baseline; after it, the first reading becomes the baseline
 * when there was none (so a rise is never silently unmeasured), and the others are measured from it.
 */
export function vitalsStep(baseline: Baseline | null, startedAt: number | null, vitals: Vitals, at: number, id: number, safety: SafetySettings): { baseline: Baseline | null; alerts: Alert[] } {
  const afterStart = startedAt !== null && at > startedAt
  if (!afterStart) return { baseline: { vitals, at, id, afterStart: false }, alerts: vitalsAlerts(vitals, at, id, null, safety) }
  if (baseline === null) return { baseline: { vitals, at, id, afterStart: true }, alerts: vitalsAlerts(vitals, at, id, null, safety) }
  return { baseline, alerts: vitalsAlerts(vitals, at, id, baseline, safety) }
}

export function alertFacts(entries: readonly EffectiveEntry[], plan: SessionPlan, safety: SafetySettings): AlertFacts {
  const live = liveEntries(entries)
  const actions = infusionActions(live)
  const infusion = infusionState(actions, plan)
  const startedAt = infusion.startedAt
  const acknowledged = new Set<string>()
  const recordAlerts: Alert[] = []
  let baseline: Baseline | null = null
  let lastVitals: AlertFacts['lastVitals'] = null
  let discharged = false
  let ended = false
  // In clinical order: the baseline is the latest vitals at or before the start, else the first after it.
  for (const e of live) {
    const entry = e.entry
    if (entry.type === 'vitals') {
      const step = vitalsStep(baseline, startedAt, entry.vitals, e.occurredAt, e.original.id, safety)
      baseline = step.baseline
      recordAlerts.push(...step.alerts)
      if (!lastVitals || e.occurredAt >= lastVitals.at) lastVitals = { at: e.occurredAt, id: e.original.id }
    } else if (entry.type === 'alert_acknowledged') acknowledged.add(acknowledgedKey({ key: entry.ack.alertKey, ...(entry.ack.value === undefined ? {} : { value: entry.ack.value }) }))
    else if (entry.type === 'discharge') discharged = true
    else if (entry.type === 'session_ended') ended = true
    else if (entry.type === 'scale') recordAlerts.push(...scaleAlerts(entry.scale, e.occurredAt, e.original.id, safety))
  }
  // Sorted once here, so each clock tick only adds the few time-driven alerts.
  const pending = recordAlerts.filter((a) => !isAcknowledged(acknowledged, a)).sort(byPriority)
  return { recordAlerts: pending, raised: recordAlerts, acknowledged, baseline, lastVitals, infusion, segments: rateSegments(actions, plan), discharged, ended }
}

/**
 * When the delivered dose passed `totalMg` with the pump delivering, or null. Reached exactly where
 * a segment ends (typed times are whole minutes, so a rate change or a pause often falls right on
 * it), the total is passed where delivery goes on: at once after a rate change, at the resume after
 * a pause, never after a stop.
 */
export function doseReachedAt(segments: readonly RateSegment[], totalMg: number, now: number): number | null {
  let acc = 0
  const tolerance = totalMg * 1e-9
  for (const seg of segments) {
    const end = Math.min(seg.to ?? now, now)
    if (end <= seg.from || seg.mgPerHour <= 0) continue
    if (acc >= totalMg - tolerance) return seg.from
    const segMg = (seg.mgPerHour * (end - seg.from)) / MS_PER_HOUR
    if (acc + segMg >= totalMg - tolerance) {
      // Rounded up to the whole ms: the clock's resolution, so a stop at the planned end is not "past" it.
      const at = Math.max(seg.from, seg.from + Math.ceil(((totalMg - acc) / seg.mgPerHour) * MS_PER_HOUR - 1e-6))
      if (seg.to === null || seg.to > now ? at <= now : at < seg.to) return at
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

/** When the next vitals are due, by which schedule; null when none are due (before the start). */
export interface VitalsDue {
  /** The schedule that set the due time: the infusion's, carried past the stop, or recovery's. */
  schedule: 'infusion' | 'recovery'
  dueAt: number
  intervalMin: number
}

/**
 * During the infusion (paused too): one infusion interval after the later of the last vitals and
 * the start. After the stop: one recovery interval after vitals taken since the stop; else the
 * earlier of the infusion's due time and the stop plus the recovery interval, so the stop never
 * resets the schedule and a check already missed stays missed.
 */
export function vitalsDue(infusion: InfusionState, last: { at: number } | null, safety: SafetySettings): VitalsDue | null {
  if (infusion.startedAt === null || infusion.status === 'not_started') return null
  const infusionMin = safety.vitalsIntervalMin.infusion
  const onInfusion: VitalsDue = { schedule: 'infusion', dueAt: (last && last.at > infusion.startedAt ? last.at : infusion.startedAt) + infusionMin * MS_PER_MIN, intervalMin: infusionMin }
  if (infusion.status !== 'stopped' || infusion.stoppedAt === null) return onInfusion
  const recoveryMin = safety.vitalsIntervalMin.recovery
  const stop = infusion.stoppedAt
  if (last && last.at >= stop) return { schedule: 'recovery', dueAt: last.at + recoveryMin * MS_PER_MIN, intervalMin: recoveryMin }
  const onRecovery: VitalsDue = { schedule: 'recovery', dueAt: stop + recoveryMin * MS_PER_MIN, intervalMin: recoveryMin }
  return onInfusion.dueAt <= onRecovery.dueAt ? onInfusion : onRecovery
}

/** How many checks were missed by `now` (0 until strictly after the due time). */
export const missedChecks = (due: VitalsDue, now: number): number => (now <= due.dueAt ? 0 : Math.ceil((now - due.dueAt) / (due.intervalMin * MS_PER_MIN)))

export const overdueMessage = (due: VitalsDue, missed: number, lastAt: number | null): string =>
  `Vitals overdue since ${formatClock(due.dueAt)}${missed > 1 ? `, ${missed} checks missed` : ''} (due every ${due.intervalMin} min ${PHASE_WORDS[due.schedule]}; ${lastAt === null ? 'none recorded yet' : `last at ${formatClock(lastAt)}`})`

function overdueAlert(facts: AlertFacts, safety: SafetySettings, now: number): Alert | null {
  if (facts.discharged) return null
  const last = facts.lastVitals
  const due = vitalsDue(facts.infusion, last, safety)
  if (!due) return null
  const missed = missedChecks(due, now)
  if (missed === 0) return null
  return {
    key: `vitals_overdue:${due.schedule}:${last ? last.id : 'none'}:${missed}`,
    rule: 'vitals_overdue',
    severity: 'warning',
    since: due.dueAt + (missed - 1) * due.intervalMin * MS_PER_MIN,
    message: overdueMessage(due, missed, last ? last.at : null)
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
/** High priority first (by more than colour: position too), then the newest. */
export const byPriority = (a: Alert, b: Alert) => (a.severity === b.severity ? 0 : a.severity === 'critical' ? -1 : 1) || newestFirst(a, b)

/**
 * The alerts to show now: not acknowledged, the entry-raised ones (high priority first), then the
 * time-driven warnings, newest first within each. None once the session has ended.
 */
export function activeAlerts(facts: AlertFacts, plan: SessionPlan, safety: SafetySettings, now: number): Alert[] {
  if (facts.ended) return []
  const timed = clockAlerts(facts, plan, safety, now)
    .filter((a) => !isAcknowledged(facts.acknowledged, a))
    .sort(newestFirst)
  return timed.length === 0 ? facts.recordAlerts : [...facts.recordAlerts, ...timed]
}

/** The same, from the entries in one go (services, tests). */
export function alertsAt(entries: readonly EffectiveEntry[], plan: SessionPlan, safety: SafetySettings, now: number): Alert[] {
  return activeAlerts(alertFacts(entries, plan, safety), plan, safety, now)
}
