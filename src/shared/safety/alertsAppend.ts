/**
 * Alert facts kept up to date one new entry at a time. alertFacts walks every entry of the
 * record: in an eight-hour session (29,000 entries) that took longer than a frame for each new
 * vitals set. A vitals set added at the end of the record only adds its own alerts and becomes the
 * latest vitals; anything else (an infusion action, an acknowledgement, a correction, a different
 * plan or protocol) recomputes in full. The result is always exactly alertFacts(entries, plan, safety).
 */
import { alertFacts, byPriority, isAcknowledged, vitalsStep, type Alert, type AlertFacts } from './alerts'
import type { SessionPlan } from '../record/plan'
import type { SafetySettings } from '../protocols/protocols'
import type { EffectiveEntry } from '../record/record'
import { appendedTail } from '../record/recordAppend'

export interface TrackedAlerts {
  facts: AlertFacts
  /** What the facts were computed from, to tell whether the next call only adds entries. */
  entries: readonly EffectiveEntry[]
  plan: SessionPlan
  safety: SafetySettings
}

/** The facts computed from every entry. */
export function trackAlerts(entries: readonly EffectiveEntry[], plan: SessionPlan, safety: SafetySettings): TrackedAlerts {
  return { facts: alertFacts(entries, plan, safety), entries, plan, safety }
}

/**
 * trackAlerts(entries, plan, safety), from `previous` (tracked for earlier entries) when `entries`
 * only adds vitals sets at the end of them (appendedTail), else computed in full.
 */
export function updateAlerts(previous: TrackedAlerts | null, entries: readonly EffectiveEntry[], plan: SessionPlan, safety: SafetySettings): TrackedAlerts {
  if (!previous || previous.plan !== plan || previous.safety !== safety) return trackAlerts(entries, plan, safety)
  if (entries === previous.entries) return previous
  const tail = appendedTail(previous.entries, entries)
  if (!tail || tail.some((e) => e.voided === null && e.entry.type !== 'vitals')) return trackAlerts(entries, plan, safety)

  const { facts } = previous
  const startedAt = facts.infusion.startedAt
  let { baseline, lastVitals } = facts
  const added: Alert[] = []
  // The same steps as alertFacts' loop, for the new entries only (in the order it would meet them).
  for (const e of tail) {
    if (e.voided !== null || e.entry.type !== 'vitals') continue
    const step = vitalsStep(baseline, startedAt, e.entry.vitals, e.occurredAt, e.original.id, safety)
    baseline = step.baseline
    added.push(...step.alerts)
    if (!lastVitals || e.occurredAt >= lastVitals.at) lastVitals = { at: e.occurredAt, id: e.original.id }
  }
  const pending = added.filter((a) => !isAcknowledged(facts.acknowledged, a))
  const next: AlertFacts = {
    ...facts,
    baseline,
    lastVitals,
    raised: added.length === 0 ? facts.raised : facts.raised.concat(added),
    // Stable sort: equal times keep clinical order, as alertFacts' one sort of all of them does.
    recordAlerts: pending.length === 0 ? facts.recordAlerts : facts.recordAlerts.concat(pending).sort(byPriority)
  }
  return { facts: next, entries, plan, safety }
}
