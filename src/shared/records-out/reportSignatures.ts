/**
 * The report's last two sections: the sign-off with the addenda made after it, and the record's
 * integrity as the hash chain's verification found it when the report was made.
 */
import type { SignOff } from '../people/auth'
import { describeEntry, ENTRY_KIND_LABELS } from '../record/describe'
import { entryOf, isClinical, type CorrectionPayload, type SessionEvent } from '../record/events'
import { integritySummary, type IntegrityReport } from '../record/integrity'
import { formatLocalDateTime } from '../kernel/isoTime'
import type { SessionPlan } from '../record/plan'
import type { ReportBlock, ReportSection, StaffNames } from './report'

export const NOT_SIGNED_OFF = 'Not signed off'

/** What one entry made after the sign-off is, in words. */
function addendumWhat(e: SessionEvent, bySeqOfId: ReadonlyMap<number, number>, plan: SessionPlan): [string, string] {
  const target = e.amendsEventId === null ? '' : ` of #${bySeqOfId.get(e.amendsEventId) ?? '?'}`
  if (e.type === 'correction') {
    const p = e.payload as CorrectionPayload
    return [`Correction${target}`, describeEntry(p.entry, plan)]
  }
  if (e.type === 'entered_in_error') return [`Marked entered in error${target}`, '']
  return [ENTRY_KIND_LABELS[entryOf(e).type], isClinical(e.type) ? describeEntry(entryOf(e), plan) : '']
}

export function signaturesSection(args: { events: readonly SessionEvent[]; signOff: SignOff | null; names: StaffNames; plan: SessionPlan }): ReportSection {
  const { signOff, names } = args
  const title = 'Sign-off and addenda'
  if (!signOff) return { id: 'signatures', title, blocks: [{ kind: 'paragraph', text: `${NOT_SIGNED_OFF}.`, emphasis: true }] }
  const seqOfId = new Map(args.events.map((e) => [e.id, e.seq]))
  const addenda = [...args.events].filter((e) => e.seq > signOff.lastSeq).sort((a, b) => a.seq - b.seq)
  const blocks: ReportBlock[] = [
    {
      kind: 'fields',
      items: [
        { label: 'Signed off by', value: names.nameOf(signOff.staffId) },
        { label: 'Signed at', value: formatLocalDateTime(signOff.signedAt) },
        { label: 'Statement', value: `“${signOff.meaning}”` },
        { label: 'Covers', value: signOff.lastSeq === 0 ? 'an empty record' : `entries #1 to #${signOff.lastSeq}` },
        { label: 'Record hash at signing', value: signOff.chainHash }
      ]
    },
    addenda.length === 0
      ? { kind: 'paragraph', text: 'No addenda: nothing was added after the sign-off.' }
      : {
          kind: 'table',
          caption: 'ADDENDA: entries added after the sign-off, each with its reason',
          columns: ['#', 'Added', 'Addendum', 'Content', 'By', 'Reason'],
          rows: addenda.map((e) => {
            const [what, content] = addendumWhat(e, seqOfId, args.plan)
            return [String(e.seq), formatLocalDateTime(e.recordedAt), what, content, names.nameOf(e.authorId), e.reason ?? '']
          })
        }
  ]
  return { id: 'signatures', title, blocks }
}

export function integritySection(integrity: IntegrityReport, checkedAt: number): ReportSection {
  const blocks: ReportBlock[] = [
    { kind: 'paragraph', text: integritySummary(integrity), emphasis: true },
    {
      kind: 'paragraph',
      text: `Checked ${formatLocalDateTime(checkedAt)}: ${integrity.checked} sealed ${integrity.checked === 1 ? 'entry' : 'entries'} verified against the record's hash chain.`
    }
  ]
  if (!integrity.intact)
    blocks.push({ kind: 'table', caption: 'What breaks the record', columns: ['Entry', 'Problem'], rows: integrity.problems.map((p) => [`#${p.seq}`, p.problem]) })
  return { id: 'integrity', title: 'Record integrity', blocks }
}
