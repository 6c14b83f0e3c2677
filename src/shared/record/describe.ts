import { NOTE_TYPE_LABELS, type EntryInput } from './events'
import { convertMgPerHour, rateToMgPerHour, type DosingContext, type Rate } from './infusion'
import { describeAck, describeChecklist, describeDischarge, describeOverride } from './describeSafety'
import { describeScale } from './scales'
import { describeLimitOverride, type LimitOverride } from './limitOverride'
import { formatAmount, formatDose } from './doseDisplay'

/** What the timeline and the report call each kind of entry. */
export const ENTRY_KIND_LABELS: Record<EntryInput['type'], string> = {
  infusion_started: 'Infusion started',
  rate_changed: 'Rate changed',
  infusion_paused: 'Infusion paused',
  infusion_resumed: 'Infusion resumed',
  infusion_stopped: 'Infusion stopped',
  session_ended: 'Session ended',
  vitals: 'Vitals',
  note: 'Note',
  checklist: 'Pre-infusion checklist',
  scale: 'Scale',
  alert_acknowledged: 'Alert acknowledged',
  discharge: 'Discharge'
}

export function formatRateTriple(mgPerHour: number, ctx: DosingContext): string {
  const r = convertMgPerHour(mgPerHour, ctx)
  return `${formatDose(r.mgPerKgPerHour, 'mg/kg/h')} · ${formatDose(r.mgPerHour, 'mg/h')} · ${formatDose(r.mlPerHour, 'mL/h')}`
}

function rateText(rate: Rate, ctx: DosingContext): string {
  // The rate as it was entered, to its last typed digit, then the three units it comes to.
  return `${formatAmount(rate.value, 4)} ${rate.unit} (${formatRateTriple(rateToMgPerHour(rate, ctx), ctx)})`
}

const limitText = (o: LimitOverride | undefined) => (o ? describeLimitOverride(o) : '')

/** One line of content for an entry, the same wherever it is shown. */
export function describeEntry(entry: EntryInput, ctx: DosingContext): string {
  switch (entry.type) {
    case 'infusion_started':
      return [rateText(entry.rate, ctx), entry.override && describeOverride(entry.override), limitText(entry.limitOverride)].filter(Boolean).join(' · ')
    case 'rate_changed':
      return [rateText(entry.rate, ctx), limitText(entry.limitOverride)].filter(Boolean).join(' · ')
    case 'infusion_paused':
      return `Reason: ${entry.reason}`
    case 'session_ended':
      return entry.override ? describeOverride(entry.override) : ''
    case 'infusion_resumed':
    case 'infusion_stopped':
      return ''
    case 'vitals': {
      const v = entry.vitals
      const extra = [
        v.temperature !== undefined ? `T ${v.temperature} °C` : null,
        v.sedation !== undefined ? `MOAA/S ${v.sedation}` : null
      ].filter(Boolean)
      return [`BP ${v.systolic}/${v.diastolic}`, `HR ${v.heartRate}`, `SpO2 ${v.spo2}%`, `RR ${v.respiratoryRate}`, ...extra].join(' · ')
    }
    case 'note': {
      const n = entry.note
      const parts = [NOTE_TYPE_LABELS[n.noteType]]
      if (n.medication) parts.push(`${n.medication.drug} ${n.medication.dose} ${n.medication.unit} ${n.medication.route}`)
      if (n.intensity !== undefined) parts.push(`${n.intensityOf} ${n.intensity}/10`)
      if (n.text.trim()) parts.push(n.text)
      return parts.join(' · ')
    }
    case 'checklist':
      return describeChecklist(entry.checklist)
    case 'scale':
      return describeScale(entry.scale)
    case 'alert_acknowledged':
      return describeAck(entry.ack)
    case 'discharge':
      return describeDischarge(entry.discharge)
  }
}
