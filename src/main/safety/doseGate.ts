/**
 * The drug library's gate on dose decisions (plans, rates, corrections of rates): a hard limit
 * refuses, a soft limit asks for a physician's PIN and reason, stored with what it allows and in
 * the audit trail.
 */
import { DomainError } from '../../shared/kernel/result'
import { doseLimitsOf, drugLimitFor } from '../../shared/protocols/doseLimits'
import type { LimitConfirmation, LimitOverride } from '../../shared/record/limitOverride'
import type { Staff } from '../../shared/people/people'
import { hardProblems, rateLimitProblems, softProblems, type LimitProblem } from '../../shared/safety/doseLimits'
import type { Session } from '../../shared/sessions/session'
import type { ServiceContext } from '../app/context'
import { appendAudit } from '../people/audit'
import { checkPin, findStaff } from '../people/auth'

export const CONFIRMATION_FIELD = 'limitConfirmation'

/**
 * The confirming physician, PIN checked. Called before the write's transaction, so a wrong PIN is
 * counted even though the write is then refused.
 */
export function confirmingPhysician(ctx: ServiceContext, c: LimitConfirmation | undefined, sessionId: number | null): Staff | null {
  if (!c) return null
  const staff = findStaff(ctx.db, c.physicianId)
  if (!staff || !staff.active) throw new DomainError('INVALID_INPUT', 'Choose an active physician to confirm', `${CONFIRMATION_FIELD}.physicianId`)
  if (staff.role !== 'physician')
    throw new DomainError('INVALID_INPUT', `Only a physician can confirm a dose over a limit (${staff.name} is a ${staff.role})`, `${CONFIRMATION_FIELD}.physicianId`)
  try {
    checkPin(ctx, staff, c.pin, 'dose_override', sessionId)
  } catch (e) {
    if (e instanceof DomainError && e.field === 'pin') throw new DomainError(e.code, e.message, `${CONFIRMATION_FIELD}.pin`)
    throw e
  }
  return staff
}

/**
 * Refuses over a hard limit; over a soft limit requires the confirmation and returns what to store.
 * `field` is where a refusal is shown.
 */
export function gateLimits(
  problems: readonly LimitProblem[],
  confirmer: Staff | null,
  confirmation: LimitConfirmation | undefined,
  field: string
): LimitOverride | null {
  const hard = hardProblems(problems)
  if (hard.length > 0) throw new DomainError('INVALID_INPUT', `Refused: ${hard.map((p) => p.message).join('; ')}`, fieldOf(hard[0]!) ?? field)
  const soft = softProblems(problems).map((p) => p.message)
  if (soft.length === 0) {
    if (confirmation) throw new DomainError('INVALID_INPUT', 'Within the drug library’s limits: no confirmation is needed', CONFIRMATION_FIELD)
    return null
  }
  if (!confirmer || !confirmation)
    throw new DomainError('CONFIRMATION_REQUIRED', `${soft.join('; ')}. A physician confirms with their PIN and a reason.`, CONFIRMATION_FIELD)
  return { physicianId: confirmer.id, physicianName: confirmer.name, reason: confirmation.reason.trim(), limits: soft }
}

const PLAN_FIELD = { weightKg: 'plan.weightKg', plannedDose: 'plan.plannedDose.value', concentrationMgPerMl: 'plan.concentrationMgPerMl', plannedDurationMin: 'plan.plannedDurationMin', drug: 'plan.drug' } as const
const fieldOf = (p: LimitProblem) => (p.field ? PLAN_FIELD[p.field] : undefined)

/** The library limits for a rate in this session (drug and route of its plan). */
export function sessionRateProblems(session: Session, mgPerHour: number): LimitProblem[] {
  const limits = doseLimitsOf(session.protocol?.definition)
  return rateLimitProblems(mgPerHour / session.plan.weightKg, drugLimitFor(limits, session.plan.drug, session.plan.route))
}

export function auditOverride(ctx: ServiceContext, sessionId: number, o: LimitOverride, what: string, at: number): void {
  appendAudit(
    ctx,
    { kind: 'dose_limit_override', actorId: o.physicianId, sessionId, detail: { summary: `${what} over a soft limit confirmed by ${o.physicianName}: ${o.limits.join('; ')}. Reason: ${o.reason}` } },
    at
  )
}
