import type { Staff } from '../../../shared/people/people'
import type { LimitConfirmation } from '../../../shared/record/limitOverride'
import { PinField, SelectField, TextField } from './Field'

export interface LimitConfirmationDraft {
  physicianId: string
  pin: string
  reason: string
}

export const EMPTY_CONFIRMATION: LimitConfirmationDraft = { physicianId: '', pin: '', reason: '' }

/** The draft as sent; main checks the PIN and that the confirmer is a physician. */
export function confirmationOf(d: LimitConfirmationDraft): LimitConfirmation {
  return { physicianId: Number(d.physicianId) || 0, pin: d.pin, reason: d.reason.trim() }
}

/** Errors from main or the schema, placed on the three fields (paths under `limitConfirmation`). */
export function confirmationErrors(errors: Record<string, string | undefined>): { physicianId?: string; pin?: string; reason?: string } {
  const e = (k: string) => errors[`limitConfirmation.${k}`]
  return { physicianId: e('physicianId'), pin: e('pin'), reason: e('reason') }
}

interface Props {
  /** What is over a soft limit, as main said it. */
  message: string
  physicians: readonly Pick<Staff, 'id' | 'name'>[]
  draft: LimitConfirmationDraft
  onChange: (d: LimitConfirmationDraft) => void
  errors?: { physicianId?: string | undefined; pin?: string | undefined; reason?: string | undefined }
}

/** A physician confirms a dose decision over a soft limit of the drug library: name, PIN, reason. */
export function LimitConfirmationFields({ message, physicians, draft, onChange, errors = {} }: Props) {
  const set = (k: keyof LimitConfirmationDraft) => (e: { target: { value: string } }) => onChange({ ...draft, [k]: e.target.value })
  return (
    <fieldset className="warning limit-confirmation">
      <legend>Physician confirmation</legend>
      <p role="alert">{message}</p>
      <SelectField
        label="Confirming physician"
        value={draft.physicianId}
        onChange={set('physicianId')}
        error={errors.physicianId}
        placeholder="Choose the physician"
        options={physicians.map((p) => ({ value: String(p.id), label: p.name }))}
      />
      <PinField label="Physician PIN" value={draft.pin} onChange={set('pin')} error={errors.pin} />
      <TextField label="Reason for going over the limit" value={draft.reason} onChange={set('reason')} error={errors.reason} />
    </fieldset>
  )
}
