/**
 * Pre-infusion checks: what the protocol requires before the infusion starts, read from the
 * record. Anything unmet means the start needs a physician's override with a reason.
 */
import { CHECK_LABELS, LIMITED_VITALS, type CheckId, type SafetySettings } from '../protocols/protocols'
import { liveEntries, type EffectiveEntry } from '../record/record'
import type { Checklist } from '../record/safetyPayloads'
import { VITAL_LIMITS, type Vitals } from '../record/vitals'

export interface CheckProblem {
  id: CheckId | 'baseline_limit' | 'pre_dose_bp'
  message: string
}

export interface PreInfusionState {
  checklist: Checklist | null
  checklistAt: number | null
  baseline: { vitals: Vitals; at: number; eventId: number } | null
  baselineScaleAt: number | null
}

/** The latest checklist, vitals and scale at or before `at` (the planned start). */
export function preInfusionState(entries: readonly EffectiveEntry[], at: number): PreInfusionState {
  const state: PreInfusionState = { checklist: null, checklistAt: null, baseline: null, baselineScaleAt: null }
  // Entries are in clinical order, so the last one seen is the latest.
  for (const e of liveEntries(entries)) {
    if (e.occurredAt > at) continue
    const entry = e.entry
    if (entry.type === 'checklist') {
      state.checklist = entry.checklist
      state.checklistAt = e.occurredAt
    } else if (entry.type === 'vitals') state.baseline = { vitals: entry.vitals, at: e.occurredAt, eventId: e.original.id }
    else if (entry.type === 'scale') state.baselineScaleAt = e.occurredAt
  }
  return state
}

const SCREEN: Partial<Record<CheckId, { key: keyof Checklist['screening']; question: string }>> = {
  screen_hypertension: { key: 'hypertension', question: 'uncontrolled hypertension' },
  screen_psychosis: { key: 'psychosis', question: 'active psychosis' },
  screen_pregnancy: { key: 'pregnancy', question: 'pregnancy' },
  screen_trauma: { key: 'trauma', question: 'recent trauma' }
}

function checkProblem(id: CheckId, s: PreInfusionState): string | null {
  const c = s.checklist
  const screen = SCREEN[id]
  if (screen) {
    const a = c?.screening[screen.key]
    if (a === undefined) return `Screening question not answered: ${screen.question}`
    if (a === 'yes') return `Screening: ${screen.question} answered yes`
    return null
  }
  switch (id) {
    case 'consent':
      return c?.consent ? null : 'Consent not confirmed'
    case 'escort':
      return c?.escort ? null : 'Escort not arranged'
    case 'last_food_drink':
      return c && c.lastFoodDrink.trim() !== '' ? null : 'Last food and drink not recorded'
    case 'baseline_vitals':
      return s.baseline ? null : 'No baseline vitals recorded'
    case 'baseline_scales':
      return s.baselineScaleAt !== null ? null : 'No baseline scale recorded'
    default:
      return `${CHECK_LABELS[id]}: not met`
  }
}

/**
 * Everything that stands in the way of starting: required checks not met, a baseline vital outside
 * the protocol's alert limits, a baseline blood pressure above the protocol's pre-dose limit.
 */
export function preInfusionProblems(state: PreInfusionState, safety: SafetySettings, ageYears: number | null): CheckProblem[] {
  const problems: CheckProblem[] = []
  for (const id of safety.requiredChecks) {
    const message = checkProblem(id, state)
    if (message) problems.push({ id, message })
  }
  const b = state.baseline
  if (b) {
    for (const vital of LIMITED_VITALS) {
      const { low, high } = safety.limits[vital]
      const value = b.vitals[vital]
      const l = VITAL_LIMITS[vital]
      const unit = l.unit ? ` ${l.unit}` : ''
      if (high !== null && value > high)
        problems.push({ id: 'baseline_limit', message: `Baseline ${l.label.toLowerCase()} ${value}${unit} is above the limit of ${high}` })
      if (low !== null && value < low)
        problems.push({ id: 'baseline_limit', message: `Baseline ${l.label.toLowerCase()} ${value}${unit} is below the limit of ${low}` })
    }
    const p = safety.preDoseBp
    if (p) {
      const sysMax = ageYears !== null && ageYears >= 65 && p.systolicMaxAged65 !== null ? p.systolicMaxAged65 : p.systolicMax
      if (b.vitals.systolic > sysMax || b.vitals.diastolic > p.diastolicMax)
        problems.push({
          id: 'pre_dose_bp',
          message: `Baseline BP ${b.vitals.systolic}/${b.vitals.diastolic} is above the pre-dose limit of ${sysMax}/${p.diastolicMax}`
        })
    }
  }
  return problems
}
