import { useState, type FormEvent } from 'react'
import { resolveClockTime } from '../../../../shared/kernel/clinicalTime'
import { describeEntry, ENTRY_KIND_LABELS } from '../../../../shared/record/describe'
import { entryInputSchema, type EntryInput, type SessionEvent } from '../../../../shared/record/events'
import { RATE_UNITS } from '../../../../shared/record/infusion'
import { formatClock } from '../../../../shared/record/messages'
import type { SessionPlan } from '../../../../shared/record/plan'
import type { EffectiveEntry } from '../../../../shared/record/record'
import type { Result } from '../../../../shared/kernel/result'
import { call } from '../../app/api'
import { FormError, SelectField, TextField } from '../../ui/Field'
import { parseNumber, type FieldErrors, fieldErrors } from '../../ui/forms'
import { VITAL_FIELDS } from './VitalsForm'
import type { Staff } from '../../../../shared/people/people'
import { confirmationErrors, confirmationOf, EMPTY_CONFIRMATION, LimitConfirmationFields } from '../../ui/LimitConfirmationFields'

interface Props {
  mode: 'correct' | 'void'
  target: EffectiveEntry
  sessionId: number
  authorId: number | null
  now: number | null
  plan: SessionPlan
  onDone: (e: SessionEvent) => void
  onCancel: () => void
  /** Who may confirm a corrected rate over a soft limit of the drug library. */
  physicians?: readonly Pick<Staff, 'id' | 'name'>[]
}

/** Editable text for each field of an entry, keyed by the entry's own field path. */
function initialValues(entry: EntryInput): Record<string, string> {
  switch (entry.type) {
    case 'infusion_started':
    case 'rate_changed':
      return { 'rate.value': String(entry.rate.value), 'rate.unit': entry.rate.unit }
    case 'infusion_paused':
      return { reason: entry.reason }
    case 'vitals':
      return Object.fromEntries(VITAL_FIELDS.map(([k]) => [`vitals.${k}`, entry.vitals[k] === undefined ? '' : String(entry.vitals[k])]))
    case 'note':
      return { 'note.text': entry.note.text, 'note.intensity': entry.note.intensity === undefined ? '' : String(entry.note.intensity) }
    default:
      return {}
  }
}

function buildEntry(original: EntryInput, v: Record<string, string>): unknown {
  switch (original.type) {
    case 'infusion_started':
    case 'rate_changed':
      return { type: original.type, rate: { value: parseNumber(v['rate.value'] ?? ''), unit: v['rate.unit'] } }
    case 'infusion_paused':
      return { type: original.type, reason: v['reason'] }
    case 'vitals': {
      const vitals: Record<string, number | undefined> = {}
      for (const [k, , required] of VITAL_FIELDS) {
        const n = parseNumber(v[`vitals.${k}`] ?? '')
        if (n !== undefined || required) vitals[k] = n
      }
      return { type: 'vitals', vitals }
    }
    case 'note': {
      const note = { ...original.note, text: v['note.text'] ?? '' }
      const intensity = parseNumber(v['note.intensity'] ?? '')
      if (original.note.intensity !== undefined) note.intensity = intensity as number
      return { type: 'note', note }
    }
    default:
      return original
  }
}

/** Correct an entry, or mark it entered in error; either way with a reason, and the original kept. */
export function AmendPanel({ mode, target, sessionId, authorId, now, plan, onDone, onCancel, physicians = [] }: Props) {
  const [values, setValues] = useState(() => initialValues(target.entry))
  const [time, setTime] = useState(() => formatClock(target.occurredAt))
  const [reason, setReason] = useState('')
  const [errors, setErrors] = useState<FieldErrors>({})
  const [formError, setFormError] = useState<string>()
  const [busy, setBusy] = useState(false)
  // Set when main finds the corrected rate over a soft limit of the drug library.
  const [limitMessage, setLimitMessage] = useState<string | null>(null)
  const [confirmation, setConfirmation] = useState(EMPTY_CONFIRMATION)
  const set = (k: string) => (e: { target: { value: string } }) => setValues((o) => ({ ...o, [k]: e.target.value }))

  async function submit(e: FormEvent) {
    e.preventDefault()
    setFormError(undefined)
    if (authorId === null) return setFormError('Choose yourself as the Current user first')
    const errs: FieldErrors = {}
    if (reason.trim() === '') errs['reason'] = 'Give a reason'
    let result: Result<SessionEvent>
    if (mode === 'void') {
      if (Object.keys(errs).length) return setErrors(errs)
      setBusy(true)
      result = await call('entries.markInError', { sessionId, authorId, eventId: target.original.id, reason: reason.trim() })
    } else {
      const parsed = entryInputSchema.safeParse(buildEntry(target.entry, values))
      if (!parsed.success) Object.assign(errs, prefixed(fieldErrors(parsed.error)))
      const t = now === null ? { error: 'The clock is not available yet' } : resolveClockTime(time, now)
      if ('error' in t) errs['occurredAt'] = t.error
      if (!parsed.success || 'error' in t || Object.keys(errs).length) return setErrors(errs)
      // Keep the original instant when the time shown was not edited (milliseconds are not displayed).
      const occurredAt = formatClock(target.occurredAt) === time ? target.occurredAt : t.at
      setBusy(true)
      const limitConfirmation = limitMessage !== null ? { limitConfirmation: confirmationOf(confirmation) } : {}
      result = await call('entries.correct', { sessionId, authorId, eventId: target.original.id, reason: reason.trim(), entry: parsed.data, occurredAt, ...limitConfirmation })
    }
    setBusy(false)
    setConfirmation((c) => ({ ...c, pin: '' }))
    if (result.ok) return onDone(result.value)
    const f = result.error.field
    if (f === 'limitConfirmation') {
      const needed = result.error.code === 'CONFIRMATION_REQUIRED'
      setLimitMessage(needed ? result.error.message : null)
      setErrors({})
      return setFormError(needed ? undefined : result.error.message)
    }
    if (f && f !== 'eventId' && f !== 'entry') setErrors({ [f]: result.error.message })
    else setFormError(result.error.message)
  }

  const entry = target.entry
  return (
    <section aria-label={mode === 'correct' ? 'Correct entry' : 'Mark entry entered in error'} className="card amend">
      <h2>{mode === 'correct' ? 'Correct entry' : 'Mark entry entered in error'}</h2>
      <p>
        {ENTRY_KIND_LABELS[entry.type]} at {formatClock(target.occurredAt)}: {describeEntry(entry, plan)}
      </p>
      <p className="muted">The original stays in the record; this {mode === 'correct' ? 'correction' : 'mark'} is added with your name and reason.</p>
      <form onSubmit={submit} noValidate>
        {mode === 'correct' && (
          <>
            <TextField label="Time" value={time} onChange={(e) => setTime(e.target.value)} error={errors['occurredAt']} hint="HH:MM:SS" />
            {(entry.type === 'infusion_started' || entry.type === 'rate_changed') && (
              <div className="inline-form">
                <TextField label="Rate" inputMode="decimal" value={values['rate.value'] ?? ''} onChange={set('rate.value')} error={errors['entry.rate.value']} />
                <SelectField label="Rate unit" value={values['rate.unit'] ?? ''} onChange={set('rate.unit')} options={RATE_UNITS.map((u) => ({ value: u, label: u }))} />
              </div>
            )}
            {entry.type === 'infusion_paused' && (
              <TextField label="Pause reason" value={values['reason'] ?? ''} onChange={set('reason')} error={errors['entry.reason']} />
            )}
            {entry.type === 'vitals' &&
              VITAL_FIELDS.map(([k, label]) => (
                <TextField key={k} label={label} inputMode="decimal" value={values[`vitals.${k}`] ?? ''} onChange={set(`vitals.${k}`)} error={errors[`entry.vitals.${k}`]} />
              ))}
            {entry.type === 'note' && (
              <>
                <TextField label="Note" value={values['note.text'] ?? ''} onChange={set('note.text')} error={errors['entry.note.text']} />
                {entry.note.intensity !== undefined && (
                  <TextField label="Intensity (0–10)" inputMode="numeric" value={values['note.intensity'] ?? ''} onChange={set('note.intensity')} error={errors['entry.note.intensity']} />
                )}
              </>
            )}
          </>
        )}
        <TextField label="Reason" value={reason} onChange={(e) => setReason(e.target.value)} error={errors['reason']} hint="Why this entry is being amended" />
        {limitMessage !== null && (
          <LimitConfirmationFields message={limitMessage} physicians={physicians} draft={confirmation} onChange={setConfirmation} errors={confirmationErrors(errors)} />
        )}
        <FormError message={formError} />
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>
            {mode === 'correct' ? 'Save correction' : 'Confirm entered in error'}
          </button>
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        </div>
      </form>
    </section>
  )
}

function prefixed(errs: FieldErrors): FieldErrors {
  return Object.fromEntries(Object.entries(errs).map(([k, v]) => [`entry.${k}`, v]))
}
