import { useState, type FormEvent } from 'react'
import { formatDuration, resolveClockTime } from '../../../../shared/kernel/clinicalTime'
import { dischargeProblems } from '../../../../shared/safety/discharge'
import type { SessionEvent } from '../../../../shared/record/events'
import type { InfusionState } from '../../../../shared/record/infusion'
import { formatClock } from '../../../../shared/record/messages'
import type { SafetySettings } from '../../../../shared/protocols/protocols'
import { liveEntries, type EffectiveEntry } from '../../../../shared/record/record'
import {
  ALDRETE_ANCHORS,
  ALDRETE_ITEMS,
  ALDRETE_LABELS,
  aldreteTotal,
  dischargeAssessmentSchema,
  type DischargeAssessment
} from '../../../../shared/record/safetyPayloads'
import { call } from '../../app/api'
import { FormError, SelectField, TextField } from '../../ui/Field'
import { fieldErrors, parseNumber, type FieldErrors } from '../../ui/forms'

interface Props {
  sessionId: number
  authorId: number | null
  settings: SafetySettings
  infusion: InfusionState
  entries: readonly EffectiveEntry[]
  now: number
  activeAlertCount: number
  onSaved: (e: SessionEvent) => void
}

const BP_FIELDS = [
  ['bpBeforeDosing', 'BP before dosing'],
  ['bpAt40Min', 'BP at 40 min'],
  ['bpBeforeCompletion', 'BP before completion']
] as const

/** Blood pressures for the REMS form, proposed from the record: baseline, nearest to 40 min, latest. */
function proposedBp(entries: readonly EffectiveEntry[], startedAt: number | null): Record<string, string> {
  const vitals = liveEntries(entries).filter((e) => e.entry.type === 'vitals')
  const bp = (e: EffectiveEntry | undefined) => (e && e.entry.type === 'vitals' ? e.entry.vitals : undefined)
  const before = bp(startedAt === null ? undefined : [...vitals].reverse().find((e) => e.occurredAt <= startedAt))
  const target = startedAt === null ? null : startedAt + 40 * 60_000
  const at40 = bp(target === null ? undefined : [...vitals].sort((a, b) => Math.abs(a.occurredAt - target) - Math.abs(b.occurredAt - target))[0])
  const last = bp(vitals[vitals.length - 1])
  const out: Record<string, string> = {}
  for (const [key, v] of [['bpBeforeDosing', before], ['bpAt40Min', at40], ['bpBeforeCompletion', last]] as const) {
    out[`${key}.systolic`] = v ? String(v.systolic) : ''
    out[`${key}.diastolic`] = v ? String(v.diastolic) : ''
  }
  return out
}

/** The discharge assessment; criteria not met need a physician's override with a reason. */
export function DischargePanel({ sessionId, authorId, settings, infusion, entries, now, activeAlertCount, onSaved }: Props) {
  const rems = settings.discharge.rems
  const [v, setV] = useState<Record<string, string>>(() => ({
    ...Object.fromEntries(ALDRETE_ITEMS.map((k) => [k, ''])),
    patientReport: '',
    ...(rems ? proposedBp(entries, infusion.startedAt) : {}),
    totalMonitoringMin: infusion.startedAt === null ? '' : String(Math.floor((now - infusion.startedAt) / 60_000)),
    readyToLeave: ''
  }))
  const [flags, setFlags] = useState({ escortPresent: false, noDrivingAdviceGiven: false, sedationResolved: false, dissociationResolved: false })
  const [errors, setErrors] = useState<FieldErrors>({})
  const [formError, setFormError] = useState<string>()
  const [blocked, setBlocked] = useState<string[] | null>(null)
  const [reason, setReason] = useState('')
  const [reasonError, setReasonError] = useState<string>()
  const [busy, setBusy] = useState(false)
  const set = (k: string) => (e: { target: { value: string } }) => setV((o) => ({ ...o, [k]: e.target.value }))
  const check = (k: keyof typeof flags, label: string) => (
    <div className="field field--check">
      <label>
        <input type="checkbox" checked={flags[k]} onChange={(e) => setFlags((o) => ({ ...o, [k]: e.target.checked }))} /> {label}
      </label>
    </div>
  )

  function assessment(): { ok: true; value: DischargeAssessment } | { ok: false; errors: FieldErrors } {
    const aldrete = Object.fromEntries(ALDRETE_ITEMS.map((k) => [k, v[k] === '' ? undefined : Number(v[k])]))
    const raw: Record<string, unknown> = { aldrete, escortPresent: flags.escortPresent, noDrivingAdviceGiven: flags.noDrivingAdviceGiven, patientReport: v['patientReport'] }
    const extra: FieldErrors = {}
    if (rems) {
      let readyToLeaveAt: number | undefined
      const t = resolveClockTime(v['readyToLeave'] ?? '', now)
      if ('error' in t) extra['rems.readyToLeaveAt'] = t.error
      else readyToLeaveAt = t.at
      const bp = (key: string) => ({ systolic: parseNumber(v[`${key}.systolic`] ?? ''), diastolic: parseNumber(v[`${key}.diastolic`] ?? '') })
      raw['rems'] = {
        bpBeforeDosing: bp('bpBeforeDosing'),
        bpAt40Min: bp('bpAt40Min'),
        bpBeforeCompletion: bp('bpBeforeCompletion'),
        sedationResolved: flags.sedationResolved,
        dissociationResolved: flags.dissociationResolved,
        totalMonitoringMin: parseNumber(v['totalMonitoringMin'] ?? ''),
        readyToLeaveAt
      }
    }
    const parsed = dischargeAssessmentSchema.safeParse(raw)
    if (!parsed.success || Object.keys(extra).length > 0) return { ok: false, errors: { ...(parsed.success ? {} : fieldErrors(parsed.error)), ...extra } }
    return { ok: true, value: parsed.data }
  }

  async function save(override: { reason: string } | null) {
    if (authorId === null) return setFormError('Choose yourself as the Current user first')
    const a = assessment()
    if (!a.ok) return setErrors(a.errors)
    setErrors({})
    if (!override) {
      const problems = dischargeProblems({ assessment: a.value, safety: settings, infusion, now, activeAlertCount })
      if (problems.length > 0) return setBlocked(problems)
    }
    setBusy(true)
    const r = await call('discharge.record', { sessionId, authorId, assessment: a.value, override })
    setBusy(false)
    if (r.ok) return onSaved(r.value)
    if (r.error.code === 'CONFIRMATION_REQUIRED') return setBlocked([r.error.message])
    if (r.error.field === 'override.reason') return setReasonError(r.error.message)
    const f = r.error.field?.replace(/^assessment\./, '')
    if (f && f !== r.error.field) setErrors({ [f]: r.error.message })
    else setFormError(r.error.message)
  }

  function submit(e: FormEvent) {
    e.preventDefault()
    setFormError(undefined)
    setBlocked(null)
    void save(null)
  }

  function override(e: FormEvent) {
    e.preventDefault()
    if (reason.trim() === '') return setReasonError('Give a reason for the override')
    setReasonError(undefined)
    void save({ reason: reason.trim() })
  }

  const recovery = infusion.stoppedAt === null ? null : now - infusion.stoppedAt
  const score = ALDRETE_ITEMS.every((k) => v[k] !== '') ? aldreteTotal(Object.fromEntries(ALDRETE_ITEMS.map((k) => [k, Number(v[k])])) as DischargeAssessment['aldrete']) : null
  return (
    <section aria-label="Discharge" className="lane lane--discharge">
      <h2>Discharge</h2>
      <p>
        Recovery {recovery === null ? '—' : formatDuration(recovery)} of at least {settings.minRecoveryMin} min · Aldrete{' '}
        {score === null ? '—' : `${score}/10`} (at least {settings.discharge.minAldrete})
      </p>
      <form onSubmit={submit} noValidate>
        <fieldset>
          <legend>Modified Aldrete score</legend>
          {ALDRETE_ITEMS.map((k) => (
            <SelectField
              key={k}
              label={ALDRETE_LABELS[k]}
              value={v[k] ?? ''}
              onChange={set(k)}
              error={errors[`aldrete.${k}`]}
              placeholder="Not scored"
              options={ALDRETE_ANCHORS[k].map((anchor, i) => ({ value: String(i), label: `${i} · ${anchor}` }))}
            />
          ))}
        </fieldset>
        {check('escortPresent', 'Escort present')}
        {check('noDrivingAdviceGiven', 'No-driving advice given')}
        <TextField label="Patient's own report" value={v['patientReport'] ?? ''} onChange={set('patientReport')} error={errors['patientReport']} />
        {rems && (
          <fieldset>
            <legend>REMS monitoring</legend>
            {BP_FIELDS.map(([key, label]) => (
              <div className="inline-form" key={key}>
                <TextField label={`${label} systolic`} inputMode="numeric" value={v[`${key}.systolic`] ?? ''} onChange={set(`${key}.systolic`)} error={errors[`rems.${key}.systolic`] ?? errors[`rems.${key}`]} />
                <TextField label={`${label} diastolic`} inputMode="numeric" value={v[`${key}.diastolic`] ?? ''} onChange={set(`${key}.diastolic`)} error={errors[`rems.${key}.diastolic`]} />
              </div>
            ))}
            {check('sedationResolved', 'Sedation resolved')}
            {check('dissociationResolved', 'Dissociation resolved')}
            <TextField label="Total monitoring minutes" inputMode="numeric" value={v['totalMonitoringMin'] ?? ''} onChange={set('totalMonitoringMin')} error={errors['rems.totalMonitoringMin']} />
            <TextField
              label="Ready to leave at"
              value={v['readyToLeave'] ?? ''}
              onChange={set('readyToLeave')}
              error={errors['rems.readyToLeaveAt']}
              hint="HH:MM: when the patient would have been ready without the 2-hour rule"
            />
          </fieldset>
        )}
        <FormError message={formError} />
        <button type="submit" className="primary" disabled={busy}>
          Discharge
        </button>
      </form>
      {blocked && (
        <form onSubmit={override} noValidate className="override">
          <div role="alert" className="warning">
            <p>Discharge criteria not met:</p>
            <ul>
              {blocked.map((p, i) => (
                <li key={i}>{p}</li>
              ))}
            </ul>
            <p>A physician may discharge anyway, with a reason.</p>
          </div>
          <TextField label="Reason" value={reason} onChange={(e) => setReason(e.target.value)} error={reasonError} hint="Why discharge before the criteria are met" />
          <button type="submit" className="danger" disabled={busy}>
            Override
          </button>
        </form>
      )}
    </section>
  )
}

/** Shown once the patient has been discharged. */
export function Discharged({ at }: { at: number }) {
  return (
    <section aria-label="Discharge" className="lane lane--discharge">
      <h2>Discharge</h2>
      <p className="saved">Discharged at {formatClock(at)}. End the session when the record is complete.</p>
    </section>
  )
}
