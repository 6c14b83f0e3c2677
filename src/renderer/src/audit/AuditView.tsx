import { useCallback, useEffect, useMemo, useState } from 'react'
import {
  AUDIT_CATEGORIES,
  AUDIT_KIND_LABELS,
  auditRows,
  describeAuditEntry,
  filterAuditRows,
  type AuditCategory,
  type AuditRow,
  type SessionAudit
} from '../../../shared/people/audit'
import { describeEntry, ENTRY_KIND_LABELS } from '../../../shared/record/describe'
import { entryOf, isClinical, type CorrectionPayload, type SessionEvent } from '../../../shared/record/events'
import { formatClock } from '../../../shared/record/messages'
import type { Staff } from '../../../shared/people/people'
import type { SessionPlan } from '../../../shared/record/plan'
import type { SessionRecord } from '../../../shared/sessions/session'
import { call } from '../app/api'
import type { Navigate } from '../app/App'
import { SelectField } from '../ui/Field'
import { formatDate, roleLabel } from '../ui/labels'
import { IntegrityStatus } from '../console/record/RecordIntegrity'

interface Props {
  sessionId: number
  staff: Staff[]
  navigate: Navigate
}

/** A session's whole history: entries, corrections, addenda, sign-off, and the workstation's audit rows. */
export function AuditView({ sessionId, staff, navigate }: Props) {
  const [audit, setAudit] = useState<SessionAudit | null>(null)
  const [record, setRecord] = useState<SessionRecord | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [person, setPerson] = useState('')
  const [kind, setKind] = useState('')

  useEffect(() => {
    void call('audit.session', { sessionId }).then((r) => (r.ok ? setAudit(r.value) : setError(r.error.message)))
    void call('sessions.get', { sessionId }).then((r) => (r.ok ? setRecord(r.value) : setError(r.error.message)))
  }, [sessionId])

  const staffById = useMemo(() => new Map(staff.map((s) => [s.id, s])), [staff])
  const nameOf = useCallback(
    (id: number) => {
      const s = staffById.get(id)
      return s ? `${s.name} (${roleLabel(s.role)})` : `Staff #${id}`
    },
    [staffById]
  )
  const rows = useMemo(() => (audit ? auditRows(audit.events, audit.log, audit.signOff) : []), [audit])
  const shown = useMemo(
    () => filterAuditRows(rows, { staffId: person ? Number(person) : null, category: (kind || null) as AuditCategory | null }),
    [rows, person, kind]
  )
  const people = useMemo(() => {
    const ids = new Set<number>()
    for (const r of rows) {
      if (r.staffId !== null) ids.add(r.staffId)
      if (r.source === 'log' && r.entry.subjectId !== null) ids.add(r.entry.subjectId)
    }
    return [...ids].map((id) => ({ value: String(id), label: nameOf(id) })).sort((a, b) => a.label.localeCompare(b.label))
  }, [rows, nameOf])

  if (error) return <p role="alert">{error}</p>
  if (!audit || !record) return <p>Loading the audit trail…</p>
  const { patient, session } = record
  const bySeq = new Map(audit.events.map((e) => [e.id, e]))

  return (
    <section aria-label="Audit" className="card audit">
      <h2>
        Audit trail: {patient.fullName} <span className="muted">({patient.patientCode})</span>, session opened {formatDate(session.createdAt)}
      </h2>
      <button type="button" className="link" onClick={() => navigate({ name: 'console', sessionId })}>
        Back to session
      </button>
      <IntegrityStatus integrity={audit.integrity} />
      <p className={audit.auditLogIntegrity.intact ? 'muted' : 'form-error'}>
        {audit.auditLogIntegrity.intact ? 'Audit log intact' : `Audit log not intact: ${audit.auditLogIntegrity.problems[0]!.problem}`}
      </p>
      {audit.signOff && (
        <p>
          Signed off by {nameOf(audit.signOff.staffId)} at {formatClock(audit.signOff.signedAt)}: “{audit.signOff.meaning}”. Entries after #
          {audit.signOff.lastSeq} are addenda.
        </p>
      )}
      <div className="inline-form">
        <SelectField label="Person" value={person} onChange={(e) => setPerson(e.target.value)} placeholder="Everyone" options={people} />
        <SelectField
          label="Kind"
          value={kind}
          onChange={(e) => setKind(e.target.value)}
          placeholder="All kinds"
          options={Object.entries(AUDIT_CATEGORIES).map(([value, label]) => ({ value, label }))}
        />
        <p className="muted">
          {shown.length} of {rows.length} rows
        </p>
      </div>
      <table className="table audit__table" aria-label="Audit entries">
        <thead>
          <tr>
            <th scope="col">Recorded</th>
            <th scope="col">Person</th>
            <th scope="col">Kind</th>
            <th scope="col">Entry</th>
            <th scope="col">Details</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((r) => (
            <tr key={r.key} className={`audit__row audit__row--${r.category}`}>
              <td>{formatClock(r.at)}</td>
              <td>{r.staffId === null ? '—' : nameOf(r.staffId)}</td>
              <td>{kindLabel(r)}</td>
              <td>{r.source === 'event' ? `#${r.event.seq}` : ''}</td>
              <td>{r.source === 'event' ? eventDetails(r.event, session.plan, bySeq) : describeAuditEntry(r.entry, nameOf)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}

function kindLabel(r: AuditRow): string {
  if (r.source === 'log') return AUDIT_KIND_LABELS[r.entry.kind]
  const e = r.event
  const base = e.type === 'correction' ? 'Correction' : e.type === 'entered_in_error' ? 'Entered in error' : e.type === 'clock_jump' ? 'Clock change noted' : ENTRY_KIND_LABELS[e.type]
  return r.addendum ? `Addendum: ${base}` : base
}

function eventDetails(e: SessionEvent, plan: SessionPlan, byId: ReadonlyMap<number, SessionEvent>): string {
  const target = e.amendsEventId === null ? undefined : byId.get(e.amendsEventId)
  const ref = target ? `entry #${target.seq}` : 'an entry'
  if (e.type === 'correction') {
    const p = e.payload as CorrectionPayload
    return `Corrected ${ref} to ${[ENTRY_KIND_LABELS[p.entry.type], describeEntry(p.entry, plan)].filter(Boolean).join(': ')} at ${formatClock(p.occurredAt)}. Reason: ${e.reason}`
  }
  if (e.type === 'entered_in_error') return `Marked ${ref} entered in error. Reason: ${e.reason}`
  if (!isClinical(e.type)) return ''
  const text = describeEntry(entryOf(e), plan)
  const when = e.occurredAt !== e.recordedAt ? ` (clinical time ${formatClock(e.occurredAt)})` : ''
  return `${text}${when}${e.reason ? `. Reason for addendum: ${e.reason}` : ''}`
}
