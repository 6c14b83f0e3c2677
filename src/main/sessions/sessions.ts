import { DomainError } from '../../shared/kernel/result'
import { planProblem } from '../../shared/record/plan'
import type { NewSession, Session, SessionRecord, SessionSummary } from '../../shared/sessions/session'
import { cached } from '../db/statements'
import { toSession, toSessionSummary, type SessionRow, type SessionSummaryRow } from '../db/rows'
import { noteOpenSessionsChanged } from '../db/changes'
import type { ServiceContext } from '../app/context'
import { loadEvents, loadEventsAfter } from '../record/eventStore'
import { getPatient, requireActiveStaff } from '../people/people'
import { protocolPlanProblem, sessionProtocol } from '../protocols/sessionProtocol'
import type { SessionEvent } from '../../shared/record/events'
import { doseLimitsOf } from '../../shared/protocols/doseLimits'
import { planLimitProblems } from '../../shared/safety/doseLimits'
import { auditOverride, confirmingPhysician, gateLimits } from '../safety/doseGate'

export function createSession(ctx: ServiceContext, input: NewSession): Session {
  const { db, clock } = ctx
  const problem = planProblem(input.plan)
  if (problem) throw new DomainError('INVALID_INPUT', problem.message, `plan.${problem.field}`)
  const confirmer = confirmingPhysician(ctx, input.limitConfirmation, null)
  return db.transaction(() => {
    const patient = getPatient(ctx, input.patientId)
    requireActiveStaff(ctx, input.authorId, 'authorId')
    requireActiveStaff(ctx, input.team.physicianId, 'team.physicianId', ['physician'])
    requireActiveStaff(ctx, input.team.nurseId, 'team.nurseId', ['nurse', 'physician'])
    if (input.team.therapistId !== null) requireActiveStaff(ctx, input.team.therapistId, 'team.therapistId', ['therapist'])
    // The session keeps a copy of the protocol version it starts with: later edits never reach it.
    const protocol = input.protocolId === undefined ? null : sessionProtocol(ctx, input.protocolId)
    const mismatch = protocol && protocolPlanProblem(protocol, input.plan)
    if (mismatch) throw new DomainError('INVALID_INPUT', mismatch.message, `plan.${mismatch.field}`)
    // Checked against the library, not only the protocol's dose: a plan typed at ten times it must not pass.
    const limits = doseLimitsOf(protocol?.definition)
    const planOverride = gateLimits(planLimitProblems(input.plan, limits, patient.weightKg), confirmer, input.limitConfirmation, 'plan.plannedDose.value')
    const row = db
      .prepare(
        `INSERT INTO sessions (patient_id, plan, physician_id, nurse_id, therapist_id, created_by, created_at, protocol_id, protocol_snapshot, plan_override)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING *`
      )
      .get(
        input.patientId,
        JSON.stringify(input.plan),
        input.team.physicianId,
        input.team.nurseId,
        input.team.therapistId,
        input.authorId,
        clock.now(),
        protocol?.id ?? null,
        protocol ? JSON.stringify(protocol) : null,
        planOverride ? JSON.stringify(planOverride) : null
      ) as SessionRow
    if (planOverride) auditOverride(ctx, row.id, planOverride, `Plan ${input.plan.plannedDose.value} ${input.plan.plannedDose.kind}`, row.created_at)
    noteOpenSessionsChanged(db)
    return toSession(row)
  })()
}

export function getSession({ db }: ServiceContext, id: number): Session {
  const row = cached(db, 'SELECT * FROM sessions WHERE id = ?').get(id) as SessionRow | undefined
  if (!row) throw new DomainError('NOT_FOUND', 'No such session', 'sessionId')
  return toSession(row)
}

export function getSessionRecord(ctx: ServiceContext, id: number): SessionRecord {
  // One read transaction: the session, its patient and its events are one consistent picture.
  return ctx.db.transaction(() => {
    const session = getSession(ctx, id)
    return { session, patient: getPatient(ctx, session.patientId), events: loadEvents(ctx.db, id) }
  })()
}

/** The entries after `afterSeq`: what a window holding the record up to there has not seen. */
export function entriesSince(ctx: ServiceContext, id: number, afterSeq: number): SessionEvent[] {
  return ctx.db.transaction(() => {
    getSession(ctx, id)
    return loadEventsAfter(ctx.db, id, afterSeq)
  })()
}

const SUMMARY_SQL = `
  SELECT s.*, p.patient_code, p.full_name,
         -- The end as the record now stands: its latest correction's time, if it was corrected.
         (SELECT COALESCE(
                   (SELECT json_extract(c.payload, '$.occurredAt') FROM events c
                    WHERE c.amends_event_id = e.id AND c.type = 'correction' ORDER BY c.seq DESC LIMIT 1),
                   e.occurred_at)
          FROM events e WHERE e.session_id = s.id AND e.type = 'session_ended') AS ended_at
  FROM sessions s JOIN patients p ON p.id = s.patient_id`

export function listSessionsForPatient({ db }: ServiceContext, patientId: number): SessionSummary[] {
  return (db.prepare(`${SUMMARY_SQL} WHERE s.patient_id = ? ORDER BY s.created_at DESC, s.id DESC`).all(patientId) as SessionSummaryRow[]).map(
    toSessionSummary
  )
}

/**
 * Sessions not yet ended, newest first: after a restart the console goes straight back to them.
 * open_sessions is kept by triggers (migration 007), so this does not probe every session ever held.
 */
export function listOpenSessions({ db }: ServiceContext): SessionSummary[] {
  return (
    db
      .prepare(
        `${SUMMARY_SQL} WHERE s.id IN (SELECT session_id FROM open_sessions)
         ORDER BY s.created_at DESC, s.id DESC`
      )
      .all() as SessionSummaryRow[]
  ).map(toSessionSummary)
}
