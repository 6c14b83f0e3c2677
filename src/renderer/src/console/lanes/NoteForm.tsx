import { useState, type FormEvent } from 'react'
import { DOSE_UNITS, INTENSITY_OF, MED_ROUTES, NOTE_TYPE_LABELS, NOTE_TYPES, notePayloadSchema, type NoteType } from '../../../../shared/record/events'
import { FormError, SelectField, TextField } from '../../ui/Field'
import { fieldErrors, parseNumber, type FieldErrors } from '../../ui/forms'
import type { RecordEntry } from './recorder'
import { DraftRestored, useDraft } from '../drafts/drafts'

const EMPTY = { noteType: 'subjective_report' as NoteType, text: '', intensity: '', intensityOf: '', drug: '', dose: '', unit: 'mg', route: 'IV' }

/** Everyone's lane: subjective reports (with an optional 0–10 intensity), observations, adverse events, medication. */
export function NoteForm({ record, refusal = null }: { record: RecordEntry; refusal?: string | null }) {
  const draft = useDraft('note', EMPTY, { isEmpty: (n) => [n.text, n.intensity, n.intensityOf, n.drug, n.dose].every((x) => x.trim() === '') })
  const v = draft.value
  const setV = draft.set
  const [errors, setErrors] = useState<FieldErrors>({})
  const [formError, setFormError] = useState<string>()
  const [busy, setBusy] = useState(false)
  const set = (k: keyof typeof EMPTY) => (e: { target: { value: string } }) => setV((o) => ({ ...o, [k]: e.target.value }))

  async function submit(e: FormEvent) {
    e.preventDefault()
    setFormError(undefined)
    const note: Record<string, unknown> = { noteType: v.noteType, text: v.text }
    if (v.noteType === 'subjective_report' && (v.intensity.trim() !== '' || v.intensityOf !== '')) {
      note['intensity'] = parseNumber(v.intensity)
      note['intensityOf'] = v.intensityOf || undefined
    }
    if (v.noteType === 'medication_given') note['medication'] = { drug: v.drug, dose: parseNumber(v.dose), unit: v.unit, route: v.route }
    const parsed = notePayloadSchema.safeParse(note)
    if (!parsed.success) return setErrors(fieldErrors(parsed.error))
    setBusy(true)
    const r = await record({ type: 'note', note: parsed.data })
    setBusy(false)
    if (!r.ok) {
      const f = r.error.field?.replace(/^entry\.note\./, '')
      if (f && f !== r.error.field) setErrors({ [f]: r.error.message })
      else if (r.error.field !== 'occurredAt') setFormError(r.error.message)
      return
    }
    setErrors({})
    draft.clear()
    setV({ ...EMPTY, noteType: v.noteType })
  }

  return (
    <section aria-label="Notes" className="lane lane--notes">
      <h2>Notes</h2>
      <DraftRestored at={draft.restoredAt} />
      <form onSubmit={submit} noValidate>
        <SelectField
          label="Note type"
          value={v.noteType}
          onChange={set('noteType')}
          error={errors['noteType']}
          options={NOTE_TYPES.map((t) => ({ value: t, label: NOTE_TYPE_LABELS[t] }))}
        />
        <div className={`field${errors['text'] ? ' field--invalid' : ''}`}>
          <label htmlFor="note-text">Note</label>
          <textarea
            id="note-text"
            rows={3}
            value={v.text}
            onChange={set('text')}
            aria-invalid={Boolean(errors['text'])}
            aria-describedby={errors['text'] ? 'note-text-error' : undefined}
          />
          {errors['text'] && (
            <span id="note-text-error" className="field__error" role="alert">
              {errors['text']}
            </span>
          )}
        </div>
        {v.noteType === 'subjective_report' && (
          <div className="inline-form">
            <TextField label="Intensity (0–10)" inputMode="numeric" value={v.intensity} onChange={set('intensity')} error={errors['intensity']} />
            <SelectField
              label="Intensity of"
              value={v.intensityOf}
              onChange={set('intensityOf')}
              error={errors['intensityOf']}
              placeholder="—"
              options={INTENSITY_OF.map((o) => ({ value: o, label: o }))}
            />
          </div>
        )}
        {v.noteType === 'medication_given' && (
          <div className="inline-form">
            <TextField label="Drug" value={v.drug} onChange={set('drug')} error={errors['medication.drug'] ?? errors['medication']} />
            <TextField label="Dose" inputMode="decimal" value={v.dose} onChange={set('dose')} error={errors['medication.dose']} />
            <SelectField label="Dose unit" value={v.unit} onChange={set('unit')} options={DOSE_UNITS.map((u) => ({ value: u, label: u }))} />
            <SelectField label="Route" value={v.route} onChange={set('route')} options={MED_ROUTES.map((u) => ({ value: u, label: u }))} />
          </div>
        )}
        <FormError message={formError} />
        {refusal !== null && (
          <p id="note-refusal" className="refusal">
            {refusal}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy || refusal !== null} aria-describedby={refusal !== null ? 'note-refusal' : undefined}>
          Save note
        </button>
      </form>
    </section>
  )
}
