import { useState, type FormEvent } from 'react'
import { SIGN_OFF_MEANING, type SignOff } from '../../../../shared/people/auth'
import { formatClock } from '../../../../shared/record/messages'
import type { Staff } from '../../../../shared/people/people'
import { call } from '../../app/api'
import { FormError, PinField } from '../../ui/Field'
import { roleLabel } from '../../ui/labels'

interface Props {
  sessionId: number
  currentUser: Staff
  signOff: SignOff | null
  signer: Staff | undefined
  /** Why the current user may not sign off, or null. */
  refusal: string | null
  onSigned: (s: SignOff) => void
}

/** The physician's signature on the ended session: the PIN again, under the meaning statement. */
export function SignOffPanel({ sessionId, currentUser, signOff, signer, refusal, onSigned }: Props) {
  const [pin, setPin] = useState('')
  const [errors, setErrors] = useState<{ pin?: string; form?: string }>({})
  const [busy, setBusy] = useState(false)

  async function submit(e: FormEvent) {
    e.preventDefault()
    if (!pin) return setErrors({ pin: 'Enter your PIN to sign' })
    setBusy(true)
    const r = await call('record.signOff', { sessionId, authorId: currentUser.id, pin })
    setBusy(false)
    setPin('')
    if (r.ok) {
      setErrors({})
      onSigned(r.value)
    } else if (r.error.field === 'pin') setErrors({ pin: r.error.message })
    else setErrors({ form: r.error.message })
  }

  if (signOff)
    return (
      <section aria-label="Sign-off" className="card sign-off sign-off--done">
        <h2>Signed off</h2>
        <p>
          Signed off by {signer ? `${signer.name} (${roleLabel(signer.role)})` : `staff #${signOff.staffId}`} at {formatClock(signOff.signedAt)}: “
          {signOff.meaning}”.
        </p>
        <p className="muted">The record is locked: new notes and vitals are added as addenda, each with a reason.</p>
      </section>
    )
  return (
    <section aria-label="Sign-off" className="card sign-off">
      <h2>Sign-off</h2>
      <form onSubmit={submit} noValidate>
        <p className="sign-off__meaning">
          <strong>{SIGN_OFF_MEANING}.</strong>
        </p>
        <p className="muted">Signing as {currentUser.name}: re-enter your PIN.</p>
        {refusal && (
          <p id="sign-off-refusal" className="refusal">
            {refusal}
          </p>
        )}
        <PinField
          label="PIN"
          value={pin}
          onChange={(e) => setPin(e.target.value)}
          error={errors.pin}
          disabled={refusal !== null}
        />
        <FormError message={errors.form} />
        <button type="submit" className="primary" disabled={busy || refusal !== null} aria-describedby={refusal ? 'sign-off-refusal' : undefined}>
          Sign off record
        </button>
      </form>
    </section>
  )
}
