import { useState } from 'react'
import type { Staff } from '../../../../shared/people/people'
import { printReport, saveExport } from '../../app/platform'

/** Print the report, export FHIR or CSV: the record leaving the room, each action named for the audit log. */
export function RecordActions({ sessionId, currentUser }: { sessionId: number; currentUser: Staff | null }) {
  const [busy, setBusy] = useState(false)
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null)
  const authorId = currentUser?.id ?? null

  const run = async (what: string, action: () => ReturnType<typeof saveExport>) => {
    setBusy(true)
    setMessage(null)
    const r = await action()
    setBusy(false)
    if (!r.ok) setMessage({ ok: false, text: r.error.message })
    else if (r.value.savedTo) setMessage({ ok: true, text: `${what}: ${r.value.savedTo}` })
    else setMessage({ ok: true, text: `${what}: ready` })
  }

  return (
    <section aria-label="Record" className="record-actions">
      <div className="actions">
        <button type="button" disabled={busy} onClick={() => void run('Report', () => printReport(sessionId, authorId))}>
          Print report
        </button>
        <button type="button" disabled={busy} onClick={() => void run('FHIR export', () => saveExport('fhir', sessionId, authorId))}>
          Export FHIR
        </button>
        <button type="button" disabled={busy} onClick={() => void run('CSV export', () => saveExport('csv', sessionId, authorId))}>
          Export CSV
        </button>
      </div>
      <p role="status" className={message?.ok === false ? 'form-error' : 'muted'}>
        {message?.text ?? ''}
      </p>
    </section>
  )
}
