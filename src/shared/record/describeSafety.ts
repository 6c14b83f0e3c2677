/** One line of text for each safety entry, the same on the timeline and in reports. */
import { formatClock } from './messages'
import {
  ALDRETE_ITEMS,
  ALERT_RESPONSE_LABELS,
  aldreteTotal,
  type AlertAck,
  type Checklist,
  type DischargePayload,
  type Override
} from './safetyPayloads'

export function describeOverride(o: Override): string {
  const what = o.problems && o.problems.length > 0 ? ` (overrode: ${o.problems.join('; ')})` : ''
  return `Physician override: ${o.reason}${what}`
}

const answer = (a: string | undefined) => (a === undefined ? 'not answered' : a.replace('_', ' '))

export function describeChecklist(c: Checklist): string {
  const s = c.screening
  return [
    `Consent ${c.consent ? 'confirmed' : 'not confirmed'}`,
    `escort ${c.escort ? 'arranged' : 'not arranged'}`,
    `uncontrolled hypertension: ${answer(s.hypertension)}`,
    `active psychosis: ${answer(s.psychosis)}`,
    `pregnancy: ${answer(s.pregnancy)}`,
    `recent trauma: ${answer(s.trauma)}`,
    `last food and drink: ${c.lastFoodDrink.trim() || 'not recorded'}`
  ].join(' · ')
}

export function describeAck(a: AlertAck): string {
  const note = a.note ? ` · ${a.note}` : ''
  return `${a.message} · Response: ${ALERT_RESPONSE_LABELS[a.response]}${note}`
}

export function describeDischarge(d: DischargePayload): string {
  const parts = [
    `Aldrete ${aldreteTotal(d.aldrete)}/10 (${ALDRETE_ITEMS.map((k) => d.aldrete[k]).join(' ')})`,
    `escort ${d.escortPresent ? 'present' : 'not present'}`,
    `no-driving advice ${d.noDrivingAdviceGiven ? 'given' : 'not given'}`,
    `patient: ${d.patientReport}`
  ]
  if (d.rems) {
    const r = d.rems
    const bp = (v: { systolic: number; diastolic: number }) => `${v.systolic}/${v.diastolic}`
    parts.push(
      `REMS: BP before dosing ${bp(r.bpBeforeDosing)}, at 40 min ${bp(r.bpAt40Min)}, before completion ${bp(r.bpBeforeCompletion)}; sedation ${r.sedationResolved ? 'resolved' : 'not resolved'}; dissociation ${r.dissociationResolved ? 'resolved' : 'not resolved'}; monitored ${r.totalMonitoringMin} min; ready to leave at ${formatClock(r.readyToLeaveAt)}`
    )
  }
  if (d.override) parts.push(describeOverride(d.override))
  return parts.join(' · ')
}
