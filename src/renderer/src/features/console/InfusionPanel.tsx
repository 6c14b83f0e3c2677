import { useState, type FormEvent } from 'react'
import { RATE_UNITS, overPlanWarning, rateToMgPerHour, type RateUnit } from '../../../../shared/domain/infusion'
import { overPlanMessage } from '../../../../shared/domain/messages'
import { absurdRateProblem, plannedRate, type SessionPlan } from '../../../../shared/domain/plan'
import type { SessionSnapshot } from '../../../../shared/domain/record'
import { FormError, SelectField, TextField } from '../../components/Field'
import { parseNumber } from '../../forms'
import type { RecordEntry } from './recorder'

interface Props {
  plan: SessionPlan
  snapshot: SessionSnapshot
  record: RecordEntry
  /** Why the signed-in person may not run the infusion (start, change, pause, resume, stop); null if they may. */
  refusal?: string | null
  /** Why they may not end the session; null if they may. */
  endRefusal?: string | null
}

/** The physician's lane: start, change, pause, resume, stop. */
export function InfusionPanel({ plan, snapshot, record, refusal = null, endRefusal = null }: Props) {
  const status = snapshot.infusion.status
  const [rateText, setRateText] = useState(() => plannedRate(plan).mgPerKgPerHour.toFixed(2))
  const [unit, setUnit] = useState<RateUnit>('mg/kg/h')
  const [confirmOver, setConfirmOver] = useState(false)
  const [reason, setReason] = useState('')
  const [errors, setErrors] = useState<{ rate?: string; reason?: string; form?: string }>({})
  const [busy, setBusy] = useState(false)

  const value = parseNumber(rateText)
  const proposedMgPerHour = value !== undefined && Number.isFinite(value) && value > 0 ? rateToMgPerHour({ value, unit }, plan) : null
  const absurd = proposedMgPerHour === null ? null : absurdRateProblem(proposedMgPerHour, plan)
  const warning =
    proposedMgPerHour === null || absurd !== null || (status !== 'not_started' && status !== 'running')
      ? null
      : overPlanWarning({
          deliveredMg: snapshot.deliveredMg,
          infusedMs: snapshot.infusedMs,
          proposedMgPerHour,
          plannedTotalMg: snapshot.plannedTotalMg,
          plannedDurationMin: plan.plannedDurationMin
        })

  async function run(action: () => ReturnType<RecordEntry>, onOk?: () => void) {
    setBusy(true)
    const r = await action()
    setBusy(false)
    if (r.ok) {
      setErrors({})
      setConfirmOver(false)
      onOk?.()
      return
    }
    const f = r.error.field
    if (f === 'entry.rate.value' || f === 'entry.rate.unit') setErrors({ rate: r.error.message })
    else if (f === 'entry.reason') setErrors({ reason: r.error.message })
    else if (f === 'occurredAt') setErrors({})
    else setErrors({ form: r.error.message })
  }

  function submitRate(e: FormEvent) {
    e.preventDefault()
    if (value === undefined || !Number.isFinite(value)) return setErrors({ rate: 'Rate must be a number' })
    if (value <= 0) return setErrors({ rate: 'Rate must be more than 0' })
    if (absurd) return setErrors({ rate: absurd })
    if (warning && !confirmOver) return setErrors({ rate: overPlanMessage(warning) })
    const type = status === 'not_started' ? 'infusion_started' : 'rate_changed'
    void run(() => record({ type, rate: { value, unit } }, { confirmOverPlan: confirmOver }))
  }

  function pause(e: FormEvent) {
    e.preventDefault()
    if (reason.trim() === '') return setErrors({ reason: 'Give a reason for the pause' })
    void run(() => record({ type: 'infusion_paused', reason: reason.trim() }), () => setReason(''))
  }

  if (snapshot.phase === 'ended') return null
  const canRate = status === 'not_started' || status === 'running'
  // Controls outside the signed-in person's role stay visible, disabled, and say why.
  const locked = refusal !== null
  const why = locked ? { 'aria-describedby': 'infusion-refusal' } : {}
  const endWhy = endRefusal !== null ? { 'aria-describedby': 'infusion-end-refusal' } : {}
  return (
    <section aria-label="Infusion" className="lane lane--infusion">
      <h2>Infusion</h2>
      {locked && (
        <p id="infusion-refusal" className="refusal">
          {refusal}
        </p>
      )}
      {canRate && (
        <form onSubmit={submitRate} noValidate className="inline-form">
          <TextField label="Rate" inputMode="decimal" value={rateText} onChange={(e) => setRateText(e.target.value)} error={errors.rate} disabled={locked} />
          <SelectField
            label="Rate unit"
            disabled={locked}
            value={unit}
            onChange={(e) => setUnit(e.target.value as RateUnit)}
            options={RATE_UNITS.map((u) => ({ value: u, label: u }))}
          />
          {proposedMgPerHour !== null && (
            <p className="muted">
              = {(proposedMgPerHour / plan.weightKg).toFixed(2)} mg/kg/h · {proposedMgPerHour.toFixed(1)} mg/h ·{' '}
              {(proposedMgPerHour / plan.concentrationMgPerMl).toFixed(1)} mL/h
            </p>
          )}
          {warning && (
            <div className="warning" role="alert">
              <p>{overPlanMessage(warning)}</p>
              <label>
                <input type="checkbox" checked={confirmOver} onChange={(e) => setConfirmOver(e.target.checked)} /> Confirm rate above plan
              </label>
            </div>
          )}
          <button type="submit" className="primary" disabled={busy || locked} {...why}>
            {status === 'not_started' ? 'Start infusion' : 'Change rate'}
          </button>
        </form>
      )}
      {status === 'running' && (
        <form onSubmit={pause} noValidate className="inline-form">
          <TextField label="Reason" value={reason} onChange={(e) => setReason(e.target.value)} error={errors.reason} hint="Why the infusion is paused" disabled={locked} />
          <button type="submit" disabled={busy || locked} {...why}>
            Pause infusion
          </button>
        </form>
      )}
      <div className="actions">
        {status === 'paused' && (
          <button type="button" className="primary" disabled={busy || locked} {...why} onClick={() => void run(() => record({ type: 'infusion_resumed' }))}>
            Resume infusion
          </button>
        )}
        {(status === 'running' || status === 'paused') && (
          <button type="button" className="danger" disabled={busy || locked} {...why} onClick={() => void run(() => record({ type: 'infusion_stopped' }))}>
            Stop infusion
          </button>
        )}
        {status !== 'running' && status !== 'paused' && (
          <button type="button" disabled={busy || endRefusal !== null} {...endWhy} onClick={() => void run(() => record({ type: 'session_ended' }))}>
            End session
          </button>
        )}
      </div>
      {endRefusal !== null && status !== 'running' && status !== 'paused' && (
        <p id="infusion-end-refusal" className="refusal">
          {endRefusal}
        </p>
      )}
      <FormError message={errors.form} />
    </section>
  )
}
