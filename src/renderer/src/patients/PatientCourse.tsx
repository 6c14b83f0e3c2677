import { useEffect, useState } from 'react'
import type { CourseScale } from '../../../shared/therapy/scaleCourse'
import { describeScale } from '../../../shared/record/scales'
import { call } from '../app/api'
import { formatDate } from '../ui/labels'

/** The patient's scale scores session by session: how the course of treatment is going. */
export function PatientCourse({ patientId }: { patientId: number }) {
  const [rows, setRows] = useState<CourseScale[] | null>(null)
  const [error, setError] = useState<string>()
  useEffect(() => {
    void call('scales.listForPatient', { patientId }).then((r) => (r.ok ? setRows(r.value) : setError(r.error.message)))
  }, [patientId])
  return (
    <section aria-label="Scale history" className="card">
      <h2>Scale history (all sessions)</h2>
      {error && <p role="alert">{error}</p>}
      {rows === null ? (
        !error && <p>Loading…</p>
      ) : rows.length === 0 ? (
        <p>No scales recorded yet.</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Session</th>
              <th scope="col">Recorded</th>
              <th scope="col">Score</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.eventId}>
                <td>{formatDate(r.sessionCreatedAt)}</td>
                <td>{formatDate(r.occurredAt)}</td>
                <td>{describeScale(r.scale)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}
