/**
 * The report's chart as a static SVG string: the same series as the console's chart (chart.ts),
 * drawn for paper. Black and white only: each series has its own dash pattern and point symbol,
 * so it reads on a monochrome printer and on a photocopy.
 */
import { chartSeries, downsampleVitals, minuteTicks, type VitalsPoint } from '../view/chart'
import type { SessionPlan } from '../record/plan'
import type { EffectiveEntry } from '../record/record'

const W = 700
const H = 280
const M = { top: 28, right: 56, bottom: 36, left: 48 }
const PW = W - M.left - M.right
const PH = H - M.top - M.bottom
const MAX_POINTS = 300

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
const n = (x: number) => (Math.round(x * 10) / 10).toString()

type Symbol = 'triangle-down' | 'triangle-up' | 'circle' | 'circle-open'
const SERIES: { key: keyof Omit<VitalsPoint, 't'>; label: string; dash: string; symbol: Symbol }[] = [
  { key: 'systolic', label: 'Systolic (mmHg)', dash: '', symbol: 'triangle-down' },
  { key: 'diastolic', label: 'Diastolic (mmHg)', dash: '6 3', symbol: 'triangle-up' },
  { key: 'heartRate', label: 'Heart rate (bpm)', dash: '2 2', symbol: 'circle' },
  { key: 'spo2', label: 'SpO2 (%)', dash: '10 3 2 3', symbol: 'circle-open' }
]

function symbol(kind: Symbol, x: number, y: number): string {
  const r = 3.2
  switch (kind) {
    case 'triangle-down':
      return `<path d="M${n(x - r)},${n(y - r)}L${n(x + r)},${n(y - r)}L${n(x)},${n(y + r)}Z" fill="#000"/>`
    case 'triangle-up':
      return `<path d="M${n(x - r)},${n(y + r)}L${n(x + r)},${n(y + r)}L${n(x)},${n(y - r)}Z" fill="#fff" stroke="#000"/>`
    case 'circle':
      return `<circle cx="${n(x)}" cy="${n(y)}" r="${r}" fill="#000"/>`
    case 'circle-open':
      return `<circle cx="${n(x)}" cy="${n(y)}" r="${r}" fill="#fff" stroke="#000"/>`
  }
}

/** The vitals and the infusion rate against minutes from infusion start, as an SVG element. */
export function reportChartSvg(entries: readonly EffectiveEntry[], plan: SessionPlan, infusionStartedAt: number | null, asOf: number): string {
  const series = chartSeries(entries, plan, infusionStartedAt, asOf)
  const [x0, x1] = series.xDomain
  const vitals = downsampleVitals(series.vitals, MAX_POINTS)
  let vMax = 200
  for (const p of series.vitals) vMax = Math.max(vMax, p.systolic, p.heartRate)
  vMax = Math.ceil(vMax / 50) * 50
  let rMax = 0.5
  for (const p of series.rate) rMax = Math.max(rMax, p.mgPerKgPerHour)
  rMax = Math.ceil(rMax * 1.25 * 4) / 4

  const sx = (t: number) => M.left + ((t - x0) / Math.max(x1 - x0, 1e-9)) * PW
  const sy = (v: number) => M.top + PH - (v / vMax) * PH
  const sr = (v: number) => M.top + PH - (v / rMax) * PH

  const parts: string[] = []
  parts.push(`<rect x="${M.left}" y="${M.top}" width="${PW}" height="${PH}" fill="none" stroke="#000" stroke-width="0.8"/>`)
  for (let v = 0; v <= vMax; v += 50) {
    parts.push(`<line x1="${M.left}" x2="${M.left + PW}" y1="${n(sy(v))}" y2="${n(sy(v))}" stroke="#bbb" stroke-width="0.5"/>`)
    parts.push(`<text x="${M.left - 4}" y="${n(sy(v) + 3)}" text-anchor="end" font-size="9">${v}</text>`)
  }
  for (let i = 0; i <= 4; i++) {
    const v = (rMax * i) / 4
    parts.push(`<text x="${M.left + PW + 4}" y="${n(sr(v) + 3)}" font-size="9">${n(v * 100) === '0' ? '0' : String(Math.round(v * 100) / 100)}</text>`)
  }
  for (const t of minuteTicks([x0, x1], 12)) {
    parts.push(`<line x1="${n(sx(t))}" x2="${n(sx(t))}" y1="${M.top + PH}" y2="${M.top + PH + 4}" stroke="#000"/>`)
    parts.push(`<text x="${n(sx(t))}" y="${M.top + PH + 14}" text-anchor="middle" font-size="9">${Math.round(t)}</text>`)
  }
  parts.push(`<text x="${M.left + PW / 2}" y="${H - 4}" text-anchor="middle" font-size="9">${series.fromInfusionStart ? 'Minutes from infusion start' : 'Minutes from first entry'}</text>`)
  parts.push(`<text x="10" y="${M.top + PH / 2}" font-size="9" transform="rotate(-90 10 ${M.top + PH / 2})" text-anchor="middle">mmHg · bpm · SpO2 %</text>`)
  parts.push(`<text x="${W - 8}" y="${M.top + PH / 2}" font-size="9" transform="rotate(90 ${W - 8} ${M.top + PH / 2})" text-anchor="middle">Rate (mg/kg/h)</text>`)

  // Markers: infusion start, pauses, stop, adverse events.
  for (const m of series.markers) {
    if (m.kind === 'note') continue
    const x = n(sx(m.t))
    parts.push(`<line x1="${x}" x2="${x}" y1="${M.top}" y2="${M.top + PH}" stroke="#000" stroke-width="0.7" stroke-dasharray="${m.kind === 'adverse_event' ? '1 2' : '4 2'}"/>`)
    parts.push(`<text x="${x}" y="${M.top - 4}" font-size="8" text-anchor="middle">${esc(m.label)}</text>`)
  }

  // Rate: a thick grey step line on the right axis.
  if (series.rate.length > 0) {
    let d = ''
    series.rate.forEach((p, i) => {
      const x = n(sx(p.t))
      const y = n(sr(p.mgPerKgPerHour))
      if (i === 0) d += `M${x},${y}`
      else d += `H${x}V${y}`
    })
    parts.push(`<path d="${d}" fill="none" stroke="#888" stroke-width="3"/>`)
  }

  for (const s of SERIES) {
    if (vitals.length === 0) break
    const d = vitals.map((p, i) => `${i === 0 ? 'M' : 'L'}${n(sx(p.t))},${n(sy(p[s.key]))}`).join('')
    parts.push(`<path d="${d}" fill="none" stroke="#000" stroke-width="1.2"${s.dash ? ` stroke-dasharray="${s.dash}"` : ''}/>`)
    if (vitals.length <= 60) for (const p of vitals) parts.push(symbol(s.symbol, sx(p.t), sy(p[s.key])))
  }

  // Legend, above the plot.
  let lx = M.left
  const legend: string[] = []
  for (const s of SERIES) {
    legend.push(`<line x1="${lx}" x2="${lx + 18}" y1="8" y2="8" stroke="#000" stroke-width="1.2"${s.dash ? ` stroke-dasharray="${s.dash}"` : ''}/>`)
    legend.push(symbol(s.symbol, lx + 9, 8))
    legend.push(`<text x="${lx + 22}" y="11" font-size="9">${esc(s.label)}</text>`)
    lx += 22 + s.label.length * 5 + 12
  }
  legend.push(`<line x1="${lx}" x2="${lx + 18}" y1="8" y2="8" stroke="#888" stroke-width="3"/>`)
  legend.push(`<text x="${lx + 22}" y="11" font-size="9">Infusion rate (mg/kg/h)</text>`)

  const title = 'Vitals and infusion rate over time'
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="100%" role="img" aria-label="${title}" font-family="Helvetica, Arial, sans-serif"><title>${title}</title>${legend.join('')}${parts.join('')}</svg>`
}
