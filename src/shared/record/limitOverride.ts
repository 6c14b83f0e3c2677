/**
 * A physician's confirmation of a dose decision over a soft limit of the drug library: asked for
 * with the physician's PIN and a reason, stored with the entry (or the session's plan) it allows.
 */
import { z } from 'zod'
import { MAX_OVERRIDE_REASON } from './safetyPayloads'

const reason = z
  .string({ error: 'Give a reason for going over the limit' })
  .trim()
  .min(1, 'Give a reason for going over the limit')
  .max(MAX_OVERRIDE_REASON, `Reason must be at most ${MAX_OVERRIDE_REASON} characters`)

/** What is sent: who confirms, their PIN (checked, never stored) and why. */
export const limitConfirmationSchema = z.strictObject({
  physicianId: z.number({ error: 'Choose the confirming physician' }).int().positive('Choose the confirming physician'),
  pin: z.string({ error: 'Enter the physician’s PIN' }).min(1, 'Enter the physician’s PIN').max(12, 'A PIN has at most 12 digits'),
  reason
})
export type LimitConfirmation = z.infer<typeof limitConfirmationSchema>

/** What is stored: the service fills in who confirmed and which limits, as it found them. */
export const limitOverrideSchema = z.strictObject({
  physicianId: z.number().int().positive(),
  physicianName: z.string().max(200),
  reason,
  limits: z.array(z.string().max(500)).max(20)
})
export type LimitOverride = z.infer<typeof limitOverrideSchema>

export function describeLimitOverride(o: LimitOverride): string {
  return `Over a soft limit (${o.limits.join('; ')}), confirmed by ${o.physicianName}: ${o.reason}`
}
