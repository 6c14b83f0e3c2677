/** What the Audit view shows for one session. */
import type { SessionAudit } from '../../shared/people/audit'
import { auditForSession, verifyAuditLog } from './audit'
import type { ServiceContext } from '../app/context'
import { loadEvents } from '../record/eventStore'
import { getSession } from '../sessions/sessions'
import { findSignOff, verifyRecord } from '../record/signOff'

/**
 * The session's entries with the audit rows about it, plus the workstation's own rows (sign-ins,
 * locks, wrong PINs, staff changes) from the session's opening until its last entry, sign-off,
 * or now while it is still running.
 */
export function sessionAudit(ctx: ServiceContext, sessionId: number): SessionAudit {
  return ctx.db.transaction(() => {
    const session = getSession(ctx, sessionId)
    const events = loadEvents(ctx.db, session.id)
    const signOff = findSignOff(ctx.db, session.id)
    const ended = events.some((e) => e.type === 'session_ended')
    const lastWrite = events.reduce((t, e) => Math.max(t, e.recordedAt), Math.max(session.createdAt, signOff?.signedAt ?? 0))
    const until = ended ? lastWrite : ctx.clock.now()
    return {
      sessionId: session.id,
      events,
      log: auditForSession(ctx.db, session.id, session.createdAt, until),
      signOff,
      integrity: verifyRecord(ctx.db, session.id),
      auditLogIntegrity: verifyAuditLog(ctx.db)
    }
  })()
}

