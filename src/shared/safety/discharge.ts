/**
 * Discharge criteria: what must hold before the patient leaves. Anything unmet means the discharge
 * needs a physician's override with a reason.
 */
import type { InfusionState } from '../record/infusion'
import type { SafetySettings } from '../protocols/protocols'
import { aldreteTotal, type DischargeAssessment } from '../record/safetyPayloads'

const MS_PER_MIN = 60_000

/** Why a discharge cannot be recorded at all (not overridable), or null. */
export function dischargeStateProblem(infusion: InfusionState, alreadyDischarged: boolean): string | null {
  if (alreadyDischarged) return 'The patient has already been discharged'
  if (infusion.status === 'running' || infusion.status === 'paused') return 'Stop the infusion before discharge'
  return null
}

/**
 * Why the session may not end without a physician's override, or null. Once a dose was given the
 * patient leaves through the discharge assessment (recovery time, Aldrete, escort, no-driving
 * advice); a session that ended before any infusion started gave no drug to recover from.
 */
export function endWithoutDischargeProblem(infusion: InfusionState, discharged: boolean): string | null {
  if (discharged || infusion.status === 'not_started') return null
  return 'The patient has not been discharged: record the discharge first, or a physician ends the session with a reason'
}

/** Recovery observation so far, from the infusion stop; null when no infusion was given. */
export function recoveryMs(infusion: InfusionState, now: number): number | null {
  return infusion.stoppedAt === null ? null : Math.max(0, now - infusion.stoppedAt)
}

/** The criteria the assessment and the record do not meet, in words a nurse can act on. */
export function dischargeProblems(args: {
  assessment: DischargeAssessment
  safety: SafetySettings
  infusion: InfusionState
  now: number
  activeAlertCount: number
}): string[] {
  const { assessment: a, safety, infusion, now } = args
  const d = safety.discharge
  const problems: string[] = []
  const recovery = recoveryMs(infusion, now)
  if (recovery !== null && recovery < safety.minRecoveryMin * MS_PER_MIN)
    problems.push(
      `Recovery observation ${Math.floor(recovery / MS_PER_MIN)} min is shorter than the protocol's minimum of ${safety.minRecoveryMin} min`
    )
  const score = aldreteTotal(a.aldrete)
  if (score < d.minAldrete) problems.push(`Aldrete score ${score} is below the minimum of ${d.minAldrete}`)
  if (d.requireEscort && !a.escortPresent) problems.push('No escort present')
  if (d.requireNoDrivingAdvice && !a.noDrivingAdviceGiven) problems.push('No-driving advice not given')
  if (d.rems && a.rems) {
    if (!a.rems.sedationResolved) problems.push('Sedation has not resolved')
    if (!a.rems.dissociationResolved) problems.push('Dissociation has not resolved')
  }
  if (args.activeAlertCount > 0)
    problems.push(`${args.activeAlertCount} alert${args.activeAlertCount === 1 ? ' is' : 's are'} not acknowledged`)
  return problems
}
