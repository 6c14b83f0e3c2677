import { useEffect, useState } from 'react'
import type { Patient } from '../../../../shared/domain/people'
import { plannedTotalMg } from '../../../../shared/domain/plan'
import type { SessionSummary } from '../../../../shared/domain/session'
import { call } from '../../api'
import type { Navigate } from '../../App'
import { formatDate } from '../../labels'
import { PatientCourse } from '../safety/PatientCourse'

export function PatientPage({ patientId, navigate }: { patientId: number; navigate: Navigate }) {
  const [patient, setPatient] = useState<Patient | null>(null)
  const [sessions, setSessions] = useState<SessionSummary[] | null>(null)
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    void call('patients.get', { patientId }).then((r) => (r.ok ? setPatient(r.value) : setError(r.error.message)))
    void call('sessions.listForPatient', { patientId }).then((r) => (r.ok ? setSessions(r.value) : setError(r.error.message)))
  }, [patientId])

  if (error) return <p role="alert">{error}</p>
  if (!patient) return <p>Loading…</p>
  return (
    <div className="patient-page">
      <section aria-label="Patient" className="card">
        <h2>
          {patient.fullName} <span className="muted">({patient.patientCode})</span>
        </h2>
        <p>
          Date of birth {patient.dateOfBirth} · Weight on record {patient.weightKg} kg
        </p>
        <button type="button" className="primary" onClick={() => navigate({ name: 'new-session', patientId })}>
          New session
        </button>
      </section>
      <section aria-label="Sessions" className="card">
        <h2>Sessions</h2>
        {sessions === null ? (
          <p>Loading…</p>
        ) : sessions.length === 0 ? (
          <p>No sessions yet.</p>
        ) : (
          <ul className="plain-list">
            {sessions.map((s) => (
              <li key={s.id}>
                <button type="button" className="link" onClick={() => navigate({ name: 'console', sessionId: s.id })}>
                  {formatDate(s.createdAt)} · {s.plan.drug} {s.plan.route} · planned {plannedTotalMg(s.plan).toFixed(1)} mg ·{' '}
                  {s.endedAt === null ? 'open' : 'ended'}
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>
      <PatientCourse patientId={patientId} />
    </div>
  )
}
