import { useState, type FormEvent } from 'react'
import { newPinSchema, newStaffMemberSchema } from '../../../shared/people/auth'
import { ROLES, type Staff } from '../../../shared/people/people'
import { permissionProblem, type PermissionTable } from '../../../shared/people/permissions'
import { call } from '../app/api'
import { FormError, PinField, SelectField, TextField } from '../ui/Field'
import { fieldErrors, placeError, type FieldErrors } from '../ui/forms'
import { ROLE_LABELS } from '../ui/labels'

interface Props {
  staff: Staff[] | null
  onChanged: () => void
  currentUser: Staff
  permissions: PermissionTable
}

/** The people who may sign in here, with their roles. Administrators add, deactivate and reset PINs. */
export function StaffScreen({ staff, onChanged, currentUser, permissions }: Props) {
  const refusal = permissionProblem(permissions, currentUser, 'staff.manage')
  const [resetting, setResetting] = useState<Staff | null>(null)
  const [rowError, setRowError] = useState<string>()
  const [saved, setSaved] = useState<string>()

  async function setActive(s: Staff, active: boolean) {
    setRowError(undefined)
    setSaved(undefined)
    const r = await call('staff.setActive', { authorId: currentUser.id, staffId: s.id, active })
    if (!r.ok) return setRowError(r.error.message)
    setSaved(`${r.value.name} ${active ? 'reactivated' : 'deactivated'}`)
    onChanged()
  }

  return (
    <div className="home__columns">
      <section aria-label="Staff" className="card">
        <h2>Staff</h2>
        {refusal && (
          <p id="staff-refusal" className="muted">
            {refusal}
          </p>
        )}
        {staff === null ? (
          <p>Loading…</p>
        ) : (
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Role</th>
                <th scope="col">Status</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {staff.map((s) => (
                <tr key={s.id}>
                  <td>{s.name}</td>
                  <td>{ROLE_LABELS[s.role]}</td>
                  <td>{s.active ? 'Active' : 'Deactivated'}</td>
                  <td className="table__actions">
                    <button
                      type="button"
                      disabled={refusal !== null}
                      aria-describedby={refusal ? 'staff-refusal' : undefined}
                      aria-label={`${s.active ? 'Deactivate' : 'Reactivate'} ${s.name}`}
                      onClick={() => void setActive(s, !s.active)}
                    >
                      {s.active ? 'Deactivate' : 'Reactivate'}
                    </button>
                    <button
                      type="button"
                      disabled={refusal !== null}
                      aria-describedby={refusal ? 'staff-refusal' : undefined}
                      aria-label={`Reset PIN of ${s.name}`}
                      onClick={() => setResetting(s)}
                    >
                      Reset PIN
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <FormError message={rowError} />
        {saved && (
          <p role="status" className="saved">
            {saved}
          </p>
        )}
        <p className="muted">Staff are never deleted: someone who wrote entries stays on the record. Deactivated staff cannot sign in.</p>
      </section>
      <div>
        {resetting && (
          <ResetPin
            key={resetting.id}
            target={resetting}
            currentUser={currentUser}
            onDone={(message) => {
              setResetting(null)
              setSaved(message)
            }}
          />
        )}
        <NewStaffMember currentUser={currentUser} refusal={refusal} onAdded={onChanged} />
      </div>
    </div>
  )
}

function NewStaffMember({ currentUser, refusal, onAdded }: { currentUser: Staff; refusal: string | null; onAdded: () => void }) {
  const [name, setName] = useState('')
  const [role, setRole] = useState('')
  const [pin, setPin] = useState('')
  const [confirm, setConfirm] = useState('')
  const [errors, setErrors] = useState<FieldErrors>({})
  const [formError, setFormError] = useState<string>()
  const [saved, setSaved] = useState<string>()

  async function submit(e: FormEvent) {
    e.preventDefault()
    setSaved(undefined)
    setFormError(undefined)
    const parsed = newStaffMemberSchema.safeParse({ authorId: currentUser.id, name, role: role || undefined, pin })
    const errs = parsed.success ? {} : fieldErrors(parsed.error)
    if (!errs['pin'] && pin !== confirm) errs['confirm'] = 'The two PINs differ'
    if (!parsed.success || Object.keys(errs).length > 0) return setErrors(errs)
    const r = await call('staff.create', parsed.data)
    if (!r.ok) {
      const placed = placeError(r.error, ['name', 'role', 'pin'])
      setErrors(placed.fields)
      return setFormError(placed.form)
    }
    setErrors({})
    setName('')
    setRole('')
    setPin('')
    setConfirm('')
    setSaved(`Added ${r.value.name} (${ROLE_LABELS[r.value.role]})`)
    onAdded()
  }

  return (
    <section aria-label="New staff member" className="card">
      <h2>New staff member</h2>
      <form onSubmit={submit} noValidate>
        <fieldset disabled={refusal !== null} className="plain-fieldset">
          <TextField label="Name" value={name} onChange={(e) => setName(e.target.value)} error={errors['name']} autoComplete="off" />
          <SelectField
            label="Role"
            value={role}
            onChange={(e) => setRole(e.target.value)}
            error={errors['role']}
            placeholder="Choose a role"
            options={ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))}
          />
          <PinField
            label="New PIN"
            value={pin}
            onChange={(e) => setPin(e.target.value)}
            error={errors['pin']}
            hint="At least 4 digits; they can ask for it to be reset"
          />
          <PinField
            label="Confirm new PIN"
            value={confirm}
            onChange={(e) => setConfirm(e.target.value)}
            error={errors['confirm']}
          />
        </fieldset>
        <FormError message={formError} />
        <button type="submit" disabled={refusal !== null} aria-describedby={refusal ? 'staff-refusal' : undefined}>
          Add staff member
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

function ResetPin({ target, currentUser, onDone }: { target: Staff; currentUser: Staff; onDone: (message?: string) => void }) {
  const [pin, setPin] = useState('')
  const [confirm, setConfirm] = useState('')
  const [errors, setErrors] = useState<FieldErrors>({})
  const [formError, setFormError] = useState<string>()

  async function submit(e: FormEvent) {
    e.preventDefault()
    const parsed = newPinSchema.safeParse(pin)
    if (!parsed.success) return setErrors({ pin: parsed.error.issues[0]!.message })
    if (pin !== confirm) return setErrors({ confirm: 'The two PINs differ' })
    const r = await call('staff.resetPin', { authorId: currentUser.id, staffId: target.id, pin })
    if (!r.ok) {
      const placed = placeError(r.error, ['pin'])
      setErrors(placed.fields)
      return setFormError(placed.form)
    }
    onDone(`New PIN set for ${target.name}: it works once, for them to choose their own at their next sign-in`)
  }

  return (
    <section aria-label={`Reset PIN of ${target.name}`} className="card">
      <h2>Reset PIN of {target.name}</h2>
      <form onSubmit={submit} noValidate>
        <PinField label="New PIN" value={pin} onChange={(e) => setPin(e.target.value)} error={errors['pin']} />
        <PinField
          label="Confirm new PIN"
          value={confirm}
          onChange={(e) => setConfirm(e.target.value)}
          error={errors['confirm']}
        />
        <FormError message={formError} />
        <div className="actions">
          <button type="submit" className="primary">
            Save PIN
          </button>
          <button type="button" onClick={() => onDone()}>
            Cancel
          </button>
        </div>
      </form>
    </section>
  )
}
