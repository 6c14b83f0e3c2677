/**
 * Everything the report adds after the record itself (see EXTRA_SECTION_ORDER): the safety
 * sections from the entries, then the sign-off and the integrity check the caller ran.
 */
import type { SignOff } from '../people/auth'
import type { IntegrityReport } from '../record/integrity'
import { ageInYears } from '../protocols/protocols'
import { effectiveEntries, liveEntries } from '../record/record'
import type { ReportSection, StaffNames } from './report'
import { safetySections } from './reportSafety'
import { integritySection, signaturesSection } from './reportSignatures'
import type { SessionRecord } from '../sessions/session'

export function reportExtraSections(args: {
  record: SessionRecord
  names: StaffNames
  signOff: SignOff | null
  integrity: IntegrityReport
  generatedAt: number
}): ReportSection[] {
  const { record, names, generatedAt } = args
  const entries = effectiveEntries(record.events)
  const live = liveEntries(entries)
  const end = live.find((e) => e.entry.type === 'session_ended')?.occurredAt ?? null
  const start = live.find((e) => e.entry.type === 'infusion_started')?.occurredAt ?? null
  const asOf = end ?? generatedAt
  return [
    ...safetySections({
      entries,
      plan: record.session.plan,
      protocol: record.session.protocol ?? null,
      names,
      asOf,
      ageYears: ageInYears(record.patient.dateOfBirth, start ?? asOf),
      ended: end !== null
    }),
    signaturesSection({ events: record.events, signOff: args.signOff, names, plan: record.session.plan }),
    integritySection(args.integrity, generatedAt)
  ]
}
