/**
 * Infusion math. One place computes rates and the delivered dose from the record, and the
 * console, alerts, reports and exports all call it, so they can never disagree.
 */

export const RATE_UNITS = ['mg/kg/h', 'mg/h', 'mL/h'] as const
export type RateUnit = (typeof RATE_UNITS)[number]

export interface Rate {
  value: number
  unit: RateUnit
}

/** Fixed for a session: the weight confirmed at its start and the bag it uses. */
export interface DosingContext {
  weightKg: number
  concentrationMgPerMl: number
}

export interface RateTriple {
  mgPerKgPerHour: number
  mgPerHour: number
  mlPerHour: number
}

const MS_PER_HOUR = 3_600_000

export function rateToMgPerHour(rate: Rate, ctx: DosingContext): number {
  switch (rate.unit) {
    case 'mg/kg/h':
      return rate.value * ctx.weightKg
    case 'mg/h':
      return rate.value
    case 'mL/h':
      return rate.value * ctx.concentrationMgPerMl
  }
}

export function convertMgPerHour(mgPerHour: number, ctx: DosingContext): RateTriple {
  return {
    mgPerKgPerHour: mgPerHour / ctx.weightKg,
    mgPerHour,
    mlPerHour: mgPerHour / ctx.concentrationMgPerMl
  }
}

export type InfusionAction =
  | { type: 'infusion_started'; at: number; rate: Rate }
  | { type: 'rate_changed'; at: number; rate: Rate }
  | { type: 'infusion_paused'; at: number }
  | { type: 'infusion_resumed'; at: number }
  | { type: 'infusion_stopped'; at: number }

export type InfusionStatus = 'not_started' | 'running' | 'paused' | 'stopped'

export interface InfusionState {
  status: InfusionStatus
  /** The rate set on the pump, kept through a pause so Resume restarts it. */
  setMgPerHour: number
  startedAt: number | null
  stoppedAt: number | null
  lastActionAt: number | null
}

export interface RateSegment {
  from: number
  /** null while the segment is still open. */
  to: number | null
  mgPerHour: number
}

/** Why an action cannot follow the current state, or null if it can. */
export function transitionProblem(status: InfusionStatus, type: InfusionAction['type']): string | null {
  switch (type) {
    case 'infusion_started':
      return status === 'not_started' ? null : 'The infusion has already been started'
    case 'rate_changed':
      if (status === 'running') return null
      if (status === 'paused') return 'The infusion is paused: resume it before changing the rate'
      if (status === 'stopped') return 'The infusion has been stopped: the rate can no longer change'
      return 'Start the infusion before changing its rate'
    case 'infusion_paused':
      return status === 'running' ? null : 'Only a running infusion can be paused'
    case 'infusion_resumed':
      return status === 'paused' ? null : 'The infusion is not paused'
    case 'infusion_stopped':
      return status === 'running' || status === 'paused' ? null : 'There is no running or paused infusion to stop'
  }
}

/** Clinical order: by clinical time, then by the order the entries were made (stable sort keeps it). */
function inClinicalOrder(actions: readonly InfusionAction[]): InfusionAction[] {
  return [...actions].sort((a, b) => a.at - b.at)
}

export function applyAction(state: InfusionState, action: InfusionAction, ctx: DosingContext): InfusionState {
  switch (action.type) {
    case 'infusion_started':
      return { ...state, status: 'running', setMgPerHour: rateToMgPerHour(action.rate, ctx), startedAt: action.at, lastActionAt: action.at }
    case 'rate_changed':
      return { ...state, setMgPerHour: rateToMgPerHour(action.rate, ctx), lastActionAt: action.at }
    case 'infusion_paused':
      return { ...state, status: 'paused', lastActionAt: action.at }
    case 'infusion_resumed':
      return { ...state, status: 'running', lastActionAt: action.at }
    case 'infusion_stopped':
      return { ...state, status: 'stopped', stoppedAt: action.at, lastActionAt: action.at }
  }
}

export const INITIAL_INFUSION: InfusionState = {
  status: 'not_started',
  setMgPerHour: 0,
  startedAt: null,
  stoppedAt: null,
  lastActionAt: null
}

export function infusionState(actions: readonly InfusionAction[], ctx: DosingContext): InfusionState {
  return inClinicalOrder(actions).reduce((s, a) => applyAction(s, a, ctx), INITIAL_INFUSION)
}

/** The first action that does not follow from the ones before it, in clinical order. */
export function sequenceProblem(actions: readonly InfusionAction[], ctx: DosingContext): string | null {
  let state = INITIAL_INFUSION
  for (const a of inClinicalOrder(actions)) {
    const problem = transitionProblem(state.status, a.type)
    if (problem) return problem
    state = applyAction(state, a, ctx)
  }
  return null
}

/** Periods of constant delivery. Paused and stopped time delivers nothing and has no segment. */
export function rateSegments(actions: readonly InfusionAction[], ctx: DosingContext): RateSegment[] {
  const segments: RateSegment[] = []
  let state = INITIAL_INFUSION
  for (const a of inClinicalOrder(actions)) {
    const before = deliveringMgPerHour(state)
    state = applyAction(state, a, ctx)
    const after = deliveringMgPerHour(state)
    const open = segments[segments.length - 1]
    if (open && open.to === null && (after !== before || a.type === 'infusion_stopped')) open.to = a.at
    if (after > 0 && (after !== before || !open || open.to !== null)) segments.push({ from: a.at, to: null, mgPerHour: after })
  }
  return segments
}

function deliveringMgPerHour(s: InfusionState): number {
  return s.status === 'running' ? s.setMgPerHour : 0
}

/** Integral of the rate from the start to `at`. Never negative, never decreasing in `at`. */
export function deliveredDoseMg(actions: readonly InfusionAction[], ctx: DosingContext, at: number): number {
  let total = 0
  for (const seg of rateSegments(actions, ctx)) {
    const end = Math.min(seg.to ?? at, at)
    if (end > seg.from) total += (seg.mgPerHour * (end - seg.from)) / MS_PER_HOUR
  }
  return total
}

/** Time the pump has actually been delivering (paused time excluded) up to `at`. */
export function infusingMs(actions: readonly InfusionAction[], ctx: DosingContext, at: number): number {
  let total = 0
  for (const seg of rateSegments(actions, ctx)) {
    const end = Math.min(seg.to ?? at, at)
    if (end > seg.from) total += end - seg.from
  }
  return total
}

export interface OverPlanWarning {
  /** Minutes from now until the planned total is passed at the proposed rate. */
  minutesToPlannedTotal: number
  plannedTotalMg: number
  projectedMg: number
}

/**
 * Would this rate pass the planned total before the planned infusion time is used up?
 * Running at exactly the planned rate never warns; anything faster that would overshoot does.
 */
export function overPlanWarning(args: {
  deliveredMg: number
  infusedMs: number
  proposedMgPerHour: number
  plannedTotalMg: number
  plannedDurationMin: number
}): OverPlanWarning | null {
  const { deliveredMg, infusedMs, proposedMgPerHour, plannedTotalMg } = args
  if (proposedMgPerHour <= 0) return null
  const remainingMs = Math.max(0, args.plannedDurationMin * 60_000 - infusedMs)
  const remainingMg = plannedTotalMg - deliveredMg
  // Within the planned time, look to its end; once it is used up, look one minute ahead.
  const horizonMs = remainingMs > 0 ? remainingMs : 60_000
  const projectedMg = deliveredMg + (proposedMgPerHour * horizonMs) / MS_PER_HOUR
  const tolerance = plannedTotalMg * 1e-6
  if (remainingMg > tolerance && projectedMg <= plannedTotalMg + tolerance) return null
  const minutesToPlannedTotal = Math.max(0, (remainingMg / proposedMgPerHour) * 60)
  return { minutesToPlannedTotal, plannedTotalMg, projectedMg }
}
