import { useEffect, useState, type FormEvent } from 'react'
import type { ClinicSettings } from '../../../shared/people/auth'
import { ROLES, type Role, type Staff } from '../../../shared/people/people'
import { DEFAULT_PERMISSIONS, PERMISSION_NAMES, permissionProblem, type Permission, type PermissionTable } from '../../../shared/people/permissions'
import { call } from '../app/api'
import { FormError, TextField } from '../ui/Field'
import { parseNumber } from '../ui/forms'
import { ROLE_LABELS } from '../ui/labels'

/** The clinic's adjustments: idle lock, lock-out, and who may do what. Administrators change them. */
export function SettingsScreen({ currentUser, permissions }: { currentUser: Staff; permissions: PermissionTable }) {
  const refusal = permissionProblem(permissions, currentUser, 'settings.manage')
  const [settings, setSettings] = useState<ClinicSettings | null>(null)
  const [idle, setIdle] = useState('')
  const [lockout, setLockout] = useState('')
  const [table, setTable] = useState<PermissionTable | null>(null)
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [formError, setFormError] = useState<string>()
  const [saved, setSaved] = useState<string>()

  const show = (s: ClinicSettings) => {
    setSettings(s)
    setIdle(String(s.idleLockMinutes))
    setLockout(String(s.lockoutMinutes))
    setTable(s.permissions)
  }
  useEffect(() => {
    void call('settings.get', {}).then((r) => (r.ok ? show(r.value) : setFormError(r.error.message)))
  }, [])

  const toggle = (p: Permission, role: Role, on: boolean) =>
    setTable((t) => t && { ...t, [p]: ROLES.filter((r) => (r === role ? on : t[p].includes(r))) })

  async function submit(e: FormEvent) {
    e.preventDefault()
    if (!table) return
    setSaved(undefined)
    setFormError(undefined)
    const r = await call('settings.update', {
      authorId: currentUser.id,
      idleLockMinutes: parseNumber(idle) ?? Number.NaN,
      lockoutMinutes: parseNumber(lockout) ?? Number.NaN,
      permissions: table
    })
    if (!r.ok) {
      const f = r.error.field
      if (f === 'idleLockMinutes' || f === 'lockoutMinutes') setErrors({ [f]: r.error.message })
      else setFormError(r.error.message)
      return
    }
    setErrors({})
    show(r.value)
    setSaved('Settings saved')
  }

  if (!settings || !table) return formError ? <p role="alert">{formError}</p> : <p>Loading…</p>
  return (
    <section aria-label="Settings" className="card settings">
      <h2>Settings</h2>
      {refusal && (
        <p id="settings-refusal" className="muted">
          {refusal}
        </p>
      )}
      <form onSubmit={submit} noValidate>
        <fieldset disabled={refusal !== null} className="plain-fieldset">
          <TextField
            label="Idle lock (minutes)"
            inputMode="numeric"
            value={idle}
            onChange={(e) => setIdle(e.target.value)}
            error={errors['idleLockMinutes']}
            hint="The screen locks and hides patient data after this long without use"
          />
          <table className="table permissions-table">
            <caption>Who may do what</caption>
            <thead>
              <tr>
                <th scope="col">Action</th>
                {ROLES.map((r) => (
                  <th key={r} scope="col">
                    {ROLE_LABELS[r]}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {PERMISSION_NAMES.map((p) => (
                <tr key={p}>
                  <th scope="row">{capitalise(DEFAULT_PERMISSIONS[p].does)}</th>
                  {ROLES.map((r) => (
                    <td key={r}>
                      <input
                        type="checkbox"
                        aria-label={`${ROLE_LABELS[r]} may ${DEFAULT_PERMISSIONS[p].does}`}
                        checked={table[p].includes(r)}
                        // Rights a role always keeps (main refuses a table without them).
                        disabled={keptBy(p, r)}
                        onChange={(e) => toggle(p, r, e.target.checked)}
                      />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </fieldset>
        <FormError message={formError} />
        <button type="submit" className="primary" disabled={refusal !== null} aria-describedby={refusal ? 'settings-refusal' : undefined}>
          Save settings
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

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1)

function keptBy(p: (typeof PERMISSION_NAMES)[number], r: (typeof ROLES)[number]): boolean {
  const info = DEFAULT_PERMISSIONS[p]
  return (r === 'administrator' && 'keepsAdministrator' in info) || (r === 'physician' && 'keepsPhysician' in info)
}
