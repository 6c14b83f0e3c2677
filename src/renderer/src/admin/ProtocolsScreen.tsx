import { useCallback, useEffect, useState, type FormEvent } from 'react'
import type { Staff } from '../../../shared/people/people'
import { DRUGS, ROUTES } from '../../../shared/record/plan'
import {
  CHECK_IDS,
  CHECK_LABELS,
  LIMITED_VITALS,
  protocolDefinitionSchema,
  REFERENCE_SAFETY,
  type ProtocolDefinition,
  type ProtocolVersion
} from '../../../shared/protocols/protocols'
import { VITAL_LIMITS } from '../../../shared/record/vitals'
import { call } from '../app/api'
import { FormError, SelectField, TextField } from '../ui/Field'
import { fieldErrors, type FieldErrors } from '../ui/forms'
import { formatDate } from '../ui/labels'
import { definitionOf, fieldsOf, type ProtocolFlags, type ProtocolFields } from './protocolForm'
import { DEFAULT_DOSE_LIMITS, doseLimitsOf } from '../../../shared/protocols/doseLimits'
import { DoseLimitsFieldset } from './DoseLimitsFieldset'
import { doseLimitsOfDraft, draftOf } from './doseLimitsForm'

const TEMPLATE: ProtocolDefinition = {
  name: '',
  drug: 'racemic ketamine',
  route: 'IV',
  dose: { kind: 'mg/kg', value: 0.5 },
  durationMin: 40,
  defaultConcentrationMgPerMl: 1,
  defaultBagVolumeMl: 100,
  ...REFERENCE_SAFETY
}

type Editing = { mode: 'new' } | { mode: 'edit'; version: ProtocolVersion } | null

/** The clinic's protocols: every edit is saved as a new version; sessions keep the version they used. */
export function ProtocolsScreen({ currentUser, staff }: { currentUser: Staff | null; staff: Staff[] | null }) {
  const [protocols, setProtocols] = useState<ProtocolVersion[] | null>(null)
  const [error, setError] = useState<string>()
  const [editing, setEditing] = useState<Editing>(null)
  const [saved, setSaved] = useState<string>()
  const reload = useCallback(() => {
    void call('protocols.list', {}).then((r) => (r.ok ? setProtocols(r.value) : setError(r.error.message)))
  }, [])
  useEffect(reload, [reload])

  return (
    <div className="protocols">
      <section aria-label="Protocols" className="card">
        <h2>Protocols</h2>
        {error && <p role="alert">{error}</p>}
        {saved && (
          <p className="saved" role="status">
            {saved}
          </p>
        )}
        {protocols === null ? (
          <p>Loading…</p>
        ) : (
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Drug and route</th>
                <th scope="col">Dose</th>
                <th scope="col">Version</th>
                <th scope="col">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {protocols.map((p) => (
                <tr key={p.id}>
                  <td>{p.definition.name}</td>
                  <td>
                    {p.definition.drug} · {p.definition.route}
                  </td>
                  <td>
                    {p.definition.dose.value} {p.definition.dose.kind} over {p.definition.durationMin} min
                  </td>
                  <td>{p.version}</td>
                  <td>
                    <button type="button" aria-label={`Edit ${p.definition.name}`} onClick={() => setEditing({ mode: 'edit', version: p })}>
                      Edit
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <div className="actions">
          <button type="button" className="primary" onClick={() => setEditing({ mode: 'new' })}>
            New protocol
          </button>
        </div>
      </section>
      {editing && (
        <ProtocolEditor
          key={editing.mode === 'edit' ? editing.version.id : 'new'}
          editing={editing}
          currentUser={currentUser}
          staff={staff}
          onCancel={() => setEditing(null)}
          onSaved={(v) => {
            setEditing(null)
            setSaved(`Saved ${v.definition.name}, version ${v.version}`)
            reload()
          }}
        />
      )}
    </div>
  )
}

interface EditorProps {
  editing: Exclude<Editing, null>
  currentUser: Staff | null
  staff: Staff[] | null
  onCancel: () => void
  onSaved: (v: ProtocolVersion) => void
}

function ProtocolEditor({ editing, currentUser, staff, onCancel, onSaved }: EditorProps) {
  const initial = fieldsOf(editing.mode === 'edit' ? editing.version.definition : TEMPLATE)
  const [f, setF] = useState<ProtocolFields>(initial.fields)
  const [flags, setFlags] = useState<ProtocolFlags>(initial.flags)
  const startingLimits = doseLimitsOf(editing.mode === 'edit' ? editing.version.definition : null)
  const [limits, setLimits] = useState(() => draftOf(startingLimits))
  const [reason, setReason] = useState('')
  const [errors, setErrors] = useState<FieldErrors>({})
  const [formError, setFormError] = useState<string>()
  const [busy, setBusy] = useState(false)
  const [history, setHistory] = useState<ProtocolVersion[]>([])
  useEffect(() => {
    if (editing.mode === 'edit')
      void call('protocols.history', { lineageId: editing.version.lineageId }).then((r) => r.ok && setHistory(r.value))
  }, [editing])

  const set = (k: string) => (e: { target: { value: string } }) => setF((o) => ({ ...o, [k]: e.target.value }))
  const field = (k: string, label: string, hint?: string) => (
    <TextField key={k} label={label} inputMode="decimal" value={f[k] ?? ''} onChange={set(k)} error={errors[k]} hint={hint} />
  )

  async function submit(e: FormEvent) {
    e.preventDefault()
    setFormError(undefined)
    const parsed = protocolDefinitionSchema.safeParse({ ...(definitionOf(f, flags) as object), doseLimits: doseLimitsOfDraft(limits) })
    const errs: FieldErrors = parsed.success ? {} : fieldErrors(parsed.error)
    if (errs['dose.value']) errs['dose'] = errs['dose.value']
    if (editing.mode === 'edit' && reason.trim() === '') errs['reason'] = 'Give a reason for the change'
    if (!currentUser) setFormError('Choose yourself as the Current user (top right) first')
    if (!parsed.success || Object.keys(errs).length > 0 || !currentUser) {
      setErrors(errs)
      if (!parsed.success && !formError) setFormError('Nothing was saved: fix the fields marked in red')
      return
    }
    setBusy(true)
    const r =
      editing.mode === 'edit'
        ? await call('protocols.update', { authorId: currentUser.id, protocolId: editing.version.id, definition: parsed.data, reason: reason.trim() })
        : await call('protocols.create', { authorId: currentUser.id, definition: parsed.data })
    setBusy(false)
    if (r.ok) return onSaved(r.value)
    const k = r.error.field?.replace(/^definition\./, '')
    if (k && k !== r.error.field) setErrors({ [k]: r.error.message })
    setFormError(r.error.message)
  }

  const author = (id: number | null) => (id === null ? 'shipped with the app' : (staff?.find((s) => s.id === id)?.name ?? `Staff #${id}`))
  const esketamine = f.drug === 'esketamine'
  return (
    <section aria-label={editing.mode === 'edit' ? 'Edit protocol' : 'New protocol'} className="card protocol-editor">
      <h2>{editing.mode === 'edit' ? `Edit ${editing.version.definition.name} (version ${editing.version.version})` : 'New protocol'}</h2>
      <form onSubmit={submit} noValidate>
        <fieldset>
          <legend>Drug and dose</legend>
          <TextField label="Name" value={f['name'] ?? ''} onChange={set('name')} error={errors['name']} />
          <SelectField label="Drug" value={f.drug} onChange={set('drug')} error={errors['drug']} options={DRUGS.map((d) => ({ value: d, label: d }))} />
          <SelectField label="Route" value={f.route} onChange={set('route')} error={errors['route']} options={ROUTES.map((r) => ({ value: r, label: r }))} />
          {field('dose', esketamine ? 'Dose (mg)' : 'Dose (mg/kg)')}
          {field('durationMin', 'Duration (min)')}
          {field('defaultConcentrationMgPerMl', 'Default concentration (mg/mL)')}
          {field('defaultBagVolumeMl', 'Default bag volume (mL)')}
        </fieldset>
        <fieldset>
          <legend>Observation</legend>
          {field('vitalsIntervalMin.infusion', 'Vitals every (min) during infusion')}
          {field('vitalsIntervalMin.recovery', 'Vitals every (min) in recovery')}
          {field('minRecoveryMin', 'Minimum recovery (min)')}
        </fieldset>
        <fieldset>
          <legend>Alert limits (blank for none)</legend>
          {LIMITED_VITALS.map((v) => (
            <div className="inline-form" key={v}>
              {field(`limits.${v}.low`, `${VITAL_LIMITS[v].label} low`)}
              {field(`limits.${v}.high`, `${VITAL_LIMITS[v].label} high`)}
            </div>
          ))}
          {field('riseFromBaseline.systolic', 'Systolic rise from baseline (mmHg)')}
          {field('riseFromBaseline.diastolic', 'Diastolic rise from baseline (mmHg)')}
        </fieldset>
        <fieldset>
          <legend>Sedation alerts, MOAA/S 0–5 (blank for none)</legend>
          <div className="inline-form">
            {field('sedation.highAtOrBelow', 'High priority at MOAA/S or below')}
            {field('sedation.mediumAtOrBelow', 'Medium priority at MOAA/S or below')}
          </div>
        </fieldset>
        <fieldset>
          <legend>Pre-dose blood pressure limit (blank for none)</legend>
          {field('preDoseBp.systolicMax', 'Pre-dose systolic at most')}
          {field('preDoseBp.diastolicMax', 'Pre-dose diastolic at most')}
          {field('preDoseBp.systolicMaxAged65', 'Pre-dose systolic at most, age 65 and over')}
          {errors['preDoseBp'] && <p className="form-error">{errors['preDoseBp']}</p>}
        </fieldset>
        <fieldset>
          <legend>Required pre-infusion checks</legend>
          {CHECK_IDS.map((c) => (
            <div className="field field--check" key={c}>
              <label>
                <input
                  type="checkbox"
                  checked={flags.checks.has(c)}
                  onChange={(e) =>
                    setFlags((o) => {
                      const checks = new Set(o.checks)
                      if (e.target.checked) checks.add(c)
                      else checks.delete(c)
                      return { ...o, checks }
                    })
                  }
                />{' '}
                {CHECK_LABELS[c]}
              </label>
            </div>
          ))}
        </fieldset>
        <fieldset>
          <legend>Discharge criteria</legend>
          {field('discharge.minAldrete', 'Minimum Aldrete score')}
          {(
            [
              ['requireEscort', 'Escort required'],
              ['requireNoDrivingAdvice', 'No-driving advice required'],
              ['rems', 'REMS monitoring form (esketamine)']
            ] as const
          ).map(([k, label]) => (
            <div className="field field--check" key={k}>
              <label>
                <input type="checkbox" checked={flags[k]} onChange={(e) => setFlags((o) => ({ ...o, [k]: e.target.checked }))} /> {label}
              </label>
            </div>
          ))}
        </fieldset>
        <DoseLimitsFieldset
          draft={limits}
          onChange={setLimits}
          errors={errors}
          shippedDefaults={JSON.stringify(doseLimitsOfDraft(limits)) === JSON.stringify(DEFAULT_DOSE_LIMITS)}
        />
        {editing.mode === 'edit' && (
          <TextField label="Reason for the change" value={reason} onChange={(e) => setReason(e.target.value)} error={errors['reason']} />
        )}
        <FormError message={formError} />
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>
            Save protocol
          </button>
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        </div>
      </form>
      {history.length > 0 && (
        <>
          <h3>Versions</h3>
          <ul className="plain-list">
            {history.map((h) => (
              <li key={h.id}>
                Version {h.version}
                {h.retired ? ' (retired)' : ''} · {h.createdAt > 0 ? formatDate(h.createdAt) : ''} · {author(h.createdBy)}
                {h.changeReason ? ` · ${h.changeReason}` : ''}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  )
}
