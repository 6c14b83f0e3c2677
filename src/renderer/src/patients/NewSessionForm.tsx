import { useEffect, useState, type FormEvent } from 'react'
import type { Patient, Staff } from '../../../shared/people/people'
import { DRUGS, planProblem, plannedRate, plannedTotalMg, ROUTES, sessionPlanSchema } from '../../../shared/record/plan'
import { newSessionSchema } from '../../../shared/sessions/session'
import { call } from '../app/api'
import { FormError, SelectField, TextField } from '../ui/Field'
import { fieldErrors, parseNumber, placeError, type FieldErrors } from '../ui/forms'
import type { Navigate } from '../app/App'
import type { ProtocolVersion } from '../../../shared/protocols/protocols'
import { confirmationErrors, confirmationOf, EMPTY_CONFIRMATION, LimitConfirmationFields } from '../ui/LimitConfirmationFields'

interface Props {
  patientId: number
  staff: Staff[]
  currentUser: Staff | null
  navigate: Navigate
}

const FIELDS = [
  'plan.weightKg',
  'plan.route',
  'plan.drug',
  'plan.concentrationMgPerMl',
  'plan.bagVolumeMl',
  'plan.plannedDose.value',
  'plan.plannedDurationMin',
  'team.physicianId',
  'team.nurseId',
  'team.therapistId',
  'authorId',
  'weightConfirmed',
  'protocolId',
  'limitConfirmation.physicianId',
  'limitConfirmation.pin',
  'limitConfirmation.reason'
]

/** The plan fields a protocol fills in; the user may still adjust them for the patient. */
function planFromProtocol(p: ProtocolVersion) {
  const d = p.definition
  return {
    route: d.route as string,
    drug: d.drug as string,
    plannedDose: String(d.dose.value),
    duration: String(d.durationMin),
    concentration: String(d.defaultConcentrationMgPerMl),
    bagVolume: String(d.defaultBagVolumeMl)
  }
}

/** Everything the infusion needs, confirmed at the bedside, with the planned rate shown before it starts. */
export function NewSessionForm({ patientId, staff, currentUser, navigate }: Props) {
  const [patient, setPatient] = useState<Patient | null>(null)
  const [protocols, setProtocols] = useState<ProtocolVersion[] | null>(null)
  const [protocolId, setProtocolId] = useState('')
  const [v, setV] = useState({
    weightKg: '',
    weightConfirmed: false,
    route: 'IV',
    drug: 'racemic ketamine',
    concentration: '',
    bagVolume: '',
    plannedDose: '0.5',
    duration: '40',
    physicianId: '',
    nurseId: '',
    therapistId: ''
  })
  const [errors, setErrors] = useState<FieldErrors>({})
  const [formError, setFormError] = useState<string>()
  const [saving, setSaving] = useState(false)
  // Set when main finds the plan over a soft limit of the drug library: a physician then confirms.
  const [limitMessage, setLimitMessage] = useState<string | null>(null)
  const [confirmation, setConfirmation] = useState(EMPTY_CONFIRMATION)

  useEffect(() => {
    void call('patients.get', { patientId }).then((r) => {
      if (!r.ok) return setFormError(r.error.message)
      setPatient(r.value)
      setV((old) => ({ ...old, weightKg: String(r.value.weightKg) }))
    })
    void call('protocols.list', {}).then((r) => {
      if (!r.ok) return setFormError(r.error.message)
      setProtocols(r.value)
      const first = r.value[0]
      if (first) {
        setProtocolId(String(first.id))
        setV((old) => ({ ...old, ...planFromProtocol(first) }))
      }
    })
  }, [patientId])

  function chooseProtocol(id: string) {
    setProtocolId(id)
    const p = protocols?.find((x) => String(x.id) === id)
    if (p) setV((old) => ({ ...old, ...planFromProtocol(p) }))
  }

  const fixedMg = v.drug === 'esketamine'
  const plan = {
    weightKg: parseNumber(v.weightKg),
    route: v.route,
    drug: v.drug,
    concentrationMgPerMl: parseNumber(v.concentration),
    bagVolumeMl: parseNumber(v.bagVolume),
    plannedDose: { kind: fixedMg ? 'mg' : 'mg/kg', value: parseNumber(v.plannedDose) },
    plannedDurationMin: parseNumber(v.duration)
  }
  const planCheck = sessionPlanSchema.safeParse(plan)
  const preview = planCheck.success
    ? { total: plannedTotalMg(planCheck.data), rate: plannedRate(planCheck.data), problem: planProblem(planCheck.data) }
    : null

  const set = (k: keyof typeof v) => (e: { target: { value: string } }) => setV((old) => ({ ...old, [k]: e.target.value }))
  const byRole = (...roles: Staff['role'][]) =>
    staff.filter((s) => roles.includes(s.role)).map((s) => ({ value: String(s.id), label: s.name }))

  async function submit(e: FormEvent) {
    e.preventDefault()
    setFormError(undefined)
    const input = {
      patientId,
      authorId: currentUser?.id ?? 0,
      plan,
      team: {
        physicianId: Number(v.physicianId) || 0,
        nurseId: Number(v.nurseId) || 0,
        therapistId: v.therapistId ? Number(v.therapistId) : null
      },
      ...(protocolId ? { protocolId: Number(protocolId) } : {}),
      ...(limitMessage !== null ? { limitConfirmation: confirmationOf(confirmation) } : {})
    }
    const parsed = newSessionSchema.safeParse(input)
    const errs: FieldErrors = parsed.success ? {} : fieldErrors(parsed.error)
    if (!v.weightConfirmed) errs['weightConfirmed'] = "Confirm today's weight"
    if (!protocolId) errs['protocolId'] = 'Choose a protocol'
    if (parsed.success && preview?.problem) errs[`plan.${preview.problem.field}`] = preview.problem.message
    if (!currentUser) setFormError('Choose yourself as the Current user (top right) first')
    if (!parsed.success || Object.keys(errs).length > 0 || !currentUser) return setErrors(errs)
    setSaving(true)
    const r = await call('sessions.create', parsed.data)
    setSaving(false)
    if (!r.ok) {
      if (r.error.field === 'limitConfirmation') {
        const needed = r.error.code === 'CONFIRMATION_REQUIRED'
        setLimitMessage(needed ? r.error.message : null)
        setErrors({})
        if (needed) setConfirmation((c) => ({ ...c, physicianId: c.physicianId || v.physicianId }))
        return setFormError(needed ? undefined : `${r.error.message}. Press Start session again.`)
      }
      const placed = placeError(r.error, FIELDS)
      setErrors(placed.fields)
      return setFormError(placed.form)
    }
    navigate({ name: 'console', sessionId: r.value.id })
  }

  if (!patient || !protocols) return formError ? <p role="alert">{formError}</p> : <p>Loading…</p>
  return (
    <section aria-label="New session" className="card new-session">
      <h2>
        New session for {patient.fullName} <span className="muted">({patient.patientCode})</span>
      </h2>
      <form onSubmit={submit} noValidate>
        <fieldset>
          <legend>Protocol</legend>
          <SelectField
            label="Protocol"
            value={protocolId}
            onChange={(e) => chooseProtocol(e.target.value)}
            error={errors['protocolId']}
            placeholder={protocols.length ? 'Choose a protocol' : 'No protocols: add one under Protocols'}
            options={protocols.map((p) => ({ value: String(p.id), label: p.definition.name }))}
            hint="Fills in the drug, route, dose, duration and bag below; its alert limits and checks apply to this session"
          />
        </fieldset>
        <fieldset>
          <legend>Patient today</legend>
          <TextField label="Weight (kg)" inputMode="decimal" value={v.weightKg} onChange={set('weightKg')} error={errors['plan.weightKg']} />
          <div className={`field field--check${errors['weightConfirmed'] ? ' field--invalid' : ''}`}>
            <label>
              <input
                type="checkbox"
                checked={v.weightConfirmed}
                onChange={(e) => setV((o) => ({ ...o, weightConfirmed: e.target.checked }))}
              />{' '}
              Weight confirmed today
            </label>
            {errors['weightConfirmed'] && (
              <span className="field__error" role="alert">
                {errors['weightConfirmed']}
              </span>
            )}
          </div>
        </fieldset>
        <fieldset>
          <legend>Drug and bag</legend>
          <SelectField label="Route" value={v.route} onChange={set('route')} error={errors['plan.route']} options={ROUTES.map((r) => ({ value: r, label: r }))} />
          <SelectField label="Drug" value={v.drug} onChange={set('drug')} error={errors['plan.drug']} options={DRUGS.map((d) => ({ value: d, label: d }))} />
          <TextField label="Concentration (mg/mL)" inputMode="decimal" value={v.concentration} onChange={set('concentration')} error={errors['plan.concentrationMgPerMl']} />
          <TextField label="Bag volume (mL)" inputMode="decimal" value={v.bagVolume} onChange={set('bagVolume')} error={errors['plan.bagVolumeMl']} />
        </fieldset>
        <fieldset>
          <legend>Plan</legend>
          <TextField
            label={fixedMg ? 'Planned dose (mg)' : 'Planned dose (mg/kg)'}
            inputMode="decimal"
            value={v.plannedDose}
            onChange={set('plannedDose')}
            error={errors['plan.plannedDose.value']}
          />
          <TextField label="Planned duration (min)" inputMode="decimal" value={v.duration} onChange={set('duration')} error={errors['plan.plannedDurationMin']} />
          <dl className="readouts">
            <div className="readout">
              <dt id="ns-total">Planned total</dt>
              <dd>
                <output aria-labelledby="ns-total" aria-live="off">
                  {preview ? `${preview.total.toFixed(1)} mg` : '—'}
                </output>
              </dd>
            </div>
            <div className="readout">
              <dt id="ns-rate">Planned rate</dt>
              <dd>
                <output aria-labelledby="ns-rate" aria-live="off">
                  {preview
                    ? `${preview.rate.mgPerKgPerHour.toFixed(2)} mg/kg/h · ${preview.rate.mgPerHour.toFixed(1)} mg/h · ${preview.rate.mlPerHour.toFixed(1)} mL/h`
                    : 'Fill in weight, concentration, dose and duration'}
                </output>
              </dd>
            </div>
          </dl>
        </fieldset>
        <fieldset>
          <legend>Staff present</legend>
          <SelectField label="Physician" value={v.physicianId} onChange={set('physicianId')} error={errors['team.physicianId']} placeholder="Choose the physician" options={byRole('physician')} />
          <SelectField label="Nurse" value={v.nurseId} onChange={set('nurseId')} error={errors['team.nurseId']} placeholder="Choose the nurse" options={byRole('nurse', 'physician')} />
          <SelectField label="Therapist" value={v.therapistId} onChange={set('therapistId')} error={errors['team.therapistId']} placeholder="None" options={byRole('therapist')} />
        </fieldset>
        {limitMessage !== null && (
          <LimitConfirmationFields
            message={limitMessage}
            physicians={staff.filter((s) => s.role === 'physician' && s.active)}
            draft={confirmation}
            onChange={setConfirmation}
            errors={confirmationErrors(errors)}
          />
        )}
        <FormError message={formError} />
        <div className="actions">
          <button type="submit" className="primary" disabled={saving}>
            Start session
          </button>
          <button type="button" onClick={() => navigate({ name: 'patient', patientId })}>
            Cancel
          </button>
        </div>
      </form>
    </section>
  )
}
