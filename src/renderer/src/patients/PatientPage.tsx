import { useEffect, useState } from 'react'
import type { Patient } from '../../../shared/people/people'
import { call } from '../app/api'
import type { Navigate } from '../app/App'
import { Course } from './Course'
import { PatientCourse } from './PatientCourse'

export function PatientPage({ patientId, navigate }: { patientId: number; navigate: Navigate }) {
  const [patient, setPatient] = useState<Patient | null>(null)
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    void call('patients.get', { patientId }).then((r) => (r.ok ? setPatient(r.value) : setError(r.error.message)))
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
      {/* The sessions as the patient's course, with its chart */}
      <Course patientId={patientId} navigate={navigate} />
      <PatientCourse patientId={patientId} />
    </div>
  )
}
