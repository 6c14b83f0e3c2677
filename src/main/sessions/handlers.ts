import type { sessionChannels } from '../../shared/sessions/channels'
import type { ModuleHandlers } from '../app/channelHandler'
import { requireSignedIn } from '../people/auth'
import { recordStatus, signOffRecord } from '../record/signOff'
import { createSession, entriesSince, getSessionRecord, listOpenSessions, listSessionsForPatient } from './sessions'

export const sessionHandlers: ModuleHandlers<typeof sessionChannels> = {
  'sessions.create': { rule: { permission: 'session.start' }, run: (ctx, input) => createSession(ctx, input) },
  'sessions.get': { rule: { signedIn: true }, run: (ctx, input) => getSessionRecord(ctx, input.sessionId) },
  'entries.since': { rule: { signedIn: true }, run: (ctx, input) => entriesSince(ctx, input.sessionId, input.afterSeq) },
  'sessions.listForPatient': { rule: { signedIn: true }, run: (ctx, input) => listSessionsForPatient(ctx, input.patientId) },
  'sessions.listOpen': { rule: { signedIn: true }, run: (ctx) => listOpenSessions(ctx) },
  'record.status': { rule: { signedIn: true }, run: (ctx, input) => recordStatus(ctx, input.sessionId, ctx.workstation.staffId) },
  'record.signOff': { rule: { permission: 'record.signOff' }, run: (ctx, input) => signOffRecord(ctx, requireSignedIn(ctx), input) }
}
