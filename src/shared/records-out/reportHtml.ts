/**
 * The one HTML template of the session report, printed to PDF by Electron's printToPDF in the app
 * and by Chromium's page.pdf in the tests. Plain HTML and inline SVG, no script, black on white.
 * Page numbers and the patient identifier go in the page header and footer templates, which
 * both printers draw in the page margins (Chromium does not support CSS @page margin boxes).
 */
import { describeLimitOverride } from '../record/limitOverride'
import { formatDuration } from '../kernel/clinicalTime'
import { formatRateTriple } from '../record/describe'
import { fileStamp, formatLocalDateTime, formatOffset, localOffsetMinutes } from '../kernel/isoTime'
import type { RateTriple } from '../record/infusion'
import type { ReportBlock, ReportSection, SessionReport } from './report'
import { reportChartSvg } from './reportChart'
import type { LimitedVital } from '../protocols/protocols'
import { FLAG_ARROW, flagMeaning, vitalFlag, type VitalFlag } from '../safety/vitalFlags'

export interface PrintableDocument {
  title: string
  fileName: string
  html: string
  headerTemplate: string
  footerTemplate: string
  /** Page size and margins (mm) both printers use; header and footer sit in the top and bottom margins. */
  page: { format: 'A4'; marginsMm: { top: number; right: number; bottom: number; left: number } }
}

export const REPORT_MARGINS_MM = { top: 20, right: 14, bottom: 18, left: 14 } as const

export const esc = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;')

const p2 = (x: number) => String(x).padStart(2, '0')
const clock = (ms: number) => {
  const d = new Date(ms)
  return `${p2(d.getHours())}:${p2(d.getMinutes())}:${p2(d.getSeconds())}`
}
const mg = (x: number) => x.toFixed(1)
const rateCells = (r: RateTriple) => [r.mgPerKgPerHour.toFixed(2), r.mgPerHour.toFixed(1), r.mlPerHour.toFixed(1)]

function table(columns: string[], rows: string[][], opts: { caption?: string; raw?: boolean; rowClass?: (i: number) => string } = {}): string {
  const cell = (c: string) => (opts.raw ? c : esc(c))
  const head = columns.map((c) => `<th scope="col">${esc(c)}</th>`).join('')
  const body = rows
    .map((r, i) => `<tr${opts.rowClass ? ` class="${opts.rowClass(i)}"` : ''}>${r.map((c) => `<td>${cell(c)}</td>`).join('')}</tr>`)
    .join('')
  const caption = opts.caption ? `<caption>${esc(opts.caption)}</caption>` : ''
  return `<table>${caption}<thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`
}

/** A value past its alert limit: bold, with its arrow, and the limit in its title. */
function flaggedCell(value: number, flag: VitalFlag | null): string {
  return flag ? `<strong class="flag" title="${esc(flagMeaning(flag))}">${esc(`${value}${FLAG_ARROW[flag.direction]}`)}</strong>` : esc(String(value))
}

function fields(items: { label: string; value: string; flagged?: boolean }[]): string {
  return `<dl class="fields">${items
    .map((i) => `<div${i.flagged ? ' class="flagged"' : ''}><dt>${esc(i.label)}</dt><dd>${esc(i.value)}</dd></div>`)
    .join('')}</dl>`
}

function block(b: ReportBlock): string {
  switch (b.kind) {
    case 'paragraph':
      return b.emphasis ? `<p><strong>${esc(b.text)}</strong></p>` : `<p>${esc(b.text)}</p>`
    case 'fields':
      return fields(b.items)
    case 'table':
      return table(b.columns, b.rows, b.caption ? { caption: b.caption } : {})
  }
}

function section(id: string, title: string, body: string): string {
  return `<section id="${esc(id)}"><h2>${esc(title)}</h2>${body}</section>`
}

const none = (what: string) => `<p class="none">${esc(what)}</p>`

/** Marks a row's status in words (not colour): struck through when entered in error; addenda say so. */
function statusCell(status: string, addendum = false): string {
  const s = status === 'as recorded' ? '' : status === 'corrected' ? 'Corrected' : 'ENTERED IN ERROR'
  return addendum ? ['ADDENDUM', s].filter(Boolean).join(', ') : s
}

const STYLE = `
  * { box-sizing: border-box; }
  html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  body { font-family: Helvetica, Arial, sans-serif; font-size: 10pt; color: #000; background: #fff; margin: 0; }
  h1 { font-size: 16pt; margin: 0 0 2mm; }
  h2 { font-size: 12pt; margin: 6mm 0 2mm; border-bottom: 1.5px solid #000; padding-bottom: 1mm; break-after: avoid; }
  p { margin: 1mm 0; }
  .ident { border: 1.5px solid #000; padding: 2mm 3mm; margin-bottom: 3mm; }
  .ident strong { font-size: 12pt; }
  table { width: 100%; border-collapse: collapse; margin: 1mm 0 3mm; }
  caption { text-align: left; font-weight: bold; padding: 1mm 0; }
  th, td { border: 0.75px solid #000; padding: 1mm 1.5mm; text-align: left; vertical-align: top; }
  th { background: #e6e6e6; font-weight: bold; }
  thead { display: table-header-group; }
  tr { break-inside: avoid; }
  tr.void td { text-decoration: line-through; }
  tr.void td:last-child { text-decoration: none; font-weight: bold; }
  dl.fields { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 0.5mm 6mm; margin: 0 0 2mm; }
  dl.fields div { display: flex; gap: 2mm; break-inside: avoid; }
  dl.fields dt { font-weight: bold; min-width: 38mm; }
  dl.fields dd { margin: 0; min-width: 0; overflow-wrap: anywhere; }
  dl.fields .flagged dd { font-weight: bold; }
  .big { font-size: 13pt; font-weight: bold; }
  .none { font-style: italic; }
  .chart { break-inside: avoid; margin: 2mm 0; }
  .missing { font-weight: bold; }
  .foot { margin-top: 6mm; font-size: 8pt; }
`

/** The report as one self-contained HTML document. */
export function renderReportHtml(r: SessionReport): string {
  const { plan } = r.session
  const title = `Session report — ${r.patient.name} (${r.patient.code})`
  const offset = formatOffset(localOffsetMinutes(r.generatedAt))
  const status = r.session.endedAt === null ? `Open (record as of ${formatLocalDateTime(r.generatedAt)})` : `Ended ${formatLocalDateTime(r.session.endedAt)}`
  const plannedDose =
    plan.plannedDose.kind === 'mg/kg'
      ? `${plan.plannedDose.value} mg/kg = ${mg(r.session.plannedTotalMg)} mg over ${plan.plannedDurationMin} min`
      : `${mg(r.session.plannedTotalMg)} mg over ${plan.plannedDurationMin} min`

  const ident = `<div class="ident"><h1>Ketamine session report</h1>
    <p><strong>${esc(r.patient.name)}</strong> · Patient ID <strong>${esc(r.patient.code)}</strong> · Date of birth ${esc(r.patient.dateOfBirth)}</p>
    <p>Session ${r.session.id} · Opened ${esc(formatLocalDateTime(r.session.openedAt))} · ${esc(status)}</p></div>`

  const details = section(
    'details',
    'Session and plan',
    fields([
      { label: 'Drug and route', value: `${plan.drug}, ${plan.route}` },
      { label: 'Weight (confirmed)', value: `${plan.weightKg} kg` },
      { label: 'Bag', value: `${plan.concentrationMgPerMl} mg/mL × ${plan.bagVolumeMl} mL` },
      { label: 'Planned dose', value: plannedDose },
      { label: 'Planned rate', value: formatRateTriple(r.session.plannedRate.mgPerHour, plan) },
      ...(r.session.planOverride ? [{ label: 'Dose limit override', value: describeLimitOverride(r.session.planOverride), flagged: true }] : []),
      ...r.team.map((t) => ({ label: t.role, value: t.name }))
    ])
  )

  const d = r.dose
  const doseBody =
    `<p class="big">Delivered dose: ${mg(d.deliveredMg)} mg (${d.deliveredMgPerKg.toFixed(2)} mg/kg) · ${d.percentOfPlan.toFixed(0)}% of the planned ${mg(r.session.plannedTotalMg)} mg</p>` +
    fields([
      { label: 'Infusion started', value: d.startedAt === null ? 'not started' : formatLocalDateTime(d.startedAt) },
      { label: 'Infusion stopped', value: d.stoppedAt === null ? (d.startedAt === null ? '—' : 'not stopped') : formatLocalDateTime(d.stoppedAt) },
      { label: 'Time infusing', value: formatDuration(d.infusedMs) },
      { label: 'Dose as of', value: formatLocalDateTime(d.asOf) }
    ]) +
    (d.segments.length === 0
      ? none('No infusion was delivered.')
      : table(
          ['From', 'To', 'Duration', 'mg/kg/h', 'mg/h', 'mL/h', 'Dose (mg)'],
          [
            ...d.segments.map((s) => [
              clock(s.from),
              s.running ? `${clock(s.to)} (running)` : clock(s.to),
              formatDuration(s.to - s.from),
              ...rateCells(s.rate),
              mg(s.doseMg)
            ]),
            ['Total', '', formatDuration(d.infusedMs), '', '', '', mg(d.deliveredMg)]
          ],
          { caption: 'Rate segments (pauses deliver nothing and have no segment)' }
        ))
  const dose = section('dose', 'Delivered dose', doseBody)

  const infusion = section(
    'infusion',
    'Infusion record',
    r.infusion.length === 0
      ? none('No infusion entries.')
      : table(
          ['#', 'Time', 'Elapsed', 'Entry', 'Detail', 'By', 'Status'],
          r.infusion.map((e) => [String(e.seq), clock(e.at), e.elapsed ?? '', e.what, e.detail, e.author, statusCell(e.status, e.addendum)]),
          { rowClass: (i) => (r.infusion[i]!.status === 'entered in error' ? 'void' : '') }
        )
  )

  const chart = section('chart', 'Chart', `<div class="chart">${reportChartSvg(r.entries, plan, d.startedAt, d.asOf)}</div>`)

  const vitals = section(
    'vitals',
    'Vital signs',
    r.vitals.length === 0
      ? none('No vital signs recorded.')
      : table(
          ['#', 'Time', 'Elapsed', 'BP (mmHg)', 'HR (bpm)', 'SpO2 (%)', 'RR (/min)', 'Temp (°C)', 'MOAA/S', 'By', 'Status'],
          r.vitals.map((v) => {
            const value = (vital: LimitedVital) => flaggedCell(v.vitals[vital], vitalFlag(vital, v.vitals[vital], r.session.limits))
            return [
              esc(String(v.seq)),
              esc(clock(v.at)),
              esc(v.elapsed ?? ''),
              `${value('systolic')}/${value('diastolic')}`,
              value('heartRate'),
              value('spo2'),
              value('respiratoryRate'),
              v.vitals.temperature === undefined ? '' : esc(String(v.vitals.temperature)),
              v.vitals.sedation === undefined ? '' : esc(String(v.vitals.sedation)),
              esc(v.author),
              esc(statusCell(v.status, v.addendum))
            ]
          }),
          { raw: true, rowClass: (i) => (r.vitals[i]!.status === 'entered in error' ? 'void' : '') }
        )
  )

  const notes = section(
    'notes',
    'Notes and subjective reports',
    r.notes.length === 0
      ? none('No notes recorded.')
      : table(
          ['#', 'Time', 'Elapsed', 'Kind', 'Note', 'By', 'Status'],
          r.notes.map((n) => [String(n.seq), clock(n.at), n.elapsed ?? '', n.noteType, n.text, n.author, statusCell(n.status, n.addendum)]),
          { rowClass: (i) => (r.notes[i]!.status === 'entered in error' ? 'void' : '') }
        )
  )

  const amendments = section(
    'amendments',
    'Corrections and entries marked in error',
    r.amendments.length === 0
      ? none('No corrections: every entry stands as recorded.')
      : table(
          ['When', 'By', 'Kind', 'Entry', 'Was', 'Now', 'Reason'],
          r.amendments.map((a) => [formatLocalDateTime(a.at), a.author, a.kind, a.target, a.before, a.after ?? '(no longer counts)', a.reason])
        )
  )

  const rems = r.rems
    ? section(
        'rems',
        'REMS Patient Monitoring Form data (intranasal esketamine)',
        `<p>${rems_summary(r.rems.missing, r.rems.monitoringShort)}</p>` +
          table(
            ['Field', 'Value', 'Source or what is needed'],
            r.rems.fields.map((f) => [esc(f.label), f.value === null ? '<span class="missing">MISSING</span>' : esc(f.value), esc(f.note)]),
            { raw: true }
          )
      )
    : ''

  const extra = r.sections.map((s: ReportSection) => section(s.id, s.title, s.blocks.map(block).join(''))).join('')

  const foot = `<p class="foot">Generated ${esc(formatLocalDateTime(r.generatedAt))} (times are local, UTC${offset}) from the session record. Corrected entries show their corrected values; the original values and the reasons are listed under Corrections.</p>`

  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title><style>${STYLE}</style></head><body><main>${ident}${details}${dose}${chart}${infusion}${vitals}${notes}${amendments}${rems}${extra}</main><footer>${foot}</footer></body></html>`
}

function rems_summary(missing: number, short: boolean | null): string {
  const m = missing === 0 ? 'All fields are filled from the record.' : `${missing} field${missing === 1 ? ' is' : 's are'} MISSING and must be completed before submission.`
  const s = short === true ? ' Monitoring was shorter than the 2 hours the REMS requires.' : ''
  return esc(m + s)
}

const TEMPLATE_STYLE = 'font-family: Helvetica, Arial, sans-serif; font-size: 8pt; color: #000; width: 100%; padding: 0 14mm; display: flex; justify-content: space-between;'

/** The report with its page header and footer: the patient on every page, and "Page N of M". */
export function printableReport(r: SessionReport): PrintableDocument {
  const who = `${esc(r.patient.name)} · Patient ID ${esc(r.patient.code)} · DOB ${esc(r.patient.dateOfBirth)}`
  const when = `Session ${r.session.id}, ${esc(formatLocalDateTime(r.session.openedAt))}`
  return {
    title: `Session report ${r.patient.code} ${formatLocalDateTime(r.session.openedAt)}`,
    fileName: `session-report-${r.patient.code}-${fileStamp(r.session.openedAt)}.pdf`,
    html: renderReportHtml(r),
    headerTemplate: `<div style="${TEMPLATE_STYLE}"><span>${who}</span><span>${when}</span></div>`,
    footerTemplate: `<div style="${TEMPLATE_STYLE}"><span>Patient ID ${esc(r.patient.code)} · Ketamine session report</span><span>Page <span class="pageNumber"></span> of <span class="totalPages"></span></span></div>`,
    page: { format: 'A4', marginsMm: { ...REPORT_MARGINS_MM } }
  }
}
