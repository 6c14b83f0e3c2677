import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react'
import { formatDuration } from '../../../../shared/kernel/clinicalTime'
import { formatDose } from '../../../../shared/record/doseDisplay'
import type { InfusionStatus } from '../../../../shared/record/infusion'
import { formatClock } from '../../../../shared/record/messages'
import { FormError, TextField } from '../../ui/Field'
import type { RecordEntry } from './recorder'

/** The figures at the time the entry will carry (the Time field, or now): what the read-back says. */
export interface EntryFigures {
  /** null when the Time field holds no valid time: the save would then say why. */
  at: number | null
  elapsedMs: number | null
  deliveredMg: number
  percentDelivered: number
}

interface Props {
  status: InfusionStatus
  figures: EntryFigures
  record: RecordEntry
  /** A discharge is recorded (or no dose was given): the session may end without an override. */
  mayEndWithoutOverride: boolean
  /** Why the signed-in person may not stop the infusion; null if they may. */
  refusal: string | null
  /** Why they may not end the session; null if they may. */
  endRefusal: string | null
  /** Why they may not end the session without a discharge (only a physician may); null if they may. */
  overrideRefusal: string | null
}

type Asking = 'stop' | 'end' | null

/** "at 14:40 (T+40:00) · 27.4 mg delivered (78 %)": where the infusion stands at the entry's time. */
export function readBack(f: EntryFigures): string {
  const when = f.at === null ? 'at the time given' : `at ${formatClock(f.at).slice(0, 5)}${f.elapsedMs === null ? '' : ` (T+${formatDuration(f.elapsedMs)})`}`
  return `${when} · ${formatDose(f.deliveredMg, 'mg')} delivered (${Math.round(f.percentDelivered)} %)`
}

/**
 * Stop infusion and End session, apart from Pause and Resume: each reads back what it will record
 * and waits for a confirmation, and End session before a discharge needs a physician's reason.
 */
export function FinishControls({ status, figures, record, mayEndWithoutOverride, refusal, endRefusal, overrideRefusal }: Props) {
  const [asking, setAsking] = useState<Asking>(null)
  const [reason, setReason] = useState('')
  const [errors, setErrors] = useState<{ reason?: string; form?: string }>({})
  const [busy, setBusy] = useState(false)
  const active = status === 'running' || status === 'paused'

  async function save(entry: Parameters<RecordEntry>[0]) {
    setBusy(true)
    const r = await record(entry)
    setBusy(false)
    if (r.ok) {
      setAsking(null)
      setReason('')
      setErrors({})
    } else if (r.error.field === 'entry.override.reason') setErrors({ reason: r.error.message })
    else if (r.error.field !== 'occurredAt') setErrors({ form: r.error.message })
    else setErrors({})
  }

  function endWithoutDischarge(e: FormEvent) {
    e.preventDefault()
    if (reason.trim() === '') return setErrors({ reason: 'Give a reason for ending without a discharge' })
    void save({ type: 'session_ended', override: { reason: reason.trim() } })
  }

  const ask = (what: Asking) => {
    setErrors({})
    setAsking(what)
  }
  const cancel = () => {
    setAsking(null)
    setErrors({})
  }
  const locked = refusal !== null
  return (
    <div role="group" aria-labelledby="finish-heading" className="lane__finish">
      <h3 id="finish-heading">Finish</h3>
      <div className="actions">
        {active && (
          <button type="button" className="danger" disabled={busy || locked} aria-describedby={locked ? 'infusion-refusal' : undefined} onClick={() => ask('stop')}>
            Stop infusion
          </button>
        )}
        {!active && (
          <button type="button" disabled={busy || endRefusal !== null} aria-describedby={endRefusal !== null ? 'infusion-end-refusal' : undefined} onClick={() => ask('end')}>
            End session
          </button>
        )}
      </div>
      {endRefusal !== null && !active && (
        <p id="infusion-end-refusal" className="refusal">
          {endRefusal}
        </p>
      )}
      {asking === 'stop' && active && (
        <ReadBackDialog question={`Stop infusion ${readBack(figures)}?`} onCancel={cancel}>
          <button type="button" className="danger" disabled={busy} onClick={() => void save({ type: 'infusion_stopped' })}>
            Confirm stop
          </button>
        </ReadBackDialog>
      )}
      {asking === 'end' && !active && mayEndWithoutOverride && (
        <ReadBackDialog question={`End session ${readBack(figures)}? The record then closes to new entries.`} onCancel={cancel}>
          <button type="button" className="danger" disabled={busy} onClick={() => void save({ type: 'session_ended' })}>
            Confirm end
          </button>
        </ReadBackDialog>
      )}
      {asking === 'end' && !active && !mayEndWithoutOverride && (
        <ReadBackDialog
          question={`The patient has not been discharged. Record the discharge first, or a physician ends the session ${readBack(figures)} with a reason.`}
          onCancel={cancel}
        >
          <form onSubmit={endWithoutDischarge} noValidate className="override">
            <TextField
              label="Reason for ending without discharge"
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              error={errors.reason}
              disabled={overrideRefusal !== null}
            />
            {overrideRefusal !== null && (
              <p id="end-override-refusal" className="refusal">
                {overrideRefusal}
              </p>
            )}
            <button type="submit" className="danger" disabled={busy || overrideRefusal !== null} aria-describedby={overrideRefusal !== null ? 'end-override-refusal' : undefined}>
              End without discharge
            </button>
          </form>
        </ReadBackDialog>
      )}
      <FormError message={errors.form} />
    </div>
  )
}

/** The read-back: what will be recorded, in words, and the one button that records it. Escape cancels. */
function ReadBackDialog({ question, onCancel, children }: { question: string; onCancel: () => void; children: ReactNode }) {
  const id = useId()
  const text = useRef<HTMLParagraphElement>(null)
  // The question takes the focus so it is read first; a stray Enter does not confirm.
  useEffect(() => text.current?.focus(), [])
  return (
    <div role="dialog" aria-labelledby={id} className="readback" onKeyDown={(e) => e.key === 'Escape' && onCancel()}>
      <p id={id} ref={text} tabIndex={-1} className="readback__question">
        {question}
      </p>
      {children}
      <div className="actions">
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </div>
  )
}
