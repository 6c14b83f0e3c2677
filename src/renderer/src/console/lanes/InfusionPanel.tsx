import { useState, type FormEvent } from 'react'
import { RATE_UNITS, overPlanWarning, rateToMgPerHour, type RateUnit } from '../../../../shared/record/infusion'
import { overPlanMessage } from '../../../../shared/record/messages'
import { absurdRateProblem, plannedRate, type SessionPlan } from '../../../../shared/record/plan'
import type { SessionSnapshot } from '../../../../shared/record/record'
import { FormError, SelectField, TextField } from '../../ui/Field'
import { parseNumber } from '../../ui/forms'
import type { RecordEntry } from './recorder'
import { FinishControls, type EntryFigures } from './FinishControls'
import { DraftRestored, useDraft } from '../drafts/drafts'
import { formatAmount } from '../../../../shared/record/doseDisplay'
import { formatRateTriple } from '../../../../shared/record/describe'
import type { Staff } from '../../../../shared/people/people'
import { confirmationOf, EMPTY_CONFIRMATION, LimitConfirmationFields } from '../../ui/LimitConfirmationFields'

interface Props {
  plan: SessionPlan
  snapshot: SessionSnapshot
  record: RecordEntry
  /** Pre-infusion checks not met: the start then needs a physician's override with a reason. */
  startProblems?: readonly string[]
  /** Why the signed-in person may not run the infusion (start, change, pause, resume, stop); null if they may. */
  refusal?: string | null
  /** Why they may not end the session; null if they may. */
  endRefusal?: string | null
  /** The figures at the time the next entry will carry, for the read-back of Stop and End. */
  figures: EntryFigures
  /** A discharge is recorded, or no dose was given: End session needs no override. */
  mayEndWithoutOverride: boolean
  /** Why the signed-in person may not end the session without a discharge; null if they may. */
  overrideRefusal: string | null
  /** Who may confirm a rate over a soft limit of the drug library. */
  physicians?: readonly Pick<Staff, 'id' | 'name'>[]
}

/** The physician's lane: start, change, pause, resume, stop. */
export function InfusionPanel(props: Props) {
  const { plan, snapshot, record, startProblems = [], refusal = null, endRefusal = null, figures, mayEndWithoutOverride, overrideRefusal, physicians = [] } = props
  const status = snapshot.infusion.status
  // The proposed rate is shown rounded but sent exactly, so it never trips its own over-plan check.
  const proposal = plannedRate(plan).mgPerKgPerHour
  const proposalText = formatAmount(proposal, 2)
  const rateDraft = useDraft<{ text: string; unit: RateUnit }>('rate', { text: proposalText, unit: 'mg/kg/h' })
  const { text: rateText, unit } = rateDraft.value
  const setRateText = (text: string) => rateDraft.set((r) => ({ ...r, text }))
  const setUnit = (u: RateUnit) => rateDraft.set((r) => ({ ...r, unit: u }))
  const [confirmOver, setConfirmOver] = useState(false)
  const reasonDraft = useDraft('pause-reason', '')
  const reason = reasonDraft.value
  const [errors, setErrors] = useState<{ rate?: string; reason?: string; override?: string; form?: string }>({})
  const [overrideReason, setOverrideReason] = useState('')
  const [busy, setBusy] = useState(false)
  // Set when main finds the rate over a soft limit of the drug library: a physician then confirms.
  const [limitMessage, setLimitMessage] = useState<string | null>(null)
  const [confirmation, setConfirmation] = useState(EMPTY_CONFIRMATION)
  const [confirmationErrors, setConfirmationErrors] = useState<{ physicianId?: string; pin?: string; reason?: string }>({})

  const value = unit === 'mg/kg/h' && rateText.trim() === proposalText ? proposal : parseNumber(rateText)
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
    // A PIN is never kept once it has been sent.
    setConfirmation((c) => ({ ...c, pin: '' }))
    if (r.ok) {
      setErrors({})
      setConfirmOver(false)
      setLimitMessage(null)
      setConfirmation(EMPTY_CONFIRMATION)
      setConfirmationErrors({})
      onOk?.()
      return
    }
    const f = r.error.field
    setConfirmationErrors({})
    if (f === 'limitConfirmation') {
      const needed = r.error.code === 'CONFIRMATION_REQUIRED'
      setLimitMessage(needed ? r.error.message : null)
      setErrors(needed ? {} : { rate: r.error.message })
    } else if (f?.startsWith('limitConfirmation.')) {
      setErrors({})
      setConfirmationErrors({ [f.slice('limitConfirmation.'.length)]: r.error.message })
    } else if (f === 'entry.rate.value' || f === 'entry.rate.unit') setErrors({ rate: r.error.message })
    else if (f === 'entry.reason') setErrors({ reason: r.error.message })
    else if (f === 'entry.override.reason' || f === 'entry.override')
      setErrors(startProblems.length > 0 ? { override: r.error.message } : { form: r.error.message })
    else if (f === 'occurredAt') setErrors({})
    else setErrors({ form: r.error.message })
  }

  /** The rate as typed, or null with the problem shown next to Rate. */
  function checkedRate(): number | null {
    let problem: string | null = null
    if (value === undefined || !Number.isFinite(value)) problem = 'Rate must be a number'
    else if (value <= 0) problem = 'Rate must be more than 0'
    else if (absurd) problem = absurd
    else if (warning && !confirmOver) problem = overPlanMessage(warning)
    if (problem !== null || value === undefined) {
      setErrors({ rate: problem ?? 'Rate must be a number' })
      return null
    }
    return value
  }

  const limitConfirmationToSend = () => (limitMessage !== null ? confirmationOf(confirmation) : undefined)

  /** A different rate is a different decision: any confirmation asked for the old one no longer applies. */
  function changeRate(text: string, nextUnit: RateUnit) {
    if (text !== rateText) setRateText(text)
    if (nextUnit !== unit) setUnit(nextUnit)
    setLimitMessage(null)
    setConfirmation(EMPTY_CONFIRMATION)
  }

  function submitRate(e: FormEvent) {
    e.preventDefault()
    const checked = checkedRate()
    if (checked === null) return
    if (status === 'not_started' && startProblems.length > 0)
      return setErrors({ override: 'The pre-infusion checks are not met: complete them, or a physician overrides with a reason' })
    const type = status === 'not_started' ? 'infusion_started' : 'rate_changed'
    void run(() => record({ type, rate: { value: checked, unit } }, { confirmOverPlan: confirmOver, limitConfirmation: limitConfirmationToSend() }), rateDraft.forget)
  }

  function startWithOverride(e: FormEvent) {
    e.preventDefault()
    const checked = checkedRate()
    if (checked === null) return
    if (overrideReason.trim() === '') return setErrors({ override: 'Give a reason for the override' })
    void run(
      () => record({ type: 'infusion_started', rate: { value: checked, unit }, override: { reason: overrideReason.trim() } }, { confirmOverPlan: confirmOver, limitConfirmation: limitConfirmationToSend() }),
      () => {
        setOverrideReason('')
        rateDraft.forget()
      }
    )
  }

  function pause(e: FormEvent) {
    e.preventDefault()
    if (reason.trim() === '') return setErrors({ reason: 'Give a reason for the pause' })
    void run(() => record({ type: 'infusion_paused', reason: reason.trim() }), reasonDraft.clear)
  }

  if (snapshot.phase === 'ended') return null
  const canRate = status === 'not_started' || status === 'running'
  // Controls outside the signed-in person's role stay visible, disabled, and say why.
  const locked = refusal !== null
  const why = locked ? { 'aria-describedby': 'infusion-refusal' } : {}
  return (
    <section aria-label="Infusion" className="lane lane--infusion">
      <h2>Infusion</h2>
      <DraftRestored at={rateDraft.restoredAt ?? reasonDraft.restoredAt} />
      {locked && (
        <p id="infusion-refusal" className="refusal">
          {refusal}
        </p>
      )}
      {canRate && (
        <form onSubmit={submitRate} noValidate className="inline-form">
          <TextField label="Rate" inputMode="decimal" value={rateText} onChange={(e) => changeRate(e.target.value, unit)} error={errors.rate} disabled={locked} />
          <SelectField
            label="Rate unit"
            disabled={locked}
            value={unit}
            onChange={(e) => changeRate(rateText, e.target.value as RateUnit)}
            options={RATE_UNITS.map((u) => ({ value: u, label: u }))}
          />
          {proposedMgPerHour !== null && (
            <p className="muted">
              = {formatRateTriple(proposedMgPerHour, plan)}
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
          {limitMessage !== null && (
            <LimitConfirmationFields message={limitMessage} physicians={physicians} draft={confirmation} onChange={setConfirmation} errors={confirmationErrors} />
          )}
          <button type="submit" className="primary" disabled={busy || locked} {...why}>
            {status === 'not_started' ? 'Start infusion' : 'Change rate'}
          </button>
        </form>
      )}
      {status === 'not_started' && startProblems.length > 0 && (
        <form onSubmit={startWithOverride} noValidate className="override">
          <div className="warning">
            <p>Pre-infusion checks not met:</p>
            <ul>
              {startProblems.map((p, i) => (
                <li key={i}>{p}</li>
              ))}
            </ul>
            <p>A physician may start anyway, at the rate above, with a reason.</p>
          </div>
          <TextField
            label="Reason"
            value={overrideReason}
            onChange={(e) => setOverrideReason(e.target.value)}
            error={errors.override}
            hint="Why the infusion starts with these checks not met"
          />
          <button type="submit" className="danger" disabled={busy}>
            Override
          </button>
        </form>
      )}
      {status === 'running' && (
        <form onSubmit={pause} noValidate className="inline-form">
          <TextField label="Reason" value={reason} onChange={(e) => reasonDraft.set(e.target.value)} error={errors.reason} hint="Why the infusion is paused" disabled={locked} />
          <button type="submit" disabled={busy || locked} {...why}>
            Pause infusion
          </button>
        </form>
      )}
      {status === 'paused' && (
        <div className="actions">
          <button type="button" className="primary" disabled={busy || locked} {...why} onClick={() => void run(() => record({ type: 'infusion_resumed' }))}>
            Resume infusion
          </button>
        </div>
      )}
      <FinishControls
        status={status}
        figures={figures}
        record={record}
        mayEndWithoutOverride={mayEndWithoutOverride}
        refusal={refusal}
        endRefusal={endRefusal}
        overrideRefusal={overrideRefusal}
      />
      <FormError message={errors.form} />
    </section>
  )
}
