import { useState, type FormEvent } from 'react'
import { firstAdministratorSchema, type WorkstationState } from '../../../shared/people/auth'
import { call } from '../app/api'
import { FormError, PinField, TextField } from '../ui/Field'
import { fieldErrors, placeError, type FieldErrors } from '../ui/forms'

/** The very first start: someone becomes the administrator, who then adds everyone else. */
export function FirstStart({ onDone }: { onDone: (state: WorkstationState) => void }) {
  const [name, setName] = useState('')
  const [pin, setPin] = useState('')
  const [confirm, setConfirm] = useState('')
  const [errors, setErrors] = useState<FieldErrors>({})
  const [formError, setFormError] = useState<string>()
  const [busy, setBusy] = useState(false)

  async function submit(e: FormEvent) {
    e.preventDefault()
    setFormError(undefined)
    const parsed = firstAdministratorSchema.safeParse({ name, pin })
    const errs = parsed.success ? {} : fieldErrors(parsed.error)
    if (!errs['pin'] && pin !== confirm) errs['confirm'] = 'The two PINs differ'
    if (!parsed.success || Object.keys(errs).length > 0) return setErrors(errs)
    setBusy(true)
    const r = await call('auth.setUp', parsed.data)
    setBusy(false)
    if (!r.ok) {
      const placed = placeError(r.error, ['name', 'pin'])
      setErrors(placed.fields)
      return setFormError(placed.form)
    }
    onDone(r.value)
  }

  return (
    <section aria-label="First start" className="card first-start">
      <h2>First start: create the administrator</h2>
      <p>
        The administrator adds the staff who use this workstation, each with a role and a PIN. Choose a PIN of at least four
        digits that only you know.
      </p>
      <form onSubmit={submit} noValidate>
        <TextField label="Name" value={name} onChange={(e) => setName(e.target.value)} error={errors['name']} autoComplete="off" />
        <PinField label="New PIN" value={pin} onChange={(e) => setPin(e.target.value)} error={errors['pin']} />
        <PinField
          label="Confirm new PIN"
          value={confirm}
          onChange={(e) => setConfirm(e.target.value)}
          error={errors['confirm']}
        />
        <FormError message={formError} />
        <button type="submit" className="primary" disabled={busy}>
          Create administrator
        </button>
      </form>
    </section>
  )
}
