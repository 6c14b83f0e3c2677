import { useId, type InputHTMLAttributes, type ReactNode, type Ref, type SelectHTMLAttributes } from 'react'

interface FieldShellProps {
  label: string
  error?: string | undefined
  hint?: string | undefined
  children: (ids: { inputId: string; describedBy: string | undefined; invalid: boolean }) => ReactNode
}

/** A visible label, the control, and its message right next to it. */
function FieldShell({ label, error, hint, children }: FieldShellProps) {
  const inputId = useId()
  const errorId = `${inputId}-error`
  const hintId = `${inputId}-hint`
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(' ') || undefined
  return (
    <div className={`field${error ? ' field--invalid' : ''}`}>
      <label htmlFor={inputId}>{label}</label>
      {children({ inputId, describedBy, invalid: Boolean(error) })}
      {hint && (
        <span id={hintId} className="field__hint">
          {hint}
        </span>
      )}
      {error && (
        <span id={errorId} className="field__error" role="alert">
          {error}
        </span>
      )}
    </div>
  )
}

type InputProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'id'> & {
  label: string
  error?: string | undefined
  hint?: string | undefined
  inputRef?: Ref<HTMLInputElement>
}

export function TextField({ label, error, hint, inputRef, ...rest }: InputProps) {
  return (
    <FieldShell label={label} error={error} hint={hint}>
      {({ inputId, describedBy, invalid }) => (
        <input ref={inputRef} id={inputId} aria-describedby={describedBy} aria-invalid={invalid} {...rest} />
      )}
    </FieldShell>
  )
}

/** A PIN: hidden as typed, a digit keypad where there is one, never offered for autofill. */
export function PinField(props: Omit<InputProps, 'type' | 'inputMode' | 'autoComplete'>) {
  return <TextField type="password" inputMode="numeric" autoComplete="off" {...props} />
}

type SelectProps = Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id'> & {
  label: string
  error?: string | undefined
  hint?: string | undefined
  options: readonly { value: string; label: string }[]
  placeholder?: string
}

export function SelectField({ label, error, hint, options, placeholder, ...rest }: SelectProps) {
  return (
    <FieldShell label={label} error={error} hint={hint}>
      {({ inputId, describedBy, invalid }) => (
        <select id={inputId} aria-describedby={describedBy} aria-invalid={invalid} {...rest}>
          {placeholder !== undefined && <option value="">{placeholder}</option>}
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </FieldShell>
  )
}

/** A form-level message (saving failed, conflict) that is not tied to one field. */
export function FormError({ message }: { message: string | undefined }) {
  if (!message) return null
  return (
    <p className="form-error" role="alert">
      {message}
    </p>
  )
}
