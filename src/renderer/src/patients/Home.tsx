import { useCallback, useEffect, useState } from 'react'
import type { Patient, Staff } from '../../../shared/people/people'
import type { SessionSummary } from '../../../shared/sessions/session'
import { call } from '../app/api'
import type { Navigate } from '../app/App'
import { formatDate } from '../ui/labels'
import { NewPatientForm } from './NewPatientForm'

/** The patient list, open sessions, and on a fresh database what to do first. */
export function Home({ navigate, staff }: { navigate: Navigate; staff: Staff[] | null }) {
  const [patients, setPatients] = useState<Patient[] | null>(null)
  const [open, setOpen] = useState<SessionSummary[]>([])
  const [error, setError] = useState<string | null>(null)

  const load = useCallback(() => {
    void call('patients.list', {}).then((r) => (r.ok ? setPatients(r.value) : setError(r.error.message)))
    void call('sessions.listOpen', {}).then((r) => r.ok && setOpen(r.value))
  }, [])
  useEffect(load, [load])

  const hasPhysician = staff?.some((s) => s.active && s.role === 'physician') ?? false
  const hasNurse = staff?.some((s) => s.active && s.role === 'nurse') ?? false
  const firstSteps = staff !== null && patients !== null && (!hasPhysician || !hasNurse || patients.length === 0)

  return (
    <div className="home">
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {firstSteps && (
        <section aria-label="Getting started" className="card getting-started">
          <h2>Getting started</h2>
          <ol>
            <li className={hasPhysician && hasNurse ? 'done' : ''}>
              Add the staff who will run sessions: at least one physician and one nurse (and the therapist).{' '}
              <button type="button" onClick={() => navigate({ name: 'staff' })}>
                Go to Staff
              </button>
            </li>
            <li>Each person signs in with their name and PIN (Switch user, top right) before making entries.</li>
            <li className={patients.length > 0 ? 'done' : ''}>Add a patient with the form below.</li>
            <li>Open the patient and press New session.</li>
          </ol>
        </section>
      )}
      {open.length > 0 && (
        <section aria-label="Open sessions" className="card">
          <h2>Open sessions</h2>
          <ul className="plain-list">
            {open.map((s) => (
              <li key={s.id}>
                <button type="button" onClick={() => navigate({ name: 'console', sessionId: s.id })}>
                  Open session of {s.patientName} ({s.patientCode}), started {formatDate(s.createdAt)}
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
      <div className="home__columns">
        <section aria-label="Patients" className="card">
          <h2>Patients</h2>
          {patients === null ? (
            <p>Loading…</p>
          ) : patients.length === 0 ? (
            <p>No patients yet.</p>
          ) : (
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Patient ID</th>
                  <th scope="col">Full name</th>
                  <th scope="col">Date of birth</th>
                  <th scope="col">Weight (kg)</th>
                </tr>
              </thead>
              <tbody>
                {patients.map((p) => (
                  <tr key={p.id}>
                    <td>{p.patientCode}</td>
                    <td>
                      <button type="button" className="link" onClick={() => navigate({ name: 'patient', patientId: p.id })}>
                        {p.fullName}
                      </button>
                    </td>
                    <td>{p.dateOfBirth}</td>
                    <td>{p.weightKg}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
        <NewPatientForm onSaved={load} />
      </div>
    </div>
  )
}
