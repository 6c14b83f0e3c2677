import {
  entryOf,
  isClinical,
  type CorrectionPayload,
  type EntryInput,
  type SessionEvent
} from './events'
import {
  convertMgPerHour,
  deliveredDoseMg,
  infusingMs,
  infusionState,
  type InfusionAction,
  type InfusionState,
  type RateTriple
} from './infusion'
import { plannedTotalMg, type SessionPlan } from './plan'

/** A clinical entry as the record now stands: its latest correction applied, or voided. */
export interface EffectiveEntry {
  original: SessionEvent
  entry: EntryInput
  occurredAt: number
  corrections: SessionEvent[]
  voided: SessionEvent | null
}

/** Latest correction wins; an entered-in-error mark removes the entry from every derived figure. */
export function effectiveEntries(events: readonly SessionEvent[]): EffectiveEntry[] {
  const byId = new Map<number, EffectiveEntry>()
  const list: EffectiveEntry[] = []
  // Records come in seq order and mostly in clinical order: check (one pass) before sorting.
  const inSeqOrder = isSorted(events, (a, b) => a.seq - b.seq) ? events : [...events].sort((a, b) => a.seq - b.seq)
  for (const e of inSeqOrder) {
    if (isClinical(e.type)) {
      const item: EffectiveEntry = { original: e, entry: entryOf(e), occurredAt: e.occurredAt, corrections: [], voided: null }
      byId.set(e.id, item)
      list.push(item)
      continue
    }
    const target = e.amendsEventId === null ? undefined : byId.get(e.amendsEventId)
    if (!target) continue
    if (e.type === 'correction') {
      const p = e.payload as CorrectionPayload
      target.corrections.push(e)
      target.entry = p.entry
      target.occurredAt = p.occurredAt
    } else {
      target.voided = e
    }
  }
  return isSorted(list, byClinicalTime) ? list : list.sort(byClinicalTime)
}

function isSorted<T>(items: readonly T[], compare: (a: T, b: T) => number): boolean {
  for (let i = 1; i < items.length; i++) if (compare(items[i - 1]!, items[i]!) > 0) return false
  return true
}

/** Timeline order: clinical time, then the order entries were made. */
export function byClinicalTime(a: EffectiveEntry, b: EffectiveEntry): number {
  return a.occurredAt - b.occurredAt || a.original.seq - b.original.seq
}

export function liveEntries(entries: readonly EffectiveEntry[]): EffectiveEntry[] {
  return entries.filter((e) => e.voided === null)
}

export function infusionActions(entries: readonly EffectiveEntry[]): InfusionAction[] {
  const actions: InfusionAction[] = []
  for (const { entry, occurredAt: at } of liveEntries(entries)) {
    switch (entry.type) {
      case 'infusion_started':
      case 'rate_changed':
        actions.push({ type: entry.type, at, rate: entry.rate })
        break
      case 'infusion_paused':
      case 'infusion_resumed':
      case 'infusion_stopped':
        actions.push({ type: entry.type, at })
        break
      default:
        break
    }
  }
  return actions
}

export const PHASES = ['pre-infusion', 'infusion', 'recovery', 'ended'] as const
export type Phase = (typeof PHASES)[number]

export function phaseOf(entries: readonly EffectiveEntry[], infusion: InfusionState): Phase {
  if (liveEntries(entries).some((e) => e.entry.type === 'session_ended')) return 'ended'
  return phaseOfInfusion(infusion)
}

/** The phase of a session that has not ended. */
function phaseOfInfusion(infusion: InfusionState): Phase {
  if (infusion.status === 'stopped') return 'recovery'
  if (infusion.status === 'running' || infusion.status === 'paused') return 'infusion'
  return 'pre-infusion'
}

export interface SessionSnapshot {
  phase: Phase
  infusion: InfusionState
  /** What the pump is delivering now: zero while paused or stopped. */
  currentRate: RateTriple
  /** The rate set on the pump (kept through a pause). */
  setRate: RateTriple
  deliveredMg: number
  deliveredMgPerKg: number
  plannedTotalMg: number
  percentDelivered: number
  infusedMs: number
  /** Since infusion start, or null before it; runs on through recovery. */
  elapsedMs: number | null
  /** Since infusion stop, or null before it. */
  recoveryMs: number | null
  endedAt: number | null
}

/** Everything the console shows, from the record and the clock alone: identical after a restart. */
export function sessionSnapshot(events: readonly SessionEvent[], plan: SessionPlan, now: number): SessionSnapshot {
  return snapshotOf(effectiveEntries(events), plan, now)
}

/** The same, from entries already made effective (the console keeps them between clock ticks). */
export function snapshotOf(entries: readonly EffectiveEntry[], plan: SessionPlan, now: number): SessionSnapshot {
  return snapshotAt(recordFacts(entries, plan), plan, now)
}

/**
 * The same from the infusion actions and the end alone: all the figures need, and nothing a
 * patient could be recognised by (the lock screen gets only these).
 */
export function snapshotOfActions(actions: readonly InfusionAction[], endedAt: number | null, plan: SessionPlan, now: number): SessionSnapshot {
  const infusion = infusionState(actions, plan)
  return snapshotAt({ actions: [...actions], infusion, endedAt, phase: endedAt !== null ? 'ended' : phaseOfInfusion(infusion) }, plan, now)
}

/**
 * What the snapshot needs from the record, apart from the clock. One pass over the entries: the
 * console computes it when the record changes, not on every clock tick (an eight-hour record has
 * 29,000 entries; the infusion actions among them are a handful).
 */
export interface RecordFacts {
  actions: InfusionAction[]
  infusion: InfusionState
  endedAt: number | null
  phase: Phase
}

export function recordFacts(entries: readonly EffectiveEntry[], plan: SessionPlan): RecordFacts {
  // One pass, no intermediate arrays: the same as infusionActions, the first live end and phaseOf.
  const actions: InfusionAction[] = []
  let endedAt: number | null = null
  for (const e of entries) {
    if (e.voided !== null) continue
    const { entry, occurredAt: at } = e
    if (entry.type === 'infusion_started' || entry.type === 'rate_changed') actions.push({ type: entry.type, at, rate: entry.rate })
    else if (entry.type === 'infusion_paused' || entry.type === 'infusion_resumed' || entry.type === 'infusion_stopped')
      actions.push({ type: entry.type, at })
    else if (entry.type === 'session_ended' && endedAt === null) endedAt = at
  }
  const infusion = infusionState(actions, plan)
  return { actions, infusion, endedAt, phase: endedAt !== null ? 'ended' : phaseOfInfusion(infusion) }
}

/** The snapshot at `now` from the record's facts: a few infusion actions, so cheap on every tick. */
export function snapshotAt(facts: RecordFacts, plan: SessionPlan, now: number): SessionSnapshot {
  const { actions, infusion, endedAt } = facts
  // After the session ends the clock stops: figures are frozen at the end.
  const at = endedAt ?? now
  const deliveredMg = deliveredDoseMg(actions, plan, at)
  const total = plannedTotalMg(plan)
  const delivering = infusion.status === 'running' ? infusion.setMgPerHour : 0
  return {
    phase: facts.phase,
    infusion,
    currentRate: convertMgPerHour(delivering, plan),
    setRate: convertMgPerHour(infusion.setMgPerHour, plan),
    deliveredMg,
    deliveredMgPerKg: deliveredMg / plan.weightKg,
    plannedTotalMg: total,
    percentDelivered: total > 0 ? (deliveredMg / total) * 100 : 0,
    infusedMs: infusingMs(actions, plan, at),
    elapsedMs: infusion.startedAt === null ? null : Math.max(0, at - infusion.startedAt),
    recoveryMs: infusion.stoppedAt === null ? null : Math.max(0, at - infusion.stoppedAt),
    endedAt
  }
}
