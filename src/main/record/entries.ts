import type { CorrectEntryInput, MarkInErrorInput, RecordEntryInput } from '../../shared/record/channels'
import { isClinical, type EntryInput, type SessionEvent } from '../../shared/record/events'
import { deliveredDoseMg, infusingMs, overPlanWarning, rateToMgPerHour, sequenceProblem, transitionProblem } from '../../shared/record/infusion'
import { absurdRateProblem, plannedTotalMg, type SessionPlan } from '../../shared/record/plan'
import { effectiveEntries, infusionActions, liveEntries, phaseOf, type EffectiveEntry } from '../../shared/record/record'
import { infusionState } from '../../shared/record/infusion'
import { DomainError } from '../../shared/kernel/result'
import { formatClock, overPlanMessage } from '../../shared/record/messages'
import type { ServiceContext } from '../app/context'
import { appendEvent, loadControlEvents, loadEvent } from './eventStore'
import { inTransaction } from '../db/statements'
import { requireActiveStaff } from '../people/people'
import { takeRecordTime } from './recordClock'
import { getSession } from '../sessions/sessions'
import { correctableEntry, gateEnd, gateStart, refuseDirectSafetyEntry } from '../safety/startGate'
import { addendumRule } from './signOff'
import { auditOverride, CONFIRMATION_FIELD, confirmingPhysician, gateLimits, sessionRateProblems } from '../safety/doseGate'
import type { LimitOverride } from '../../shared/record/limitOverride'
import type { Session } from '../../shared/sessions/session'
import type { Staff } from '../../shared/people/people'

/** How far before the session was opened an entry may be back-timed (baseline vitals taken at arrival). */
export const MAX_BACKTIME_BEFORE_SESSION_MS = 60 * 60_000

const INFUSION_TYPES = new Set(['infusion_started', 'rate_changed', 'infusion_paused', 'infusion_resumed', 'infusion_stopped'])

function checkClinicalTime(at: number, now: number, sessionCreatedAt: number): void {
  if (at > now) throw new DomainError('INVALID_INPUT', 'Time cannot be in the future', 'occurredAt')
  if (at < sessionCreatedAt - MAX_BACKTIME_BEFORE_SESSION_MS)
    throw new DomainError('INVALID_INPUT', 'Time is more than an hour before this session was opened', 'occurredAt')
}

function checkRatePlausible(entry: EntryInput, plan: SessionPlan): void {
  if (entry.type !== 'infusion_started' && entry.type !== 'rate_changed') return
  const problem = absurdRateProblem(rateToMgPerHour(entry.rate, plan), plan)
  if (problem) throw new DomainError('INVALID_INPUT', problem, 'entry.rate.value')
}

type RateEntry = Extract<EntryInput, { type: 'infusion_started' | 'rate_changed' }>
const isRateEntry = (e: EntryInput): e is RateEntry => e.type === 'infusion_started' || e.type === 'rate_changed'

/** The confirmation is made with the physician's PIN: a client never writes it into the entry itself. */
function refuseClientOverride(entry: EntryInput): void {
  if (isRateEntry(entry) && entry.limitOverride)
    throw new DomainError('INVALID_INPUT', 'A rate over a limit is confirmed with the physician’s PIN', CONFIRMATION_FIELD)
}

/** The drug library's gate on a rate: refused over a hard limit, the physician's confirmation stored over a soft one. */
function gateRate(session: Session, entry: EntryInput, confirmer: Staff | null, input: { limitConfirmation?: RecordEntryInput['limitConfirmation'] }): LimitOverride | null {
  if (!isRateEntry(entry)) {
    if (input.limitConfirmation) throw new DomainError('INVALID_INPUT', 'Only a rate is confirmed over a limit', CONFIRMATION_FIELD)
    return null
  }
  return gateLimits(sessionRateProblems(session, rateToMgPerHour(entry.rate, session.plan)), confirmer, input.limitConfirmation, 'entry.rate.value')
}

/** Records one clinical entry. It is committed before this returns: only then may the UI say "saved". */
export function recordEntry(ctx: ServiceContext, input: RecordEntryInput): SessionEvent {
  const { db } = ctx
  refuseDirectSafetyEntry(input.entry)
  refuseClientOverride(input.entry)
  const confirmer = confirmingPhysician(ctx, input.limitConfirmation, input.sessionId)
  return inTransaction(db, () => {
    const session = getSession(ctx, input.sessionId)
    requireActiveStaff(ctx, input.authorId, 'authorId')
    const now = takeRecordTime(ctx, session, input.authorId)
    const at = input.occurredAt ?? now
    checkClinicalTime(at, now, session.createdAt)
    // On a signed-off record only addenda (notes and vitals, with a reason) may be added, ended or not.
    const addendum = addendumRule(db, session.id, input.entry, input.addendumReason)
    const entries = effectiveEntries(loadControlEvents(db, session.id))
    const actions = infusionActions(entries)
    const state = infusionState(actions, session.plan)
    if (!addendum && phaseOf(entries, state) === 'ended') throw new DomainError('INVALID_STATE', 'This session has ended: no new entries can be added')
    let { entry } = input
    let limitOverride: LimitOverride | null = null
    if (!INFUSION_TYPES.has(entry.type)) gateRate(session, entry, confirmer, input)
    if (INFUSION_TYPES.has(entry.type) && liveEntries(entries).some((e) => e.entry.type === 'discharge'))
      throw new DomainError('INVALID_STATE', 'The patient has been discharged: the infusion can no longer change')
    if (INFUSION_TYPES.has(entry.type)) {
      const problem = transitionProblem(state.status, entry.type as Parameters<typeof transitionProblem>[1])
      if (problem) throw new DomainError('INVALID_STATE', problem)
      if (state.lastActionAt !== null && at < state.lastActionAt)
        throw new DomainError(
          'INVALID_INPUT',
          `Time cannot be before the last infusion entry (${formatClock(state.lastActionAt)})`,
          'occurredAt'
        )
      checkRatePlausible(entry, session.plan)
      limitOverride = gateRate(session, entry, confirmer, input)
      if ((entry.type === 'infusion_started' || entry.type === 'rate_changed') && !input.confirmOverPlan) {
        const warning = overPlanWarning({
          deliveredMg: deliveredDoseMg(actions, session.plan, at),
          infusedMs: infusingMs(actions, session.plan, at),
          proposedMgPerHour: rateToMgPerHour(entry.rate, session.plan),
          plannedTotalMg: plannedTotalMg(session.plan),
          plannedDurationMin: session.plan.plannedDurationMin
        })
        if (warning) throw new DomainError('CONFIRMATION_REQUIRED', overPlanMessage(warning), 'entry.rate.value')
      }
      if (entry.type === 'infusion_started') entry = gateStart(ctx, session, input.authorId, at, entry)
    }
    if (entry.type === 'session_ended' && (state.status === 'running' || state.status === 'paused'))
      throw new DomainError('INVALID_STATE', 'Stop the infusion before ending the session')
    // The figures freeze at the end: an end back-timed before the stop would cut the delivered dose short.
    if (entry.type === 'session_ended' && state.lastActionAt !== null && at < state.lastActionAt)
      throw new DomainError(
        'INVALID_INPUT',
        `The end of the session cannot be before the last infusion entry (${formatClock(state.lastActionAt)})`,
        'occurredAt'
      )
    if (limitOverride && isRateEntry(entry)) entry = { ...entry, limitOverride }
    if (entry.type === 'session_ended' && !addendum) entry = gateEnd(ctx, input.authorId, entries, state, entry)
    const { type, ...payload } = entry
    const event = { sessionId: session.id, type, occurredAt: at, recordedAt: now, authorId: input.authorId, source: { kind: 'staff' } as const, payload }
    const stored = appendEvent(db, addendum ? { ...event, reason: input.addendumReason! } : event)
    if (limitOverride) auditOverride(ctx, session.id, limitOverride, `Rate ${describeRate(entry)}`, now)
    return stored
  })
}

function amendableTarget(ctx: ServiceContext, sessionId: number, eventId: number): { target: EffectiveEntry; entries: EffectiveEntry[] } {
  const original = loadEvent(ctx.db, eventId)
  if (!original || original.sessionId !== sessionId) throw new DomainError('NOT_FOUND', 'No such entry in this session', 'eventId')
  if (original.type === 'correction' || original.type === 'entered_in_error')
    throw new DomainError('INVALID_INPUT', 'Amend the original entry, not its correction', 'eventId')
  if (!isClinical(original.type)) throw new DomainError('INVALID_INPUT', 'This line was written by the app and cannot be amended', 'eventId')
  // Vitals and notes are not among the control events: add the target so its amendments apply to it.
  const events = loadControlEvents(ctx.db, sessionId)
  if (!events.some((e) => e.id === original.id)) events.push(original)
  const entries = effectiveEntries(events)
  const target = entries.find((e) => e.original.id === original.id)!
  if (target.voided) throw new DomainError('INVALID_STATE', 'This entry was marked entered in error and cannot be amended')
  return { target, entries }
}

function checkSequenceAfter(entries: EffectiveEntry[], plan: SessionPlan, message: string): void {
  const problem = sequenceProblem(infusionActions(entries), plan)
  if (problem) throw new DomainError('INVALID_STATE', `${message}: ${problem.charAt(0).toLowerCase()}${problem.slice(1)}`)
  checkEndAfter(entries, plan)
}

/** An ended session's infusion must be over by its end, as recordEntry requires when the end is entered. */
function checkEndAfter(entries: EffectiveEntry[], plan: SessionPlan): void {
  const end = liveEntries(entries).find((e) => e.entry.type === 'session_ended')
  if (!end) return
  const state = infusionState(infusionActions(entries), plan)
  if (state.status === 'running' || state.status === 'paused')
    throw new DomainError('INVALID_STATE', 'The session has ended: this would leave the infusion running after its end')
  if (state.lastActionAt !== null && end.occurredAt < state.lastActionAt)
    throw new DomainError('INVALID_STATE', 'The end of the session cannot come before the last infusion entry')
}

/** A correction is a new entry that replaces the content (and, if given, the time) of the original. */
export function correctEntry(ctx: ServiceContext, input: CorrectEntryInput): SessionEvent {
  const { db } = ctx
  const confirmer = confirmingPhysician(ctx, input.limitConfirmation, input.sessionId)
  return inTransaction(db, () => {
    const session = getSession(ctx, input.sessionId)
    requireActiveStaff(ctx, input.authorId, 'authorId')
    const { target, entries } = amendableTarget(ctx, session.id, input.eventId)
    const now = takeRecordTime(ctx, session, input.authorId)
    if (input.entry.type !== target.entry.type)
      throw new DomainError('INVALID_INPUT', 'A correction keeps the kind of entry it corrects', 'entry')
    const { replacement, limitOverride } = gateCorrectedRate(session, target, correctableEntry(target, input.entry), confirmer, input)
    const at = input.occurredAt ?? target.occurredAt
    checkClinicalTime(at, now, session.createdAt)
    if (at === target.occurredAt && JSON.stringify(replacement) === JSON.stringify(target.entry))
      throw new DomainError('INVALID_INPUT', 'The correction changes nothing', 'entry')
    checkRatePlausible(replacement, session.plan)
    const corrected = entries.map((e) => (e === target ? { ...e, entry: replacement, occurredAt: at } : e))
    const end = liveEntries(corrected).find((e) => e.entry.type === 'session_ended')
    if (end && end.original.id !== target.original.id && at > end.occurredAt)
      throw new DomainError('INVALID_INPUT', `Time cannot be after the end of the session (${formatClock(end.occurredAt)})`, 'occurredAt')
    checkSequenceAfter(corrected, session.plan, 'This correction would leave the infusion out of order')
    const stored = appendEvent(db, {
      sessionId: session.id,
      type: 'correction',
      occurredAt: now,
      recordedAt: now,
      authorId: input.authorId,
      source: { kind: 'staff' },
      payload: { entry: replacement, occurredAt: at },
      amendsEventId: target.original.id,
      reason: input.reason
    })
    if (limitOverride) auditOverride(ctx, session.id, limitOverride, `Corrected rate ${describeRate(replacement)}`, now)
    return stored
  })
}

const describeRate = (e: EntryInput) => (isRateEntry(e) ? `${e.rate.value} ${e.rate.unit}` : '')

/**
 * A corrected rate is checked against the library like a new one. The confirmation already given
 * stays when the rate itself is unchanged (a time correction); a new rate needs its own.
 */
function gateCorrectedRate(
  session: Session,
  target: EffectiveEntry,
  replacement: EntryInput,
  confirmer: Staff | null,
  input: CorrectEntryInput
): { replacement: EntryInput; limitOverride: LimitOverride | null } {
  if (!isRateEntry(replacement)) {
    gateRate(session, replacement, confirmer, input)
    return { replacement, limitOverride: null }
  }
  const { limitOverride: _, ...rest } = replacement
  const before = target.entry
  const sameRate = isRateEntry(before) && before.rate.value === rest.rate.value && before.rate.unit === rest.rate.unit
  if (sameRate && before.limitOverride && !input.limitConfirmation) return { replacement: { ...rest, limitOverride: before.limitOverride }, limitOverride: null }
  const limitOverride = gateRate(session, rest, confirmer, input)
  return { replacement: limitOverride ? { ...rest, limitOverride } : rest, limitOverride }
}

/** Entered in error: the entry stays in the record, struck through, and stops counting. */
export function markInError(ctx: ServiceContext, input: MarkInErrorInput): SessionEvent {
  const { db } = ctx
  return inTransaction(db, () => {
    const session = getSession(ctx, input.sessionId)
    requireActiveStaff(ctx, input.authorId, 'authorId')
    const { target, entries } = amendableTarget(ctx, session.id, input.eventId)
    const now = takeRecordTime(ctx, session, input.authorId)
    if (target.entry.type === 'session_ended')
      throw new DomainError('INVALID_INPUT', 'The end of a session cannot be marked entered in error', 'eventId')
    const remaining = entries.filter((e) => e !== target)
    checkSequenceAfter(remaining, session.plan, 'Mark the later infusion entries in error first')
    return appendEvent(db, {
      sessionId: session.id,
      type: 'entered_in_error',
      occurredAt: now,
      recordedAt: now,
      authorId: input.authorId,
      source: { kind: 'staff' },
      payload: {},
      amendsEventId: target.original.id,
      reason: input.reason
    })
  })
}
