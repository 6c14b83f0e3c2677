import type { RecordEntryInput } from '../../../../shared/record/channels'
import { resolveClockTime } from '../../../../shared/kernel/clinicalTime'
import type { EntryInput, SessionEvent } from '../../../../shared/record/events'
import type { LimitConfirmation } from '../../../../shared/record/limitOverride'
import type { AppError, Result } from '../../../../shared/kernel/result'
import { call } from '../../app/api'

export type RecordEntry = (
  entry: EntryInput,
  options?: { confirmOverPlan?: boolean; limitConfirmation?: LimitConfirmation | undefined }
) => Promise<Result<SessionEvent>>

/**
 * Builds the one function every lane saves through: it stamps the current user and the shared
 * "Time" field (blank means now), and hands back the stored event or a typed error.
 */
export function makeRecorder(args: {
  sessionId: number
  authorId: number | null
  timeText: string
  now: number | null
  onSaved: (e: SessionEvent) => void
  /** Set on a signed-off record: every entry is then an addendum with this reason. */
  addendumReason?: string
}): RecordEntry {
  return async (entry, options = {}) => {
    if (args.authorId === null) return failure({ code: 'INVALID_INPUT', message: 'Choose yourself as the Current user first', field: 'authorId' })
    if (args.addendumReason !== undefined && args.addendumReason.trim() === '')
      return failure({ code: 'INVALID_INPUT', message: 'Give the reason for this addendum', field: 'addendumReason' })
    let occurredAt: number | undefined
    if (args.timeText.trim() !== '') {
      if (args.now === null) return failure({ code: 'INVALID_INPUT', message: 'The clock is not available yet: try again', field: 'occurredAt' })
      const t = resolveClockTime(args.timeText, args.now)
      if ('error' in t) return failure({ code: 'INVALID_INPUT', message: t.error, field: 'occurredAt' })
      occurredAt = t.at
    }
    const input: RecordEntryInput = { sessionId: args.sessionId, authorId: args.authorId, entry }
    if (occurredAt !== undefined) input.occurredAt = occurredAt
    if (options.confirmOverPlan) input.confirmOverPlan = true
    if (options.limitConfirmation) input.limitConfirmation = options.limitConfirmation
    if (args.addendumReason !== undefined) input.addendumReason = args.addendumReason.trim()
    const r = await call('entries.record', input)
    if (r.ok) args.onSaved(r.value)
    return r
  }
}

const failure = (error: AppError): Result<SessionEvent> => ({ ok: false, error })
