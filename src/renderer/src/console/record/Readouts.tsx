import { formatDuration } from '../../../../shared/kernel/clinicalTime'
import { formatRateTriple } from '../../../../shared/record/describe'
import { formatDose } from '../../../../shared/record/doseDisplay'
import type { SessionPlan } from '../../../../shared/record/plan'
import type { SessionSnapshot } from '../../../../shared/record/record'
import { PHASE_LABELS } from '../../ui/labels'

function Readout({ id, label, value, tone }: { id: string; label: string; value: string; tone?: string }) {
  return (
    <div className={`readout${tone ? ` readout--${tone}` : ''}`}>
      <dt id={id}>{label}</dt>
      <dd>
        {/* aria-live off: these tick every second and must not flood a screen reader. */}
        <output aria-labelledby={id} aria-live="off">
          {value}
        </output>
      </dd>
    </div>
  )
}

/** The figures the physician glances at: phase, timers, rate, dose against plan. */
export function Readouts({ snapshot, plan }: { snapshot: SessionSnapshot; plan: SessionPlan }) {
  const s = snapshot
  const paused = s.infusion.status === 'paused'
  const rate =
    s.infusion.status === 'not_started'
      ? 'Not started'
      : paused
        ? `Paused (set ${formatRateTriple(s.setRate.mgPerHour, plan)})`
        : formatRateTriple(s.currentRate.mgPerHour, plan)
  return (
    <dl className="readouts readouts--console" aria-label="Session figures">
      <Readout id="ro-phase" label="Phase" value={PHASE_LABELS[s.phase]} tone={s.phase} />
      <Readout id="ro-elapsed" label="Elapsed" value={s.elapsedMs === null ? '—' : formatDuration(s.elapsedMs)} />
      <Readout id="ro-recovery" label="Recovery time" value={s.recoveryMs === null ? '—' : formatDuration(s.recoveryMs)} />
      <Readout id="ro-rate" label="Current rate" value={rate} tone={paused ? 'paused' : undefined} />
      <Readout
        id="ro-dose"
        label="Delivered dose"
        value={`${formatDose(s.deliveredMg, 'mg')} · ${formatDose(s.deliveredMgPerKg, 'mg/kg')}`}
      />
      <Readout id="ro-planned" label="Planned total" value={`${formatDose(s.plannedTotalMg, 'mg')} · ${formatDose(s.plannedTotalMg / plan.weightKg, 'mg/kg')}`} />
      <Readout id="ro-percent" label="Percent delivered" value={`${s.percentDelivered.toFixed(0)}%`} />
    </dl>
  )
}
