import { useState, type FormEvent } from 'react'
import { newPatientSchema } from '../../../shared/people/people'
import { call } from '../app/api'
import { FormError, TextField } from '../ui/Field'
import { fieldErrors, parseNumber, placeError, type FieldErrors } from '../ui/forms'

const EMPTY = { patientCode: '', fullName: '', dateOfBirth: '', weightKg: '' }
const FIELDS = Object.keys(EMPTY)

export function NewPatientForm({ onSaved }: { onSaved: () => void }) {
  const [values, setValues] = useState(EMPTY)
  const [errors, setErrors] = useState<FieldErrors>({})
  const [formError, setFormError] = useState<string>()
  const [saving, setSaving] = useState(false)
  const [saved, setSaved] = useState<string>()

  const set = (k: keyof typeof EMPTY) => (e: { target: { value: string } }) => setValues((v) => ({ ...v, [k]: e.target.value }))

  async function submit(e: FormEvent) {
    e.preventDefault()
    setSaved(undefined)
    setFormError(undefined)
    const parsed = newPatientSchema.safeParse({ ...values, weightKg: parseNumber(values.weightKg) })
    if (!parsed.success) {
      setErrors(fieldErrors(parsed.error))
      return
    }
    setSaving(true)
    const r = await call('patients.create', parsed.data)
    setSaving(false)
    if (!r.ok) {
      const placed = placeError(r.error, FIELDS)
      setErrors(placed.fields)
      setFormError(placed.form)
      return
    }
    // Cleared only once the patient is stored: a failed save keeps what was typed.
    setErrors({})
    setValues(EMPTY)
    setSaved(`Saved ${r.value.fullName} (${r.value.patientCode})`)
    onSaved()
  }

  return (
    <section aria-label="New patient" className="card">
      <h2>New patient</h2>
      <form onSubmit={submit} noValidate>
        <TextField label="Patient ID" value={values.patientCode} onChange={set('patientCode')} error={errors['patientCode']} autoComplete="off" />
        <TextField label="Full name" value={values.fullName} onChange={set('fullName')} error={errors['fullName']} autoComplete="off" />
        <TextField
          label="Date of birth"
          type="date"
          value={values.dateOfBirth}
          onChange={set('dateOfBirth')}
          error={errors['dateOfBirth']}
        />
        <TextField label="Weight (kg)" inputMode="decimal" value={values.weightKg} onChange={set('weightKg')} error={errors['weightKg']} />
        <FormError message={formError} />
        <button type="submit" disabled={saving}>
          Save patient
        </button>
        {saved && (
          <p role="status" className="saved">
            {saved}
          </p>
        )}
      </form>
    </section>
  )
}
