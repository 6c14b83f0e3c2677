import { useEffect, useRef, useState, type FormEvent } from 'react'
import type { SignInChoice, WorkstationState } from '../../../shared/people/auth'
import { call } from '../app/api'
import { FormError, PinField, SelectField } from '../ui/Field'
import { roleLabel } from '../ui/labels'

interface Props {
  choices: readonly SignInChoice[]
  /** Preselected name: the person the lock is holding, or whom "Current user" was switched to. */
  initialStaffId?: number | null
  onSignedIn: (state: WorkstationState) => void
  onCancel?: () => void
  heading?: string
}

/** Pick your name, enter your PIN: a few seconds at a shared bedside workstation. */
export function SignInForm({ choices, initialStaffId = null, onSignedIn, onCancel, heading = 'Sign in' }: Props) {
  const [staffId, setStaffId] = useState(initialStaffId ? String(initialStaffId) : '')
  const [pin, setPin] = useState('')
  const [errors, setErrors] = useState<{ staffId?: string; pin?: string; newPin?: string; confirm?: string; form?: string }>({})
  // Asked for once main says the PIN was set by an administrator (it works once, to choose one's own).
  const [choosing, setChoosing] = useState<string | null>(null)
  const [newPin, setNewPin] = useState('')
  const [confirm, setConfirm] = useState('')
  const [busy, setBusy] = useState(false)
  const pinRef = useRef<HTMLInputElement>(null)

  useEffect(() => {
    if (initialStaffId) pinRef.current?.focus()
  }, [initialStaffId])

  async function submit(e: FormEvent) {
    e.preventDefault()
    if (!staffId) return setErrors({ staffId: 'Choose your name' })
    if (!pin) return setErrors({ pin: 'Enter your PIN' })
    if (choosing !== null && newPin !== confirm) return setErrors({ confirm: 'The two PINs differ' })
    setBusy(true)
    const r = await call('auth.signIn', choosing !== null ? { staffId: Number(staffId), pin, newPin } : { staffId: Number(staffId), pin })
    setBusy(false)
    // A PIN is never left on screen, right or wrong.
    setPin('')
    setNewPin('')
    setConfirm('')
    if (r.ok) {
      setErrors({})
      setChoosing(null)
      onSignedIn(r.value)
      return
    }
    if (r.error.field === 'newPin') {
      if (choosing === null) {
        setChoosing(r.error.message)
        setErrors({})
      } else setErrors({ newPin: r.error.message })
    } else if (r.error.field === 'pin') setErrors({ pin: r.error.message })
    else if (r.error.field === 'staffId') setErrors({ staffId: r.error.message })
    else setErrors({ form: r.error.message })
    pinRef.current?.focus()
  }

  return (
    <section aria-label="Sign in" className="card sign-in">
      <h2>{heading}</h2>
      <form onSubmit={submit} noValidate>
        <SelectField
          label="Staff member"
          value={staffId}
          onChange={(e) => {
            setStaffId(e.target.value)
            setErrors({})
            setChoosing(null)
            if (e.target.value) pinRef.current?.focus()
          }}
          error={errors.staffId}
          placeholder="Choose your name"
          options={choices.map((c) => ({ value: String(c.id), label: `${c.name} (${roleLabel(c.role)})` }))}
        />
        <PinField
          label="PIN"
          value={pin}
          onChange={(e) => setPin(e.target.value)}
          error={errors.pin}
          inputRef={pinRef}
        />
        {choosing !== null && (
          <>
            <p role="status">{choosing} Type the PIN you were given again, then your own.</p>
            <PinField
              label="New PIN"
              value={newPin}
              onChange={(e) => setNewPin(e.target.value)}
              error={errors.newPin}
            />
            <PinField
              label="Confirm new PIN"
              value={confirm}
              onChange={(e) => setConfirm(e.target.value)}
              error={errors.confirm}
            />
          </>
        )}
        <FormError message={errors.form} />
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>
            Sign in
          </button>
          {onCancel && (
            <button type="button" onClick={onCancel}>
              Cancel
            </button>
          )}
        </div>
      </form>
    </section>
  )
}
