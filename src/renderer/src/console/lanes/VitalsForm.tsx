import { useRef, useState, type FormEvent } from 'react'
import { vitalsPayloadSchema } from '../../../../shared/record/events'
import { FormError, TextField } from '../../ui/Field'
import { fieldErrors, parseNumber, type FieldErrors } from '../../ui/forms'
import type { RecordEntry } from './recorder'
import { DraftRestored, useDraft } from '../drafts/drafts'

export const VITAL_FIELDS = [
  ['systolic', 'Systolic', true],
  ['diastolic', 'Diastolic', true],
  ['heartRate', 'Heart rate', true],
  ['spo2', 'SpO2', true],
  ['respiratoryRate', 'Respiratory rate', true],
  ['temperature', 'Temperature (°C)', false],
  ['sedation', 'Sedation (MOAA/S 0–5)', false]
] as const
type Key = (typeof VITAL_FIELDS)[number][0]
const EMPTY = Object.fromEntries(VITAL_FIELDS.map(([k]) => [k, ''])) as Record<Key, string>

/** The nurse's lane: one set of vitals saved as one entry. Keyboard first: Tab, Enter, and back to Systolic. */
export function VitalsForm({ record, refusal = null }: { record: RecordEntry; refusal?: string | null }) {
  const draft = useDraft('vitals', EMPTY)
  const values = draft.value
  const [errors, setErrors] = useState<FieldErrors>({})
  const [formError, setFormError] = useState<string>()
  const [busy, setBusy] = useState(false)
  const first = useRef<HTMLInputElement>(null)

  async function submit(e: FormEvent) {
    e.preventDefault()
    setFormError(undefined)
    const raw: Record<string, number | undefined> = {}
    for (const [k, , required] of VITAL_FIELDS) {
      const n = parseNumber(values[k])
      if (n !== undefined || required) raw[k] = n
    }
    const parsed = vitalsPayloadSchema.safeParse(raw)
    if (!parsed.success) {
      setErrors(fieldErrors(parsed.error))
      return
    }
    setBusy(true)
    const r = await record({ type: 'vitals', vitals: parsed.data })
    setBusy(false)
    if (!r.ok) {
      // The typed values stay on screen so nothing is lost; the message says what to do.
      const f = r.error.field?.replace(/^entry\.vitals\./, '')
      if (f && f in EMPTY) setErrors({ [f]: r.error.message })
      else if (r.error.field !== 'occurredAt') setFormError(r.error.message)
      return
    }
    setErrors({})
    draft.clear()
    first.current?.focus()
  }

  return (
    <section aria-label="Vitals" className="lane lane--vitals">
      <h2>Vitals</h2>
      <DraftRestored at={draft.restoredAt} />
      <form onSubmit={submit} noValidate className="vitals-form">
        {VITAL_FIELDS.map(([k, label], i) => (
          <TextField
            key={k}
            label={label}
            inputMode="decimal"
            autoComplete="off"
            value={values[k]}
            onChange={(e) => draft.set((v) => ({ ...v, [k]: e.target.value }))}
            error={errors[k]}
            {...(i === 0 ? { inputRef: first } : {})}
          />
        ))}
        <FormError message={formError} />
        {refusal !== null && (
          <p id="vitals-refusal" className="refusal">
            {refusal}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy || refusal !== null} aria-describedby={refusal !== null ? 'vitals-refusal' : undefined}>
          Save vitals
        </button>
      </form>
    </section>
  )
}
