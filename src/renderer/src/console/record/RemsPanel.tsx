import { useEffect, useState } from 'react'
import type { RemsForm } from '../../../../shared/records-out/rems'
import { call } from '../../app/api'

/** The Spravato REMS Patient Monitoring Form data of an intranasal esketamine session, missing fields flagged. */
export function RemsPanel({ sessionId, version }: { sessionId: number; version: number }) {
  const [form, setForm] = useState<RemsForm | null>(null)
  const [error, setError] = useState<string | null>(null)
  useEffect(() => {
    void call('reports.rems', { sessionId }).then((r) => (r.ok ? setForm(r.value) : setError(r.error.message)))
  }, [sessionId, version])
  if (error) return <p role="alert">{error}</p>
  if (!form) return null
  return (
    <section aria-label="REMS monitoring" className="card">
      <h2>REMS monitoring form data</h2>
      <p className={form.missing > 0 ? 'warning' : 'saved'}>
        {form.missing > 0 ? `${form.missing} field${form.missing === 1 ? ' is' : 's are'} missing and must be completed before submission.` : 'Every field is filled from the record.'}
        {form.monitoringShort ? ' Monitoring was shorter than the required 2 hours.' : ''}
      </p>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Field</th>
            <th scope="col">Value</th>
            <th scope="col">Source</th>
          </tr>
        </thead>
        <tbody>
          {form.fields.map((f) => (
            <tr key={f.id}>
              <th scope="row">{f.label}</th>
              <td>{f.value ?? <strong>Missing</strong>}</td>
              <td className="muted">{f.note}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}
