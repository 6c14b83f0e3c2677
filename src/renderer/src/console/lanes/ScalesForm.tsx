import { useState, type FormEvent } from 'react'
import {
  describeScale,
  FREQUENCY_ANSWERS,
  GAD7_ITEMS,
  PHQ9_ITEMS,
  SCALE_KINDS,
  SCALE_LABELS,
  scalePayloadSchema,
  SCORE_RANGE,
  type ScaleKind
} from '../../../../shared/record/scales'
import { FormError, SelectField, TextField } from '../../ui/Field'
import { fieldErrors, parseNumber, type FieldErrors } from '../../ui/forms'
import type { RecordEntry } from './recorder'

const ITEMS = { phq9: PHQ9_ITEMS, gad7: GAD7_ITEMS } as const
const ANSWER_OPTIONS = FREQUENCY_ANSWERS.map((a, i) => ({ value: String(i), label: `${i} · ${a}` }))

/** Scales in the session: a single score in one or two taps, or PHQ-9 / GAD-7 item by item. */
export function ScalesForm({ record }: { record: RecordEntry }) {
  const [kind, setKind] = useState<ScaleKind>('moaas')
  const [score, setScore] = useState('')
  const [timing, setTiming] = useState('before')
  const [answers, setAnswers] = useState<string[]>([])
  const [errors, setErrors] = useState<FieldErrors>({})
  const [formError, setFormError] = useState<string>()
  const [saved, setSaved] = useState<string>()
  const [busy, setBusy] = useState(false)

  const questionnaire = kind === 'phq9' || kind === 'gad7' ? ITEMS[kind] : null
  const payload = questionnaire
    ? { kind, timing, items: questionnaire.map((_, i) => (answers[i] === undefined || answers[i] === '' ? undefined : Number(answers[i]))) }
    : { kind, score: parseNumber(score) }
  const preview = scalePayloadSchema.safeParse(payload)

  async function submit(e: FormEvent) {
    e.preventDefault()
    setFormError(undefined)
    setSaved(undefined)
    if (!preview.success) return setErrors(fieldErrors(preview.error))
    setBusy(true)
    const r = await record({ type: 'scale', scale: preview.data })
    setBusy(false)
    if (!r.ok) {
      const f = r.error.field?.replace(/^entry\.scale\./, '')
      if (f && f !== r.error.field) setErrors({ [f]: r.error.message })
      else if (r.error.field !== 'occurredAt') setFormError(r.error.message)
      return
    }
    setErrors({})
    setScore('')
    setAnswers([])
    setSaved(`Saved: ${describeScale(preview.data)}`)
  }

  const itemError = Object.entries(errors).find(([k]) => k.startsWith('items'))?.[1]
  return (
    <section aria-label="Scales" className="lane lane--scales">
      <h2>Scales</h2>
      <form onSubmit={submit} noValidate>
        <SelectField
          label="Scale"
          value={kind}
          onChange={(e) => {
            setKind(e.target.value as ScaleKind)
            setErrors({})
            setAnswers([])
          }}
          options={SCALE_KINDS.map((k) => ({ value: k, label: SCALE_LABELS[k] }))}
        />
        {questionnaire ? (
          <>
            <SelectField
              label="When"
              value={timing}
              onChange={(e) => setTiming(e.target.value)}
              error={errors['timing']}
              options={[
                { value: 'before', label: 'Before the session' },
                { value: 'after', label: 'After the session' }
              ]}
            />
            <p className="muted">Over the last 2 weeks, how often has the patient been bothered by:</p>
            {questionnaire.map((item, i) => (
              <SelectField
                key={`${kind}-${i}`}
                label={`${i + 1}. ${item}`}
                value={answers[i] ?? ''}
                onChange={(e) =>
                  setAnswers((old) => {
                    const next = [...old]
                    next[i] = e.target.value
                    return next
                  })
                }
                error={errors[`items.${i}`]}
                placeholder="Not answered"
                options={ANSWER_OPTIONS}
              />
            ))}
            {itemError && !Object.keys(errors).some((k) => /^items\.\d/.test(k)) && (
              <p className="form-error" role="alert">
                {itemError}
              </p>
            )}
          </>
        ) : (
          <TextField
            label="Score"
            inputMode="numeric"
            value={score}
            onChange={(e) => setScore(e.target.value)}
            error={errors['score']}
            hint={`${SCORE_RANGE[kind as keyof typeof SCORE_RANGE][0]}–${SCORE_RANGE[kind as keyof typeof SCORE_RANGE][1]}`}
          />
        )}
        <p className="muted" aria-live="polite">
          {preview.success ? describeScale(preview.data) : ''}
        </p>
        <FormError message={formError} />
        {saved && (
          <p className="saved" role="status">
            {saved}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy}>
          Save scale
        </button>
      </form>
    </section>
  )
}
