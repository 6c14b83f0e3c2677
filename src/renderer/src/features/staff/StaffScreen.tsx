import { useState, type FormEvent } from 'react'
import { newStaffSchema, ROLES, type Staff } from '../../../../shared/domain/people'
import { call } from '../../api'
import { FormError, SelectField, TextField } from '../../components/Field'
import { fieldErrors, placeError, type FieldErrors } from '../../forms'
import { ROLE_LABELS } from '../../labels'

/** Until sign-in exists: the people who may author entries, with their roles. */
export function StaffScreen({ staff, onChanged }: { staff: Staff[] | null; onChanged: () => void }) {
  const [name, setName] = useState('')
  const [role, setRole] = useState('')
  const [errors, setErrors] = useState<FieldErrors>({})
  const [formError, setFormError] = useState<string>()
  const [saved, setSaved] = useState<string>()

  async function submit(e: FormEvent) {
    e.preventDefault()
    setSaved(undefined)
    setFormError(undefined)
    const parsed = newStaffSchema.safeParse({ name, role: role || undefined })
    if (!parsed.success) return setErrors(fieldErrors(parsed.error))
    const r = await call('staff.create', parsed.data)
    if (!r.ok) {
      const placed = placeError(r.error, ['name', 'role'])
      setErrors(placed.fields)
      return setFormError(placed.form)
    }
    setErrors({})
    setName('')
    setRole('')
    setSaved(`Added ${r.value.name} (${ROLE_LABELS[r.value.role]})`)
    onChanged()
  }

  return (
    <div className="home__columns">
      <section aria-label="Staff" className="card">
        <h2>Staff</h2>
        {staff === null ? (
          <p>Loading…</p>
        ) : staff.length === 0 ? (
          <p>No staff yet. Add at least one physician and one nurse before the first session.</p>
        ) : (
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Role</th>
              </tr>
            </thead>
            <tbody>
              {staff.map((s) => (
                <tr key={s.id}>
                  <td>{s.name}</td>
                  <td>{ROLE_LABELS[s.role]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section aria-label="New staff member" className="card">
        <h2>New staff member</h2>
        <form onSubmit={submit} noValidate>
          <TextField label="Name" value={name} onChange={(e) => setName(e.target.value)} error={errors['name']} autoComplete="off" />
          <SelectField
            label="Role"
            value={role}
            onChange={(e) => setRole(e.target.value)}
            error={errors['role']}
            placeholder="Choose a role"
            options={ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))}
          />
          <FormError message={formError} />
          <button type="submit">Add staff member</button>
          {saved && (
            <p role="status" className="saved">
              {saved}
            </p>
          )}
        </form>
      </section>
    </div>
  )
}
