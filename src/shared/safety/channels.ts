/** Acknowledging alerts, discharge, and what the lock screen may show of open sessions. */
import { z } from 'zod'
import { channel, idOf, none, returns } from '../kernel/channel'
import type { SessionEvent } from '../record/events'
import { authorIdSchema } from '../record/channels'
import { ALERT_RESPONSES, dischargeAssessmentSchema, MAX_OVERRIDE_REASON } from '../record/safetyPayloads'
import type { MonitoredSession } from './monitor'

export const acknowledgeAlertInput = z.strictObject({
  sessionId: idOf('session'),
  authorId: authorIdSchema,
  alertKey: z.string({ error: 'Choose an alert' }).min(1, 'Choose an alert').max(200, 'Unknown alert'),
  response: z.enum(ALERT_RESPONSES, { error: 'Choose a response' }),
  note: z.string({ error: 'Note must be text' }).max(1000, 'Note must be at most 1000 characters').optional()
})

export const dischargeInput = z.strictObject({
  sessionId: idOf('session'),
  authorId: authorIdSchema,
  assessment: dischargeAssessmentSchema,
  /** A physician's override of unmet criteria, or null. */
  override: z
    .strictObject({
      reason: z
        .string({ error: 'Give a reason for the override' })
        .trim()
        .min(1, 'Give a reason for the override')
        .max(MAX_OVERRIDE_REASON, `Reason must be at most ${MAX_OVERRIDE_REASON} characters`)
    })
    .nullable()
})
export type DischargeInput = z.infer<typeof dischargeInput>

export const safetyChannels = {
  'alerts.acknowledge': channel(acknowledgeAlertInput, returns<SessionEvent[]>()),
  'discharge.record': channel(dischargeInput, returns<SessionEvent>()),
  'monitor.openSessions': channel(none, returns<MonitoredSession[]>())
} as const
