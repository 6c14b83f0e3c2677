/**
 * The report's clinical safety sections: pre-infusion checks and the override, alerts and the
 * responses to them, scales, and recovery and discharge. Plain ReportSection data (reportHtml.ts
 * renders it); flags are words and capitals, never colour, so the page reads in black and white.
 */
import { alertHistory, type RaisedAlert } from '../safety/alertHistory'
import { alertFacts, baselineSummary } from '../safety/alerts'
import { preInfusionProblems, preInfusionState } from '../safety/checks'
import { infusionState } from '../record/infusion'
import { formatLocalDateTime } from '../kernel/isoTime'
import { formatClock } from '../record/messages'
import type { SessionPlan } from '../record/plan'
import { CHECK_LABELS, safetyOf, type ProtocolSnapshot } from '../protocols/protocols'
import { infusionActions, liveEntries, type EffectiveEntry } from '../record/record'
import { statusOf, type ReportBlock, type ReportSection, type StaffNames } from './report'
import { ALDRETE_ANCHORS, ALDRETE_ITEMS, ALDRETE_LABELS, ALERT_RESPONSE_LABELS, aldreteTotal, type Checklist, type DischargePayload } from '../record/safetyPayloads'
import { prePostScores } from '../therapy/scaleCourse'
import { gad7Band, phq9Band, phq9SelfHarmPositive, SCALE_SHORT, scaleBand, scaleMax, scaleTotal } from '../record/scales'

export interface SafetyReportInput {
  entries: readonly EffectiveEntry[]
  plan: SessionPlan
  protocol: ProtocolSnapshot | null
  names: StaffNames
  /** The session's end, or the report's time while it is open. */
  asOf: number
  /** The patient's age in whole years at the infusion start (or now), for the pre-dose limit. */
  ageYears: number | null
  ended: boolean
}

const yesNo = (b: boolean) => (b ? 'Yes' : 'NO')
const answer = (a: string | undefined) => (a === undefined ? 'NOT ANSWERED' : a === 'not_applicable' ? 'Not applicable' : a === 'yes' ? 'YES' : 'No')
const statusText = (e: EffectiveEntry) => {
  const s = statusOf(e)
  return s === 'as recorded' ? '' : s === 'corrected' ? 'Corrected' : 'ENTERED IN ERROR'
}

function checklistFields(c: Checklist, at: number, by: string): ReportBlock {
  const s = c.screening
  return {
    kind: 'fields',
    items: [
      { label: 'Consent confirmed', value: yesNo(c.consent), flagged: !c.consent },
      { label: 'Escort arranged', value: yesNo(c.escort), flagged: !c.escort },
      { label: 'Uncontrolled hypertension', value: answer(s.hypertension), flagged: s.hypertension !== 'no' },
      { label: 'Active psychosis', value: answer(s.psychosis), flagged: s.psychosis !== 'no' },
      { label: 'Pregnancy', value: answer(s.pregnancy), flagged: s.pregnancy === undefined || s.pregnancy === 'yes' },
      { label: 'Recent trauma', value: answer(s.trauma), flagged: s.trauma !== 'no' },
      { label: 'Last food and drink', value: c.lastFoodDrink.trim() || 'NOT RECORDED', flagged: c.lastFoodDrink.trim() === '' },
      { label: 'Checklist recorded', value: `${formatClock(at)} by ${by}` }
    ]
  }
}

export function checksSection(i: SafetyReportInput): ReportSection {
  const live = liveEntries(i.entries)
  const start = live.find((e) => e.entry.type === 'infusion_started')
  const at = start?.occurredAt ?? i.asOf
  const blocks: ReportBlock[] = [
    {
      kind: 'paragraph',
      text: i.protocol
        ? `Protocol: ${i.protocol.definition.name} (version ${i.protocol.version}).`
        : 'No protocol: this session was opened without one, so no pre-infusion checks were required; alerts used the reference limits.'
    }
  ]
  const checklist = live.filter((e) => e.entry.type === 'checklist' && e.occurredAt <= at).at(-1)
  if (checklist && checklist.entry.type === 'checklist') blocks.push(checklistFields(checklist.entry.checklist, checklist.occurredAt, i.names.nameOf(checklist.original.authorId)))
  else blocks.push({ kind: 'paragraph', text: 'No pre-infusion checklist was recorded before the infusion.', emphasis: true })

  if (i.protocol) {
    const problems = preInfusionProblems(preInfusionState(i.entries, at), i.protocol.definition, i.ageYears)
    const rows = i.protocol.definition.requiredChecks.map((id) => {
      const p = problems.find((x) => x.id === id)
      return [CHECK_LABELS[id], p ? `NOT MET: ${p.message}` : 'Met']
    })
    for (const p of problems) if (p.id === 'baseline_limit' || p.id === 'pre_dose_bp') rows.push(['Baseline vitals within limits', `NOT MET: ${p.message}`])
    blocks.push({
      kind: 'table',
      caption: start ? `Required checks at the infusion start (${formatClock(at)}), as the record stands` : 'Required checks as the record stands (the infusion has not started)',
      columns: ['Check', 'Status'],
      rows
    })
  }
  if (start && start.entry.type === 'infusion_started') {
    const o = start.entry.override
    if (o)
      blocks.push({
        kind: 'fields',
        items: [
          { label: 'PHYSICIAN OVERRIDE', value: `by ${i.names.nameOf(start.original.authorId)} at ${formatClock(start.occurredAt)}`, flagged: true },
          { label: 'Reason', value: o.reason },
          { label: 'Checks not met when overridden', value: o.problems && o.problems.length > 0 ? o.problems.join('; ') : '—' }
        ]
      })
    else blocks.push({ kind: 'paragraph', text: 'The infusion was started without an override.' })
  }
  return { id: 'checks', title: 'Pre-infusion checks', blocks }
}

function responseText(a: RaisedAlert, names: StaffNames): string {
  if (a.responses.length === 0) return 'NOT ACKNOWLEDGED'
  return a.responses
    .map((r) => `${ALERT_RESPONSE_LABELS[r.response]}, by ${names.nameOf(r.authorId)} at ${formatClock(r.at)} (#${r.seq})${r.note ? `. Note: ${r.note}` : ''}`)
    .join('; ')
}

export function alertsSection(i: SafetyReportInput): ReportSection {
  const safety = safetyOf(i.protocol)
  const alerts = alertHistory(i.entries, i.plan, safety, i.asOf)
  const live = liveEntries(i.entries).filter((e) => e.occurredAt <= i.asOf)
  const baseline: ReportBlock = { kind: 'paragraph', text: `${baselineSummary(alertFacts(live, i.plan, safety).baseline)}.` }
  if (alerts.length === 0) return { id: 'alerts', title: 'Alerts and responses', blocks: [baseline, { kind: 'paragraph', text: 'No alerts were raised.' }] }
  const unanswered = alerts.filter((a) => a.responses.length === 0).length
  const summary = `${alerts.length} alert${alerts.length === 1 ? '' : 's'} raised: ${alerts.length - unanswered} acknowledged${unanswered > 0 ? `, ${unanswered} NOT ACKNOWLEDGED` : ''}.`
  const outcome = (a: RaisedAlert) => {
    if (a.ended) return `Ended ${formatClock(a.ended.at)}: ${a.ended.by}`
    if (a.rule !== 'vitals_overdue') return ''
    return i.ended ? '' : `STILL OVERDUE at ${formatClock(i.asOf)}`
  }
  return {
    id: 'alerts',
    title: 'Alerts and responses',
    blocks: [
      baseline,
      { kind: 'paragraph', text: summary, emphasis: unanswered > 0 },
      {
        kind: 'table',
        columns: ['Since', 'Severity', 'Alert', 'Response', 'Outcome'],
        rows: alerts.map((a) => [formatClock(a.since), a.severity === 'critical' ? 'CRITICAL' : 'Warning', a.message, responseText(a, i.names), outcome(a)])
      }
    ]
  }
}

export function scalesSection(i: SafetyReportInput): ReportSection {
  const scales = i.entries.filter((e) => e.entry.type === 'scale')
  if (scales.length === 0) return { id: 'scales', title: 'Scales', blocks: [{ kind: 'paragraph', text: 'No scales recorded.' }] }
  const blocks: ReportBlock[] = []
  const prePost = prePostScores(i.entries)
  if (prePost.length > 0) {
    const band = (scale: 'PHQ-9' | 'GAD-7', n: number | null) => (n === null ? 'not taken' : `${n} (${(scale === 'PHQ-9' ? phq9Band : gad7Band)(n)})`)
    blocks.push({
      kind: 'table',
      caption: 'Before and after the session',
      columns: ['Questionnaire', 'Before', 'After', 'Change'],
      rows: prePost.map((p) => [p.scale, band(p.scale, p.pre), band(p.scale, p.post), p.pre !== null && p.post !== null ? signed(p.post - p.pre) : '—'])
    })
  }
  blocks.push({
    kind: 'table',
    caption: 'Every score (totals and bands are derived from the answers)',
    columns: ['#', 'Time', 'Scale', 'Score', 'Band', 'Answers', 'By', 'Status'],
    rows: scales.map((e) => {
      const s = (e.entry as Extract<EffectiveEntry['entry'], { type: 'scale' }>).scale
      const when = 'timing' in s ? ` (${s.timing})` : ''
      const band = [scaleBand(s), phq9SelfHarmPositive(s) ? 'ITEM 9 POSITIVE: assess suicide risk' : null].filter(Boolean).join('; ')
      return [String(e.original.seq), formatClock(e.occurredAt), `${SCALE_SHORT[s.kind]}${when}`, `${scaleTotal(s)}/${scaleMax(s)}`, band, 'items' in s ? s.items.join(' ') : '', i.names.nameOf(e.original.authorId), statusText(e)]
    })
  })
  return { id: 'scales', title: 'Scales', blocks }
}

const signed = (n: number) => (n > 0 ? `+${n}` : String(n))

function remsFields(r: NonNullable<DischargePayload['rems']>) {
  const bp = (v: { systolic: number; diastolic: number }) => `${v.systolic}/${v.diastolic} mmHg`
  return [
    { label: 'REMS: BP before dosing', value: bp(r.bpBeforeDosing) },
    { label: 'REMS: BP at 40 min', value: bp(r.bpAt40Min) },
    { label: 'REMS: BP before completion', value: bp(r.bpBeforeCompletion) },
    { label: 'REMS: sedation resolved', value: yesNo(r.sedationResolved), flagged: !r.sedationResolved },
    { label: 'REMS: dissociation resolved', value: yesNo(r.dissociationResolved), flagged: !r.dissociationResolved },
    { label: 'REMS: total monitoring', value: `${r.totalMonitoringMin} min` },
    { label: 'REMS: ready to leave (without the 2-hour rule)', value: formatClock(r.readyToLeaveAt) }
  ]
}

export function dischargeSection(i: SafetyReportInput): ReportSection {
  const safety = safetyOf(i.protocol)
  const entry = liveEntries(i.entries).filter((e) => e.entry.type === 'discharge').at(-1)
  if (!entry || entry.entry.type !== 'discharge') {
    const text = i.ended ? 'The session ended without a discharge assessment.' : 'No discharge assessment recorded yet.'
    return { id: 'discharge', title: 'Recovery and discharge', blocks: [{ kind: 'paragraph', text, emphasis: i.ended }] }
  }
  const d = entry.entry.discharge
  const stoppedAt = infusionState(infusionActions(i.entries), i.plan).stoppedAt
  const recovery = stoppedAt === null ? null : Math.max(0, entry.occurredAt - stoppedAt)
  const short = recovery !== null && recovery < safety.minRecoveryMin * 60_000
  const total = aldreteTotal(d.aldrete)
  const blocks: ReportBlock[] = [
    {
      kind: 'fields',
      items: [
        { label: 'Discharged', value: `${formatLocalDateTime(entry.occurredAt)} by ${i.names.nameOf(entry.original.authorId)}` },
        {
          label: 'Recovery observation',
          value: recovery === null ? 'No infusion was given' : `${Math.floor(recovery / 60_000)} min after the infusion stopped (protocol minimum ${safety.minRecoveryMin} min)${short ? ': SHORTER' : ''}`,
          flagged: short
        },
        { label: 'Modified Aldrete total', value: `${total}/10 (minimum ${safety.discharge.minAldrete})${total < safety.discharge.minAldrete ? ': BELOW' : ''}`, flagged: total < safety.discharge.minAldrete },
        { label: 'Escort present', value: yesNo(d.escortPresent), flagged: !d.escortPresent },
        { label: 'No-driving advice given', value: yesNo(d.noDrivingAdviceGiven), flagged: !d.noDrivingAdviceGiven },
        { label: "Patient's own report", value: d.patientReport },
        ...(d.rems ? remsFields(d.rems) : [])
      ]
    },
    {
      kind: 'table',
      caption: 'Modified Aldrete score',
      columns: ['Item', 'Score', 'Meaning'],
      rows: [...ALDRETE_ITEMS.map((k) => [ALDRETE_LABELS[k], String(d.aldrete[k]), ALDRETE_ANCHORS[k][d.aldrete[k]] ?? '']), ['Total', `${total}/10`, '']]
    }
  ]
  if (d.override)
    blocks.push({
      kind: 'fields',
      items: [
        { label: 'PHYSICIAN OVERRIDE', value: `by ${i.names.nameOf(entry.original.authorId)}: the discharge criteria were not met`, flagged: true },
        { label: 'Reason', value: d.override.reason },
        { label: 'Criteria not met', value: d.override.problems && d.override.problems.length > 0 ? d.override.problems.join('; ') : '—' }
      ]
    })
  return { id: 'discharge', title: 'Recovery and discharge', blocks }
}

export function safetySections(i: SafetyReportInput): ReportSection[] {
  return [checksSection(i), alertsSection(i), scalesSection(i), dischargeSection(i)]
}
