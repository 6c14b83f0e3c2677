import { useState, type FormEvent } from 'react'
import type { CheckProblem, PreInfusionState } from '../../../../shared/safety/checks'
import { formatClock } from '../../../../shared/record/messages'
import { checklistSchema, type Checklist } from '../../../../shared/record/safetyPayloads'
import { FormError, SelectField, TextField } from '../../ui/Field'
import { fieldErrors, type FieldErrors } from '../../ui/forms'
import type { RecordEntry } from './recorder'

interface Props {
  state: PreInfusionState
  problems: readonly CheckProblem[]
  hasProtocol: boolean
  record: RecordEntry
}

const YES_NO = [
  { value: 'no', label: 'No' },
  { value: 'yes', label: 'Yes' }
]
const SCREENING = [
  ['hypertension', 'Uncontrolled hypertension', YES_NO],
  ['psychosis', 'Active psychosis', YES_NO],
  ['pregnancy', 'Pregnancy', [...YES_NO, { value: 'not_applicable', label: 'Not applicable' }]],
  ['trauma', 'Recent trauma (PTSD patients)', YES_NO]
] as const
type ScreenKey = (typeof SCREENING)[number][0]

const fromChecklist = (c: Checklist | null) => ({
  consent: c?.consent ?? false,
  escort: c?.escort ?? false,
  hypertension: c?.screening.hypertension ?? '',
  psychosis: c?.screening.psychosis ?? '',
  pregnancy: c?.screening.pregnancy ?? '',
  trauma: c?.screening.trauma ?? '',
  lastFoodDrink: c?.lastFoodDrink ?? ''
})

/** Consent, screening, escort, last food and drink; baseline vitals and scales read from the record. */
export function PreInfusionChecks({ state, problems, hasProtocol, record }: Props) {
  const [v, setV] = useState(() => fromChecklist(state.checklist))
  const [errors, setErrors] = useState<FieldErrors>({})
  const [formError, setFormError] = useState<string>()
  const [saved, setSaved] = useState<string>()
  const [busy, setBusy] = useState(false)

  async function submit(e: FormEvent) {
    e.preventDefault()
    setFormError(undefined)
    setSaved(undefined)
    const screening: Record<string, string> = {}
    for (const [k] of SCREENING) if (v[k] !== '') screening[k] = v[k]
    const parsed = checklistSchema.safeParse({ consent: v.consent, escort: v.escort, screening, lastFoodDrink: v.lastFoodDrink })
    if (!parsed.success) return setErrors(fieldErrors(parsed.error))
    setBusy(true)
    const r = await record({ type: 'checklist', checklist: parsed.data })
    setBusy(false)
    if (!r.ok) return r.error.field === 'occurredAt' ? undefined : setFormError(r.error.message)
    setErrors({})
    setSaved(`Checklist saved at ${formatClock(r.value.occurredAt)}`)
  }

  return (
    <section aria-label="Pre-infusion checks" className="lane lane--checks">
      <h2>Pre-infusion checks</h2>
      {!hasProtocol && <p className="muted">This session has no protocol: no checks are required before the start.</p>}
      <form onSubmit={submit} noValidate>
        <div className="field field--check">
          <label>
            <input type="checkbox" checked={v.consent} onChange={(e) => setV((o) => ({ ...o, consent: e.target.checked }))} /> Consent confirmed
          </label>
        </div>
        <div className="field field--check">
          <label>
            <input type="checkbox" checked={v.escort} onChange={(e) => setV((o) => ({ ...o, escort: e.target.checked }))} /> Escort arranged
          </label>
        </div>
        <fieldset>
          <legend>Screening</legend>
          {SCREENING.map(([k, label, options]) => (
            <SelectField
              key={k}
              label={label}
              value={v[k as ScreenKey]}
              onChange={(e) => setV((o) => ({ ...o, [k]: e.target.value }))}
              error={errors[`screening.${k}`]}
              placeholder="Not answered"
              options={options}
            />
          ))}
        </fieldset>
        <TextField
          label="Last food and drink"
          value={v.lastFoodDrink}
          onChange={(e) => setV((o) => ({ ...o, lastFoodDrink: e.target.value }))}
          error={errors['lastFoodDrink']}
          hint="What and when, e.g. toast 07:30, water 10:00"
        />
        <ul className="plain-list checks__derived">
          <li>Baseline vitals: {state.baseline ? `recorded at ${formatClock(state.baseline.at)}` : 'not recorded yet'}</li>
          <li>Baseline scale: {state.baselineScaleAt !== null ? `recorded at ${formatClock(state.baselineScaleAt)}` : 'not recorded yet'}</li>
        </ul>
        {problems.length > 0 ? (
          <div className="warning">
            <p>Not met yet:</p>
            <ul>
              {problems.map((p, i) => (
                <li key={i}>{p.message}</li>
              ))}
            </ul>
          </div>
        ) : (
          hasProtocol && <p className="saved">All pre-infusion checks are met.</p>
        )}
        <FormError message={formError} />
        {saved && (
          <p className="saved" role="status">
            {saved}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy}>
          Save checklist
        </button>
      </form>
    </section>
  )
}
