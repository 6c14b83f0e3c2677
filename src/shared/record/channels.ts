/** The session record's channels: the clock it is kept by, and new entries, corrections and voids. */
import { z } from 'zod'
import { channel, idOf, none, returns } from '../kernel/channel'
import { entryInputSchema, reasonSchema, type SessionEvent } from './events'
import { limitConfirmationSchema } from './limitOverride'

/** The staff member an entry or action is sent for; main checks it is whoever is signed in. */
export const authorIdSchema = z.number({ error: 'Choose the current user' }).int().positive('Choose the current user')
/**
 * Who asked for an export, backup or restore, for the audit log. Optional: a restore may be needed
 * before any staff can be read.
 */
export const optionalActorIdSchema = authorIdSchema.optional()
/** Clinical time, epoch ms; absent means now. Bounds keep Date arithmetic exact. */
const occurredAt = z.number({ error: 'Time must be a time' }).int('Time must be a time').min(0).max(8.64e15).optional()

export const recordEntryInput = z.strictObject({
  sessionId: idOf('session'),
  authorId: authorIdSchema,
  occurredAt,
  entry: entryInputSchema,
  /** The user has seen and accepted the warning that this rate passes the planned total. */
  confirmOverPlan: z.boolean().optional(),
  /** A physician's PIN and reason for a rate over a soft limit of the drug library. */
  limitConfirmation: limitConfirmationSchema.optional(),
  /** Why an entry is added to a signed-off record; required there, refused elsewhere. */
  addendumReason: reasonSchema.optional()
})
export type RecordEntryInput = z.infer<typeof recordEntryInput>

export const correctEntryInput = z.strictObject({
  sessionId: idOf('session'),
  authorId: authorIdSchema,
  eventId: idOf('entry'),
  reason: reasonSchema,
  entry: entryInputSchema,
  occurredAt,
  /** A physician's PIN and reason when the corrected rate is over a soft limit of the drug library. */
  limitConfirmation: limitConfirmationSchema.optional()
})
export type CorrectEntryInput = z.infer<typeof correctEntryInput>

export const markInErrorInput = z.strictObject({
  sessionId: idOf('session'),
  authorId: authorIdSchema,
  eventId: idOf('entry'),
  reason: reasonSchema
})
export type MarkInErrorInput = z.infer<typeof markInErrorInput>

export const recordChannels = {
  'clock.now': channel(none, returns<number>()),
  'entries.record': channel(recordEntryInput, returns<SessionEvent>()),
  'entries.correct': channel(correctEntryInput, returns<SessionEvent>()),
  'entries.markInError': channel(markInErrorInput, returns<SessionEvent>())
} as const
