/** Sessions: starting one, reading its record, the open ones, and signing the record off. */
import { z } from 'zod'
import { channel, idOf, none, returns } from '../kernel/channel'
import type { RecordStatus } from '../people/audit'
import { signOffSchema, type SignOff } from '../people/auth'
import type { SessionEvent } from '../record/events'
import { newSessionSchema, type Session, type SessionRecord, type SessionSummary } from './session'

export const sessionChannels = {
  'sessions.create': channel(newSessionSchema, returns<Session>()),
  'sessions.get': channel(z.strictObject({ sessionId: idOf('session') }), returns<SessionRecord>()),
  /** The entries after one the window holds: how a console catches up with entries it did not write. */
  'entries.since': channel(
    z.strictObject({ sessionId: idOf('session'), afterSeq: z.number({ error: 'afterSeq must be a number' }).int().min(0) }),
    returns<SessionEvent[]>()
  ),
  'sessions.listForPatient': channel(z.strictObject({ patientId: idOf('patient') }), returns<SessionSummary[]>()),
  'sessions.listOpen': channel(none, returns<SessionSummary[]>()),
  'record.status': channel(z.strictObject({ sessionId: idOf('session') }), returns<RecordStatus>()),
  'record.signOff': channel(signOffSchema, returns<SignOff>())
} as const
