import { useState } from 'react'
import { DRUGS, ROUTES, type Drug, type Route } from '../../../shared/record/plan'
import { SelectField, TextField } from '../ui/Field'
import type { FieldErrors } from '../ui/forms'
import { emptyRow, LIMIT_KEYS, LIMIT_LABELS, type DoseLimitsDraft, type LimitKey } from './doseLimitsForm'

interface Props {
  draft: DoseLimitsDraft
  onChange: (d: DoseLimitsDraft) => void
  /** Errors keyed by the definition's paths (doseLimits.drugs.0.dosePerKg.softMax ...). */
  errors: FieldErrors
  /** True while the figures are the ones shipped with the app, which the clinic is expected to set. */
  shippedDefaults: boolean
}

/** The protocol's drug library: per drug and route, soft limits (a physician confirms) and hard limits (refused). */
export function DoseLimitsFieldset({ draft, onChange, errors, shippedDefaults }: Props) {
  const [drug, setDrug] = useState<Drug>(DRUGS[0])
  const [route, setRoute] = useState<Route>(ROUTES[0])
  const setField = (i: number, k: LimitKey, value: string) =>
    onChange({ ...draft, rows: draft.rows.map((r, j) => (j === i ? { ...r, fields: { ...r.fields, [k]: value } } : r)) })
  const listed = draft.rows.some((r) => r.drug === drug && r.route === route)
  return (
    <fieldset className="dose-limits">
      <legend>Drug library (blank for no limit)</legend>
      <p className="muted">
        Over a soft limit a physician confirms with their PIN and a reason; over a hard limit the dose or rate is refused.
        {shippedDefaults && ' These are the defaults shipped with the app: set your clinic’s own figures.'}
      </p>
      <TextField
        label="Weight difference from the patient record before a confirmation (%)"
        inputMode="decimal"
        value={draft.weightDifferencePct}
        onChange={(e) => onChange({ ...draft, weightDifferencePct: e.target.value })}
        error={errors['doseLimits.weightDifferencePct']}
      />
      {draft.rows.map((r, i) => (
        <fieldset key={`${r.drug} ${r.route}`} className="inline-form">
          <legend>
            {r.drug} · {r.route}
          </legend>
          {LIMIT_KEYS.map((k) => (
            <TextField
              key={k}
              label={LIMIT_LABELS[k]}
              inputMode="decimal"
              value={r.fields[k]}
              onChange={(e) => setField(i, k, e.target.value)}
              error={errors[`doseLimits.drugs.${i}.${k}`]}
            />
          ))}
          <button type="button" onClick={() => onChange({ ...draft, rows: draft.rows.filter((_, j) => j !== i) })}>
            Remove {r.drug} {r.route}
          </button>
        </fieldset>
      ))}
      <div className="inline-form">
        <SelectField label="Library drug" value={drug} onChange={(e) => setDrug(e.target.value as Drug)} options={DRUGS.map((d) => ({ value: d, label: d }))} />
        <SelectField label="Library route" value={route} onChange={(e) => setRoute(e.target.value as Route)} options={ROUTES.map((x) => ({ value: x, label: x }))} />
        <button type="button" disabled={listed} onClick={() => onChange({ ...draft, rows: [...draft.rows, emptyRow(drug, route)] })}>
          Add to the library
        </button>
      </div>
      {errors['doseLimits.drugs'] && <p className="form-error">{errors['doseLimits.drugs']}</p>}
    </fieldset>
  )
}
