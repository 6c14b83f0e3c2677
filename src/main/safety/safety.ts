/**
 * Acknowledging alerts and discharging the patient. Both check the record as it stands, in the
 * same transaction that writes, so what was checked is what was saved.
 */
import type { z } from 'zod'
import { alertsAt } from '../../shared/safety/alerts'
import type { acknowledgeAlertInput } from '../../shared/safety/channels'
import { dischargeProblems, dischargeStateProblem } from '../../shared/safety/discharge'
import type { SessionEvent } from '../../shared/record/events'
import { infusionState } from '../../shared/record/infusion'
import { effectiveEntries, infusionActions, liveEntries, type EffectiveEntry } from '../../shared/record/record'
import { DomainError } from '../../shared/kernel/result'
import type { DischargeAssessment } from '../../shared/record/safetyPayloads'
import type { Session } from '../../shared/sessions/session'
import type { ServiceContext } from '../app/context'
import { recordEntry } from '../record/entries'
import { appendEvent, loadEvents } from '../record/eventStore'
import { requireActiveStaff } from '../people/people'
import { takeRecordTime } from '../record/recordClock'
import { sessionSafety } from '../protocols/sessionProtocol'
import { getSession } from '../sessions/sessions'

export type AcknowledgeAlertInput = z.infer<typeof acknowledgeAlertInput>

/** The whole record: alerts look at every vitals entry. Acknowledgements and discharges are rare. */
function openRecord(ctx: ServiceContext, sessionId: number): { session: Session; entries: EffectiveEntry[] } {
  const session = getSession(ctx, sessionId)
  const entries = effectiveEntries(loadEvents(ctx.db, session.id))
  if (liveEntries(entries).some((e) => e.entry.type === 'session_ended'))
    throw new DomainError('INVALID_STATE', 'This session has ended: no new entries can be added')
  return { session, entries }
}

/**
 * Writes the acknowledgement with its response. "Pause infusion" and "Stop infusion" also pause or
 * stop the pump, as entries of their own in the same transaction, so the dose stops accruing.
 * Returns the entries written, in order.
 */
export function acknowledgeAlert(ctx: ServiceContext, input: AcknowledgeAlertInput): SessionEvent[] {
  const { db } = ctx
  return db.transaction(() => {
    requireActiveStaff(ctx, input.authorId, 'authorId')
    const { session, entries } = openRecord(ctx, input.sessionId)
    // The record's clock policy, as for every entry: never before the last entry, a jump noted. A
    // pause or stop written below takes the same time, and finds the jump already noted.
    const now = takeRecordTime(ctx, session, input.authorId)
    const alert = alertsAt(entries, session.plan, sessionSafety(session), now).find((a) => a.key === input.alertKey)
    if (!alert) throw new DomainError('NOT_FOUND', 'This alert is no longer active: it was acknowledged, or its entry was corrected', 'alertKey')
    const written: SessionEvent[] = []
    if (input.response === 'pause_infusion' || input.response === 'stop_infusion') {
      const status = infusionState(infusionActions(entries), session.plan).status
      const pause = input.response === 'pause_infusion'
      if (pause ? status !== 'running' : status !== 'running' && status !== 'paused')
        throw new DomainError('INVALID_STATE', `There is no ${pause ? 'running' : 'running or paused'} infusion to ${pause ? 'pause' : 'stop'}: choose another response`, 'response')
      const entry = pause ? { type: 'infusion_paused' as const, reason: `Alert: ${alert.message}`.slice(0, 1000) } : { type: 'infusion_stopped' as const }
      written.push(recordEntry(ctx, { sessionId: session.id, authorId: input.authorId, entry }))
    }
    const note = input.note?.trim()
    const ack = { alertKey: alert.key, rule: alert.rule, message: alert.message, ...(alert.value === undefined ? {} : { value: alert.value }), response: input.response, ...(note ? { note } : {}) }
    written.push(appendEvent(db, { sessionId: session.id, type: 'alert_acknowledged', occurredAt: now, recordedAt: now, authorId: input.authorId, source: { kind: 'staff' }, payload: { ack } }))
    return written
  })()
}

export interface DischargeInput {
  sessionId: number
  authorId: number
  assessment: DischargeAssessment
  override: { reason: string } | null
}

/**
 * Records the discharge assessment. Criteria not met (recovery shorter than the protocol's minimum,
 * a low Aldrete score, no escort, alerts not acknowledged...) need a physician's override with a
 * reason, stored with the list of what it overrode. The session stays open for End session.
 */
export function recordDischarge(ctx: ServiceContext, input: DischargeInput): SessionEvent {
  const { db } = ctx
  return db.transaction(() => {
    const author = requireActiveStaff(ctx, input.authorId, 'authorId')
    const { session, entries } = openRecord(ctx, input.sessionId)
    const now = takeRecordTime(ctx, session, input.authorId)
    const infusion = infusionState(infusionActions(entries), session.plan)
    const discharged = liveEntries(entries).some((e) => e.entry.type === 'discharge')
    const stateProblem = dischargeStateProblem(infusion, discharged)
    if (stateProblem) throw new DomainError('INVALID_STATE', stateProblem)
    const safety = sessionSafety(session)
    const { assessment } = input
    if (safety.discharge.rems && !assessment.rems)
      throw new DomainError('INVALID_INPUT', 'Fill in the REMS monitoring fields', 'assessment.rems')
    if (assessment.rems && assessment.rems.readyToLeaveAt > now)
      throw new DomainError('INVALID_INPUT', 'Ready to leave cannot be in the future', 'assessment.rems.readyToLeaveAt')
    const activeAlertCount = alertsAt(entries, session.plan, safety, now).length
    const problems = dischargeProblems({ assessment, safety, infusion, now, activeAlertCount })
    if (problems.length > 0 && !input.override)
      throw new DomainError('CONFIRMATION_REQUIRED', `Discharge criteria not met: ${problems.join('; ')}. A physician may override with a reason.`, 'override')
    if (problems.length === 0 && input.override)
      throw new DomainError('INVALID_INPUT', 'The discharge criteria are met: no override is needed', 'override')
    if (input.override && author.role !== 'physician')
      throw new DomainError('INVALID_INPUT', `Only a physician can override the discharge criteria (${author.name} is a ${author.role})`, 'authorId')
    const discharge = input.override ? { ...assessment, override: { reason: input.override.reason, problems } } : assessment
    return appendEvent(db, { sessionId: session.id, type: 'discharge', occurredAt: now, recordedAt: now, authorId: input.authorId, source: { kind: 'staff' }, payload: { discharge } })
  })()
}
