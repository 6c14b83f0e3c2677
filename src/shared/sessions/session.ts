import { z } from 'zod'
import type { SessionEvent } from '../record/events'
import type { Patient } from '../people/people'
import { authorIdSchema } from '../record/channels'
import { sessionPlanSchema, type SessionPlan } from '../record/plan'
import type { ProtocolSnapshot } from '../protocols/protocols'
import { limitConfirmationSchema, type LimitOverride } from '../record/limitOverride'

const staffId = (what: string) => z.number({ error: `Choose the ${what}` }).int().positive(`Choose the ${what}`)

export const teamSchema = z.strictObject({
  physicianId: staffId('physician'),
  nurseId: staffId('nurse'),
  therapistId: staffId('therapist').nullable()
})
export type Team = z.infer<typeof teamSchema>

export const newSessionSchema = z.strictObject({
  patientId: z.number().int().positive(),
  authorId: authorIdSchema,
  plan: sessionPlanSchema,
  team: teamSchema,
  /** The protocol version the plan was taken from; the session keeps a copy of it. */
  protocolId: z.number({ error: 'Choose a protocol' }).int().positive('Choose a protocol').optional(),
  /** A physician's PIN and reason for a plan over a soft limit of the drug library. */
  limitConfirmation: limitConfirmationSchema.optional()
})
export type NewSession = z.infer<typeof newSessionSchema>

export interface Session {
  id: number
  patientId: number
  plan: SessionPlan
  team: Team
  createdBy: number
  createdAt: number
  /** The protocol as it was when the session started; absent for sessions opened without one. */
  protocol?: ProtocolSnapshot
  /** The physician's confirmation of a plan over a soft limit of the drug library. */
  planOverride?: LimitOverride
}

export interface SessionSummary extends Session {
  patientCode: string
  patientName: string
  endedAt: number | null
}

export interface SessionRecord {
  session: Session
  patient: Patient
  events: SessionEvent[]
}
