/**
 * What the console chart draws inside recharts' frame (axes, grid), with the frame's own scales:
 * the vitals as one SVG path per series, the rate step, the reported intensities, the markers,
 * "now", and the readout under the pointer. Recharts gets no data: its per-point objects, label
 * passes and store updates for every row and marker cost tens of ms per new entry in an
 * eight-hour record, and these layers cost about one.
 */
import { createContext, memo, useContext, useEffect, useId, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react'
import { usePlotArea, useXAxisScale, useYAxisScale } from 'recharts'
import { chartRows, nearestRowIndex, type ChartMarker, type ChartRow, type IntensityPoint, type MarkerKind, type RatePoint, type VitalsPoint } from '../../../../shared/view/chart'
import { linearScale, linePath, stepAfterPath, type Scale } from '../../../../shared/view/chartPaths'
import { formatElapsed } from '../../../../shared/kernel/clinicalTime'
import { INTENSITY_SYMBOLS, symbolPath, VITALS_SYMBOLS } from '../../../../shared/view/chartSymbols'
import { INTENSITY_OF } from '../../../../shared/record/events'

/**
 * Colour plus a distinct dash pattern and width per series, so the chart still reads printed in
 * black and white (and for colour-blind users). Blood pressure shares a hue, told apart by dashes.
 */
export const SERIES = {
  systolic: { name: 'Systolic (mmHg)', color: '#b91c1c', dash: undefined, width: 2 },
  diastolic: { name: 'Diastolic (mmHg)', color: '#dc6b6b', dash: '7 4', width: 2 },
  heartRate: { name: 'Heart rate (bpm)', color: '#1d4ed8', dash: '2 3', width: 2 },
  spo2: { name: 'SpO2 (%)', color: '#0f766e', dash: '12 3 3 3', width: 2 },
  respiratoryRate: { name: 'Respiratory rate (/min)', color: '#4d7c0f', dash: '4 2', width: 2 },
  rate: { name: 'Infusion rate (mg/kg/h)', color: '#6b21a8', dash: '16 4', width: 3 },
  intensity: { name: 'Reported intensity (0–10)', color: '#c2410c', dash: undefined, width: 0 }
} as const

export const VITALS_LINES = [
  { key: 'systolic', axis: 'vitals' },
  { key: 'diastolic', axis: 'vitals' },
  { key: 'heartRate', axis: 'vitals' },
  { key: 'spo2', axis: 'spo2' },
  { key: 'respiratoryRate', axis: 'rr' }
] as const

export const MARKER_STYLE: Record<MarkerKind, { color: string; dash?: string; width: number }> = {
  start: { color: '#15803d', width: 2 },
  stop: { color: '#1f2937', width: 2 },
  pause: { color: '#b45309', dash: '5 3', width: 1.5 },
  adverse_event: { color: '#dc2626', dash: '8 2 2 2', width: 2 },
  note: { color: '#6b7280', dash: '2 4', width: 1 },
  scale: { color: '#c2410c', dash: '1 3', width: 1.5 }
}

export const LABEL_ROW_HEIGHT = 12

export const formatMinutes = (t: number): string => formatElapsed(Math.round(t * 60_000))

/** What the layers draw; in a context so a new entry redraws them without re-rendering recharts' frame. */
export interface Drawn {
  /** Downsampled vitals sets, in t order. */
  vitals: VitalsPoint[]
  /** The rate's corners as recorded (stepAfter); the open tail to now is the clock's. */
  rate: RatePoint[]
  intensities: IntensityPoint[]
}

export const DrawnContext = createContext<Drawn>({ vitals: [], rate: [], intensities: [] })

/** The markers apart: they change with a note or an infusion action, not with each vitals set. */
export interface Markers {
  markers: ChartMarker[]
  /** Each marker's label row, or null when its label is left out for room. */
  rows: (number | null)[]
}

export const MarkersContext = createContext<Markers>({ markers: [], rows: [] })

/** What follows the clock, apart from the rest so a tick redraws only the "now" layer. */
export interface Clock {
  nowT: number
  /** The open rate step's tail, from the last rate corner (or row) to now; null when there is none. */
  tailFrom: number | null
  tailValue: number | null
}

export const ClockContext = createContext<Clock>({ nowT: 0, tailFrom: null, tailValue: null })

const asScale = (f: ((v: unknown) => number | undefined) | undefined): Scale | undefined => (f ? linearScale((v: number) => f(v)) : undefined)

export interface Frame {
  x: Scale | undefined
  vitals: Scale | undefined
  spo2: Scale | undefined
  rr: Scale | undefined
  rate: Scale | undefined
  intensity: Scale | undefined
  plot: { x: number; y: number; width: number; height: number } | undefined
}

/** The scales of the panel a layer is drawn in: an axis the panel does not have is undefined, and what is read on it is not drawn there. */
export const FrameContext = createContext<Frame>({ x: undefined, vitals: undefined, spo2: undefined, rr: undefined, rate: undefined, intensity: undefined, plot: undefined })

/**
 * Reads recharts' scales and plot area once, for the layers inside it. Recharts' selectors run
 * when this renders, which is only when the frame does (an axis, the width): the layers re-render
 * for a new entry or a clock tick without asking recharts' store again.
 */
export function ChartFrame({ children }: { children: ReactNode }) {
  const x = useXAxisScale()
  const vitals = useYAxisScale('vitals')
  const spo2 = useYAxisScale('spo2')
  const rr = useYAxisScale('rr')
  const rate = useYAxisScale('rate')
  const intensity = useYAxisScale('intensity')
  const plotArea = usePlotArea()
  const px = plotArea?.x
  const py = plotArea?.y
  const pw = plotArea?.width
  const ph = plotArea?.height
  const frame = useMemo(
    (): Frame => ({
      x: asScale(x),
      vitals: asScale(vitals),
      spo2: asScale(spo2),
      rr: asScale(rr),
      rate: asScale(rate),
      intensity: asScale(intensity),
      plot: px === undefined || py === undefined || pw === undefined || ph === undefined ? undefined : { x: px, y: py, width: pw, height: ph }
    }),
    [x, vitals, spo2, rr, rate, intensity, px, py, pw, ph]
  )
  return <FrameContext.Provider value={frame}>{children}</FrameContext.Provider>
}

/** The series and the reported intensities, clipped to the plot like recharts' own lines. */
export function SeriesLayer() {
  const { vitals, rate, intensities } = useContext(DrawnContext)
  const scales = useContext(FrameContext)
  const { plot } = scales
  const clipId = useId()
  const paths = useMemo(() => {
    const { x } = scales
    if (!x) return null
    return {
      vitals: VITALS_LINES.map(({ key, axis }) => {
        const y = scales[axis]
        return { key, d: y ? linePath(vitals, (p) => p[key], x, y) : '' }
      }),
      rate: scales.rate ? stepAfterPath(rate.map((p) => ({ t: p.t, value: p.mgPerKgPerHour })), x, scales.rate) : ''
    }
  }, [vitals, rate, scales])
  if (!paths || !plot) return null
  return (
    <g className="vitals-chart__series">
      <defs>
        <clipPath id={clipId}>
          <rect x={plot.x} y={plot.y} width={plot.width} height={plot.height} />
        </clipPath>
      </defs>
      <g clipPath={`url(#${clipId})`}>
        {paths.vitals.map(({ key, d }) => (
          <SeriesPath key={key} d={d} series={key} />
        ))}
        <SeriesPath d={paths.rate} series="rate" />
      </g>
      <Intensities points={intensities} x={scales.x} y={scales.intensity} />
    </g>
  )
}

function SeriesPath({ d, series }: { d: string; series: keyof typeof SERIES }) {
  if (d === '') return null
  const s = SERIES[series]
  return (
    <path
      className="vitals-chart__line"
      data-series={series}
      d={d}
      fill="none"
      stroke={s.color}
      strokeWidth={s.width}
      strokeDasharray={s.dash}
      strokeLinejoin="round"
    />
  )
}

/** Each reported intensity as its kind's symbol, with the value above it. */
function Intensities({ points, x, y }: { points: IntensityPoint[]; x: Scale | undefined; y: Scale | undefined }) {
  if (!x || !y) return null
  const r = 6
  return (
    <g className="vitals-chart__intensities">
      {points.map((p, i) => {
        const cx = x(p.t)
        const cy = y(p.value)
        if (cx === undefined || cy === undefined || !Number.isFinite(cx) || !Number.isFinite(cy)) return null
        const symbol = INTENSITY_SYMBOLS[p.of]
        return (
          <g key={i} data-intensity={p.of}>
            <path
              d={symbolPath(symbol.shape, cx, cy, r)}
              fill={symbol.filled ? SERIES.intensity.color : '#fff'}
              stroke={symbol.filled ? '#fff' : SERIES.intensity.color}
              strokeWidth={symbol.filled ? 1 : 1.5}
            />
            <text x={cx} y={cy - r - 3} textAnchor="middle" fontSize={10} fill={SERIES.intensity.color}>
              {p.value}
            </text>
            <title>{`${formatMinutes(p.t)} ${p.of} ${p.value}/10`}</title>
          </g>
        )
      })}
    </g>
  )
}

/**
 * Infusion start, stop, pauses, notes and scales: a line across the plot each (under the series),
 * with its short label in its row under the top (over the series, as recharts draws labels; the
 * full text as an SVG title on hover). Memoised on the markers, which keep their identity while
 * only vitals are added.
 */
export const MarkerLayer = memo(function MarkerLayer({ part }: { part: 'lines' | 'labels' }) {
  const { markers, rows: markerRows } = useContext(MarkersContext)
  const { x, plot } = useContext(FrameContext)
  if (!x || !plot) return null
  const left = plot.x
  const right = plot.x + plot.width
  const bottom = plot.y + plot.height
  return (
    <g className={part === 'lines' ? 'vitals-chart__markers' : 'vitals-chart__marker-labels'}>
      {markers.map((m, i) => {
        const mx = x(m.t)
        // Outside the x range: not drawn (as recharts' ifOverflow="hidden").
        if (mx === undefined || !Number.isFinite(mx) || mx < left - 0.5 || mx > right + 0.5) return null
        const style = MARKER_STYLE[m.kind]
        if (part === 'lines')
          return <line key={`${m.kind}-${i}`} data-marker={m.kind} x1={mx} x2={mx} y1={plot.y} y2={bottom} stroke={style.color} strokeWidth={style.width} strokeDasharray={style.dash} />
        const row = markerRows[i] ?? null
        if (row === null) return null
        return (
          <text
            key={`${m.kind}-${i}`}
            x={mx + 3}
            y={plot.y + 11 + row * LABEL_ROW_HEIGHT}
            fontSize={10}
            fontWeight={m.kind === 'adverse_event' ? 700 : 400}
            fill={style.color}
          >
            {m.label}
            <title>{`${formatMinutes(m.t)} ${m.detail}`}</title>
          </text>
        )
      })}
    </g>
  )
})

/**
 * The "now" line and the rate step's tail from its last corner to now. It reads the clock from
 * its own context, so a clock tick re-renders this and nothing else of the chart.
 */
export function NowAndRateTail() {
  const { nowT, tailFrom, tailValue } = useContext(ClockContext)
  const { x: xScale, rate: rateScale, plot } = useContext(FrameContext)
  if (!xScale || !plot) return null
  const x = xScale(nowT)
  if (x === undefined || !Number.isFinite(x)) return null
  const bottom = plot.y + plot.height
  // Keep the label off the y axis when now is near the left edge (an empty chart).
  const nearLeft = x - plot.x < 30
  const tail = (() => {
    // Only the panel with the rate's axis draws its tail.
    if (tailFrom === null || tailValue === null || !rateScale) return null
    const x0 = xScale(tailFrom)
    const y = rateScale(tailValue)
    if (x0 === undefined || y === undefined || !Number.isFinite(x0) || !Number.isFinite(y)) return null
    return { x0, y }
  })()
  return (
    <g className="vitals-chart-now">
      <line x1={x} x2={x} y1={plot.y} y2={bottom} stroke="#9ca3af" strokeDasharray="1 3" />
      <text x={nearLeft ? x + 3 : x - 3} y={bottom - 4} textAnchor={nearLeft ? 'start' : 'end'} fontSize={10} fill="#6b7280">
        now
      </text>
      {tail && (
        <line x1={tail.x0} x2={x} y1={tail.y} y2={tail.y} stroke={SERIES.rate.color} strokeWidth={SERIES.rate.width} strokeDasharray={SERIES.rate.dash} />
      )}
    </g>
  )
}

/** Readout values: two decimals at most (rates), and what a reported intensity rates. */
export function readoutLines(row: ChartRow): { label: string; value: string; color: string }[] {
  const shown = (v: number) => String(Number(v.toFixed(2)))
  const lines: { label: string; value: string; color: string }[] = []
  for (const { key } of VITALS_LINES) {
    const v = row[key]
    if (v !== undefined) lines.push({ label: SERIES[key].name, value: shown(v), color: SERIES[key].color })
  }
  if (row.mgPerKgPerHour !== undefined) lines.push({ label: SERIES.rate.name, value: shown(row.mgPerKgPerHour), color: SERIES.rate.color })
  if (row.intensity !== undefined)
    lines.push({
      label: SERIES.intensity.name,
      value: row.intensityOf ? `${shown(row.intensity)}/10 ${row.intensityOf}` : shown(row.intensity),
      color: SERIES.intensity.color
    })
  return lines
}

const READOUT_LINE = 15
const READOUT_WIDTH = 230

/**
 * The readings under the pointer (or chosen with the arrow keys once the chart has focus): the
 * nearest row of the chart's data, with every value it holds, as recharts' tooltip showed them.
 * The rows are built only while a readout is shown.
 */
export function ReadoutLayer() {
  const drawn = useContext(DrawnContext)
  const { x, plot } = useContext(FrameContext)
  const [active, setActive] = useState<{ t: number } | { index: number } | null>(null)
  const group = useRef<SVGGElement>(null)
  const latest = useRef<{ x: Scale | undefined; plot: Frame['plot'] }>({ x, plot })
  // The group is drawn once the frame has its scales: listen from then on.
  const hasFrame = Boolean(x && plot)
  useEffect(() => {
    const svg = group.current?.ownerSVGElement
    if (!svg) return
    const onMove = (e: globalThis.MouseEvent) => {
      const { x: scale, plot: area } = latest.current
      if (!scale || !area) return
      const box = svg.getBoundingClientRect()
      const px = e.clientX - box.left
      const py = e.clientY - box.top
      if (px < area.x || px > area.x + area.width || py < area.y || py > area.y + area.height) return setActive(null)
      // Invert the x scale from two of its points: it is linear.
      const x0 = scale(0)
      const x1 = scale(1)
      if (x0 === undefined || x1 === undefined || x1 === x0) return
      setActive({ t: (px - x0) / (x1 - x0) })
    }
    const onLeave = () => setActive(null)
    svg.addEventListener('mousemove', onMove)
    svg.addEventListener('mouseleave', onLeave)
    return () => {
      svg.removeEventListener('mousemove', onMove)
      svg.removeEventListener('mouseleave', onLeave)
    }
  }, [hasFrame])
  const showing = active !== null
  const rows = useMemo(() => (showing ? chartRows(drawn.vitals, drawn.rate, drawn.intensities) : []), [showing, drawn])
  if (!x || !plot) return null
  const index =
    active === null || rows.length === 0 ? null : 'index' in active ? Math.max(0, Math.min(rows.length - 1, active.index)) : nearestRowIndex(rows, active.t)
  const row = index === null ? undefined : rows[index]
  const rowX = row ? x(row.t) : undefined

  // The pointer is followed on the whole chart, not on a layer over the plot: a layer on top would
  // keep the pointer from the markers' labels (their full text shows on hover).
  latest.current = { x, plot }
  const onKey = (e: KeyboardEvent<SVGGElement>) => {
    const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0
    if (e.key === 'Escape') return setActive(null)
    if (step === 0) return
    e.preventDefault()
    const from = index ?? (step > 0 ? -1 : rows.length)
    setActive({ index: from + step })
  }

  const lines = row ? readoutLines(row) : []
  const boxHeight = (lines.length + 1) * READOUT_LINE + 8
  const boxLeft =
    rowX === undefined ? 0 : rowX + 10 + READOUT_WIDTH > plot.x + plot.width ? Math.max(plot.x, rowX - 10 - READOUT_WIDTH) : rowX + 10
  return (
    <g
      ref={group}
      className="vitals-chart__readout"
      tabIndex={0}
      role="group"
      aria-label="Chart readings: move the pointer over the chart, or use the left and right arrow keys"
      onKeyDown={onKey}
      onFocus={() => setActive((a) => a ?? { index: Number.MAX_SAFE_INTEGER })}
      onBlur={() => setActive(null)}
    >
      {/* Where the focus ring shows (styles.css); the pointer is followed on the whole chart. */}
      <rect x={plot.x} y={plot.y} width={plot.width} height={plot.height} fill="none" pointerEvents="none" />
      {row && rowX !== undefined && Number.isFinite(rowX) && (
        <g pointerEvents="none" aria-live="polite">
          <line x1={rowX} x2={rowX} y1={plot.y} y2={plot.y + plot.height} stroke="#9ca3af" />
          <rect x={boxLeft} y={plot.y + 4} width={READOUT_WIDTH} height={boxHeight} fill="#fff" stroke="#d1d5db" rx={4} />
          <text x={boxLeft + 8} y={plot.y + 4 + READOUT_LINE} fontSize={12} fill="#111827">
            {formatMinutes(row.t)}
          </text>
          {lines.map((l, i) => (
            <text key={l.label} x={boxLeft + 8} y={plot.y + 4 + (i + 2) * READOUT_LINE} fontSize={12} fill={l.color}>
              {`${l.label} : ${l.value}`}
            </text>
          ))}
        </g>
      )}
    </g>
  )
}

/** A series' symbol and line, as the key shows it. */
function KeySwatch({ series }: { series: keyof typeof SERIES }) {
  const s = SERIES[series]
  const symbol = series === 'rate' || series === 'intensity' ? null : VITALS_SYMBOLS[series]
  return (
    <svg width={28} height={12} aria-hidden="true" focusable="false">
      {series !== 'intensity' && <line x1={0} x2={28} y1={6} y2={6} stroke={s.color} strokeWidth={s.width} strokeDasharray={s.dash} />}
      {symbol && <path d={symbolPath(symbol.shape, 14, 6, 4)} fill={symbol.filled ? s.color : '#fff'} stroke={s.color} strokeWidth={1.2} />}
    </svg>
  )
}

/** The key to the series and to the reported intensities' symbols, below the chart. */
export function ChartLegend() {
  const keys = ['systolic', 'diastolic', 'heartRate', 'rate', 'spo2', 'respiratoryRate'] as const
  return (
    <ul className="vitals-chart__legend" aria-label="Chart legend">
      {keys.map((k) => (
        <li key={k}>
          <KeySwatch series={k} />
          {/* The swatch carries the colour; the name stays in body text, legible whatever the hue. */}
          <span>{SERIES[k].name}</span>
        </li>
      ))}
      {INTENSITY_OF.map((of) => {
        const symbol = INTENSITY_SYMBOLS[of]
        return (
          <li key={of}>
            <svg width={14} height={14} aria-hidden="true" focusable="false">
              <path d={symbolPath(symbol.shape, 7, 7, 5.5)} fill={symbol.filled ? SERIES.intensity.color : '#fff'} stroke={SERIES.intensity.color} strokeWidth={1.2} />
            </svg>
            <span>Intensity: {of}</span>
          </li>
        )
      })}
    </ul>
  )
}
