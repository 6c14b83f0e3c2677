/**
 * The pre-infusion gate, and the rules that keep safety entries honest under corrections.
 * Called from entries.ts inside its transaction.
 */
import { preInfusionProblems, preInfusionState } from '../../shared/safety/checks'
import { endWithoutDischargeProblem } from '../../shared/safety/discharge'
import type { InfusionState } from '../../shared/record/infusion'
import type { EntryInput } from '../../shared/record/events'
import { ageInYears } from '../../shared/protocols/protocols'
import { effectiveEntries, liveEntries, type EffectiveEntry } from '../../shared/record/record'
import { DomainError } from '../../shared/kernel/result'
import type { Session } from '../../shared/sessions/session'
import type { ServiceContext } from '../app/context'
import { loadEvents } from '../record/eventStore'
import { getPatient, requireActiveStaff } from '../people/people'

type Start = Extract<EntryInput, { type: 'infusion_started' }>
type End = Extract<EntryInput, { type: 'session_ended' }>

/** What the checks say at `at` for this session; empty for a session without a protocol. */
export function startProblems(ctx: ServiceContext, session: Session, at: number): string[] {
  if (!session.protocol) return []
  // Runs once per session, before the record grows long: reading all of it is cheap here.
  const entries = effectiveEntries(loadEvents(ctx.db, session.id))
  const patient = getPatient(ctx, session.patientId)
  return preInfusionProblems(preInfusionState(entries, at), session.protocol.definition, ageInYears(patient.dateOfBirth, at)).map(
    (p) => p.message
  )
}

/**
 * A start with checks unmet needs a physician's override with a reason; the stored override lists
 * what it overrode, as the service found it (never what the client claimed).
 */
export function gateStart(ctx: ServiceContext, session: Session, authorId: number, at: number, entry: Start): Start {
  const problems = startProblems(ctx, session, at)
  if (problems.length === 0) {
    if (entry.override) throw new DomainError('INVALID_INPUT', 'The pre-infusion checks are met: no override is needed', 'entry.override')
    return entry
  }
  if (!entry.override)
    throw new DomainError(
      'CONFIRMATION_REQUIRED',
      `Pre-infusion checks not met: ${problems.join('; ')}. A physician may override with a reason.`,
      'entry.override'
    )
  const author = requireActiveStaff(ctx, authorId, 'authorId')
  if (author.role !== 'physician')
    throw new DomainError('INVALID_INPUT', `Only a physician can override the pre-infusion checks (${author.name} is a ${author.role})`, 'authorId')
  return { ...entry, override: { reason: entry.override.reason, problems } }
}

/**
 * The end of a session whose patient was given a dose needs the discharge first, or a physician's
 * override with a reason; the stored override says what it overrode, as the service found it.
 */
export function gateEnd(ctx: ServiceContext, authorId: number, entries: readonly EffectiveEntry[], infusion: InfusionState, entry: End): End {
  const discharged = liveEntries(entries).some((e) => e.entry.type === 'discharge')
  const problem = endWithoutDischargeProblem(infusion, discharged)
  if (problem === null) {
    if (entry.override)
      throw new DomainError('INVALID_INPUT', `${discharged ? 'The patient has been discharged' : 'No infusion was given'}: no override is needed`, 'entry.override')
    return entry
  }
  if (!entry.override) throw new DomainError('CONFIRMATION_REQUIRED', `${problem}.`, 'entry.override')
  const reason = entry.override.reason.trim()
  if (reason === '') throw new DomainError('INVALID_INPUT', 'Give a reason for the override', 'entry.override.reason')
  const author = requireActiveStaff(ctx, authorId, 'authorId')
  if (author.role !== 'physician')
    throw new DomainError('INVALID_INPUT', `Only a physician can end the session without a discharge (${author.name} is a ${author.role})`, 'authorId')
  return { ...entry, override: { reason, problems: ['The patient was not discharged'] } }
}

/** Acknowledgements and discharges are made through their own actions, which check what they need. */
export function refuseDirectSafetyEntry(entry: EntryInput): void {
  if (entry.type === 'alert_acknowledged') throw new DomainError('INVALID_INPUT', 'Acknowledge alerts from the Alerts list', 'entry.type')
  if (entry.type === 'discharge') throw new DomainError('INVALID_INPUT', 'Record a discharge with Discharge', 'entry.type')
}

/**
 * What a correction may store: acknowledgements and discharges are not corrected (mark them in
 * error and record them again, through their checks), and an override stays as it was given.
 */
export function correctableEntry(target: EffectiveEntry, replacement: EntryInput): EntryInput {
  const t = target.entry
  if (t.type === 'alert_acknowledged' || t.type === 'discharge')
    throw new DomainError('INVALID_INPUT', 'This entry cannot be corrected: mark it entered in error and record it again', 'eventId')
  if ((t.type === 'infusion_started' && replacement.type === 'infusion_started') || (t.type === 'session_ended' && replacement.type === 'session_ended')) {
    if (replacement.override && JSON.stringify(replacement.override) !== JSON.stringify(t.override))
      throw new DomainError('INVALID_INPUT', 'An override cannot be changed by a correction', 'entry.override')
    const { override: _, ...rest } = replacement
    return (t.override ? { ...rest, override: t.override } : rest) as EntryInput
  }
  return replacement
}
