/**
 * The layers that make the live chart hard to misread: a symbol on every reading (the printed
 * report's), the alert limits shaded, and each alert and acknowledgement ticked on the time axis.
 * Each draws in the panel it is given, on the axes that panel has.
 */
import { memo, useContext, useMemo } from 'react'
import type { LimitedVital, SafetySettings } from '../../../../shared/protocols/protocols'
import type { AlertTick } from '../../../../shared/view/alertTicks'
import { showsEverySymbol, symbolPath, VITALS_SYMBOLS } from '../../../../shared/view/chartSymbols'
import { DrawnContext, formatMinutes, FrameContext, SERIES, VITALS_LINES } from './chartLayers'

/** One path per series holding every reading's symbol, while there is room to tell them apart. */
export function SymbolLayer() {
  const { vitals } = useContext(DrawnContext)
  const frame = useContext(FrameContext)
  const paths = useMemo(() => {
    const { x, plot } = frame
    if (!x || !plot || !showsEverySymbol(vitals.length, plot.width)) return []
    return VITALS_LINES.flatMap(({ key, axis }) => {
      const y = frame[axis]
      if (!y) return []
      let d = ''
      for (const p of vitals) {
        const cx = x(p.t)
        const cy = y(p[key])
        if (cx !== undefined && cy !== undefined && Number.isFinite(cx) && Number.isFinite(cy)) d += symbolPath(VITALS_SYMBOLS[key].shape, cx, cy, 3.5)
      }
      return [{ key, d }]
    })
  }, [vitals, frame])
  return (
    <g className="vitals-chart__symbols">
      {paths.map(({ key, d }) => {
        const filled = VITALS_SYMBOLS[key].filled
        return <path key={key} data-symbols={key} d={d} fill={filled ? SERIES[key].color : '#fff'} stroke={SERIES[key].color} strokeWidth={1.2} />
      })}
    </g>
  )
}

type Limits = SafetySettings['limits']

/**
 * The vitals whose limits a panel shows: those read on its axes. The panel's main series (left
 * axis) has its bands shaded; the other's limits are lines only, so two sets of bands never
 * cover the whole panel between them.
 */
const SHOWN: { vital: LimitedVital; axis: 'vitals' | 'spo2' | 'rr'; shaded: boolean }[] = [
  { vital: 'systolic', axis: 'vitals', shaded: true },
  { vital: 'spo2', axis: 'spo2', shaded: true },
  { vital: 'respiratoryRate', axis: 'rr', shaded: false }
]

/**
 * Past each limit, the band a reading would raise an alert in, lightly shaded in that vital's
 * colour, with the limit as a dashed line (what is named in the title on hover).
 */
export const LimitBands = memo(function LimitBands({ limits }: { limits: Limits | undefined }) {
  const frame = useContext(FrameContext)
  const { plot } = frame
  if (!limits || !plot) return null
  const top = plot.y
  const bottom = plot.y + plot.height
  const bands: { key: string; y0: number; y1: number; line: number; color: string; title: string; shaded: boolean }[] = []
  for (const { vital, axis, shaded } of SHOWN) {
    const y = frame[axis]
    if (!y) continue
    const { low, high } = limits[vital]
    const color = SERIES[vital].color
    const name = SERIES[vital].name
    if (high !== null) {
      const at = y(high)
      if (at !== undefined && Number.isFinite(at)) bands.push({ key: `${vital}-high`, y0: top, y1: Math.max(top, at), line: at, color, title: `${name} above ${high}: alert`, shaded })
    }
    if (low !== null) {
      const at = y(low)
      if (at !== undefined && Number.isFinite(at)) bands.push({ key: `${vital}-low`, y0: Math.min(bottom, at), y1: bottom, line: at, color, title: `${name} below ${low}: alert`, shaded })
    }
  }
  return (
    <g className="vitals-chart__limits">
      {bands.map((b) => (
        <g key={b.key} data-limit={b.key}>
          {b.shaded && <rect x={plot.x} y={b.y0} width={plot.width} height={Math.max(0, b.y1 - b.y0)} fill={b.color} fillOpacity={0.06} />}
          <line x1={plot.x} x2={plot.x + plot.width} y1={b.line} y2={b.line} stroke={b.color} strokeOpacity={0.6} strokeDasharray="2 4" />
          <title>{b.title}</title>
        </g>
      ))}
    </g>
  )
})

/** Along the bottom of the plot: ▲ where an alert was raised (red or amber), ✓ where one was acknowledged. */
export const AlertTickLayer = memo(function AlertTickLayer({ ticks }: { ticks: readonly AlertTick[] }) {
  const { x, plot } = useContext(FrameContext)
  if (!x || !plot) return null
  const base = plot.y + plot.height
  return (
    <g className="vitals-chart__alert-ticks">
      {ticks.map((tick, i) => {
        const cx = x(tick.t)
        if (cx === undefined || !Number.isFinite(cx) || cx < plot.x - 0.5 || cx > plot.x + plot.width + 0.5) return null
        const title = <title>{`${formatMinutes(tick.t)} ${tick.text}`}</title>
        if (tick.kind === 'acknowledged')
          return (
            <path key={i} data-alert-tick="acknowledged" d={`M${cx - 4},${base - 6}L${cx - 1},${base - 2}L${cx + 5},${base - 10}`} fill="none" stroke="#15803d" strokeWidth={2}>
              {title}
            </path>
          )
        const color = tick.severity === 'critical' ? '#b91c1c' : '#b45309'
        return (
          <path key={i} data-alert-tick="raised" d={symbolPath('triangle-up', cx, base - 6, 5)} fill={color} stroke="#fff" strokeWidth={1}>
            {title}
          </path>
        )
      })}
    </g>
  )
})
