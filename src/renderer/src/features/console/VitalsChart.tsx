import {
  createContext,
  memo,
  useContext,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type CSSProperties,
  type ReactElement,
  type RefObject
} from 'react'
import {
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ReferenceLine,
  Tooltip,
  XAxis,
  YAxis,
  usePlotArea,
  useXAxisScale,
  useYAxisScale
} from 'recharts'
import {
  chartMarkers,
  chartOrigin,
  chartRows,
  downsampleVitals,
  intensitySeries,
  minuteStep,
  minuteTicks,
  minutesFrom,
  rateSteps,
  vitalsSeries,
  xDomainOf,
  type ChartMarker,
  type ChartRow,
  type MarkerKind,
  type VitalsPoint
} from '../../../../shared/domain/chart'
import { formatElapsed } from '../../../../shared/domain/clinicalTime'
import { plannedRate, type SessionPlan } from '../../../../shared/domain/plan'
import type { EffectiveEntry } from '../../../../shared/domain/record'

export interface VitalsChartProps {
  /** The effective entries; keep the array identity stable between renders (memoise it upstream). */
  entries: readonly EffectiveEntry[]
  plan: SessionPlan
  infusionStartedAt: number | null
  now: number
  /** Fixed width in px; by default the chart fills its container (900 px until measured). */
  width?: number
}

const FALLBACK_WIDTH = 900
const MIN_WIDTH = 320
const HEIGHT = 340
const MARGIN = { top: 8, right: 8, bottom: 8, left: 8 }
const Y_AXIS_WIDTH = 52
/** Horizontal space the three visible y axes and the margins take from the plot. */
const NON_PLOT_WIDTH = MARGIN.left + MARGIN.right + 3 * Y_AXIS_WIDTH

/** Below the plausibility maximum of 300 mmHg: the axis only grows past 250 when a reading does. */
const VITALS_AXIS_MAX = 250
const SPO2_DOMAIN: [number, number] = [50, 100]

/**
 * Colour plus a distinct dash pattern and width per series, so the chart still reads printed in
 * black and white (and for colour-blind users). Blood pressure shares a hue, told apart by dashes.
 */
const SERIES = {
  systolic: { name: 'Systolic (mmHg)', color: '#b91c1c', dash: undefined, width: 2 },
  diastolic: { name: 'Diastolic (mmHg)', color: '#dc6b6b', dash: '7 4', width: 2 },
  heartRate: { name: 'Heart rate (bpm)', color: '#1d4ed8', dash: '2 3', width: 2 },
  spo2: { name: 'SpO2 (%)', color: '#0f766e', dash: '12 3 3 3', width: 2 },
  rate: { name: 'Infusion rate (mg/kg/h)', color: '#6b21a8', dash: '16 4', width: 3 },
  intensity: { name: 'Reported intensity (0–10)', color: '#c2410c' }
} as const

const MARKER_STYLE: Record<MarkerKind, { color: string; dash?: string; width: number }> = {
  start: { color: '#15803d', width: 2 },
  stop: { color: '#1f2937', width: 2 },
  pause: { color: '#b45309', dash: '5 3', width: 1.5 },
  adverse_event: { color: '#dc2626', dash: '8 2 2 2', width: 2 },
  note: { color: '#6b7280', dash: '2 4', width: 1 },
  scale: { color: '#c2410c', dash: '1 3', width: 1.5 }
}

const LABEL_ROWS = 3
const LABEL_ROW_HEIGHT = 12
const LABEL_CHAR_PX = 6.5

/** Screen-reader-only text (the usual clip pattern). */
const visuallyHidden: CSSProperties = {
  position: 'absolute',
  width: 1,
  height: 1,
  padding: 0,
  margin: -1,
  overflow: 'hidden',
  clip: 'rect(0, 0, 0, 0)',
  whiteSpace: 'nowrap',
  border: 0
}

/** Width of the element, following resizes; null until measured or where it cannot be. */
function useElementWidth(ref: RefObject<HTMLElement | null>, enabled: boolean): number | null {
  const [width, setWidth] = useState<number | null>(null)
  useLayoutEffect(() => {
    if (!enabled || !ref.current) return
    const w = Math.floor(ref.current.getBoundingClientRect().width)
    if (w > 0) setWidth(w)
  }, [ref, enabled])
  useEffect(() => {
    const el = ref.current
    if (!enabled || !el || typeof ResizeObserver === 'undefined') return
    const observer = new ResizeObserver((records) => {
      const w = Math.floor(records[0]?.contentRect.width ?? 0)
      if (w > 0) setWidth((old) => (old === w ? old : w))
    })
    observer.observe(el)
    return () => observer.disconnect()
  }, [ref, enabled])
  return width
}

/** Start, stop, pauses and adverse events always get a label; other notes only where there is room. */
const KEY_MARKERS: ReadonlySet<MarkerKind> = new Set(['start', 'stop', 'pause', 'adverse_event'])

/**
 * The label row of each marker, staggered so close markers do not print over each other, or null
 * for a note with no room left (its line is still drawn; the timeline has its text). Key markers
 * are placed first, and are labelled even when they must overlap.
 */
function labelRows(
  markers: readonly ChartMarker[],
  domain: readonly [number, number],
  plotWidth: number
): (number | null)[] {
  const [lo, hi] = domain
  const pxPerMin = plotWidth / Math.max(hi - lo, 1e-9)
  const taken: [number, number][][] = Array.from({ length: LABEL_ROWS }, () => [])
  const rows: (number | null)[] = markers.map(() => null)
  const place = (i: number, force: boolean): void => {
    const m = markers[i]!
    const from = (m.t - lo) * pxPerMin
    const to = from + m.label.length * LABEL_CHAR_PX + 6
    let row = taken.findIndex((spans) => spans.every(([a, b]) => to <= a || from >= b))
    if (row < 0 && force) row = i % LABEL_ROWS
    if (row < 0) return
    taken[row]!.push([from, to])
    rows[i] = row
  }
  markers.forEach((m, i) => KEY_MARKERS.has(m.kind) && place(i, true))
  markers.forEach((m, i) => !KEY_MARKERS.has(m.kind) && place(i, false))
  return rows
}

function roundUp(value: number, step: number): number {
  return Math.ceil(value / step) * step
}

function latestVitalsSummary(latest: VitalsPoint | undefined, origin: number, fromInfusionStart: boolean): string {
  if (!latest) return 'No vitals recorded yet'
  const atMs = Math.round(latest.t * 60_000)
  const when = fromInfusionStart
    ? formatElapsed(atMs)
    : `${new Date(origin + atMs).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })} (before infusion start)`
  return `Latest vitals at ${when}: BP ${latest.systolic}/${latest.diastolic}, HR ${latest.heartRate}, SpO2 ${latest.spo2}%`
}

const formatMinutes = (t: number): string => formatElapsed(Math.round(t * 60_000))

/** Tooltip values: two decimals at most (rates), and what a reported intensity rates. */
function tooltipValue(value: unknown, _name: unknown, item: { payload?: ChartRow; dataKey?: unknown }): string {
  if (typeof value !== 'number') return String(value)
  const shown = String(Number(value.toFixed(2)))
  const of = item.payload?.intensityOf
  return item.dataKey === 'intensity' && of ? `${shown}/10 ${of}` : shown
}

/** A diamond with the reported value above it; nothing for rows without a report. */
function IntensityDot(props: { cx?: number; cy?: number; value?: unknown; index?: number }) {
  const { cx, cy, value } = props
  if (typeof cx !== 'number' || typeof cy !== 'number' || typeof value !== 'number') return <g key={props.index} />
  const r = 6
  return (
    <g key={props.index}>
      <path
        d={`M${cx},${cy - r}L${cx + r},${cy}L${cx},${cy + r}L${cx - r},${cy}Z`}
        fill={SERIES.intensity.color}
        stroke="#fff"
        strokeWidth={1}
      />
      <text x={cx} y={cy - r - 3} textAnchor="middle" fontSize={10} fill={SERIES.intensity.color}>
        {value}
      </text>
    </g>
  )
}

/**
 * How far `now` is rounded down: one pixel's worth of time, and at least a second; finer cannot be
 * seen. The "now" line and the open rate step's tail move this often with nothing new recorded:
 * every few seconds in a 40-minute session, every half minute or so late in an 8-hour one.
 */
function clockQuantumMs(spanMin: number, plotWidth: number): number {
  const msPerPixel = (spanMin * 60_000) / Math.max(plotWidth, 1)
  return Math.max(1000, Math.floor(msPerPixel / 1000) * 1000)
}

export function VitalsChart(props: VitalsChartProps) {
  const { entries, plan, infusionStartedAt } = props

  const containerRef = useRef<HTMLDivElement>(null)
  const measured = useElementWidth(containerRef, props.width === undefined)
  const width = Math.max(MIN_WIDTH, props.width ?? measured ?? FALLBACK_WIDTH)
  const plotWidth = width - NON_PLOT_WIDTH
  // About one point per pixel: more cannot be seen, and recharts slows down past a few thousand.
  const maxPoints = Math.max(60, Math.floor(plotWidth))

  const nowSec = Math.floor(props.now / 1000) * 1000
  // A number, so the memos below keep their values while it does not change.
  const origin = useMemo(() => chartOrigin(entries, infusionStartedAt, nowSec), [entries, infusionStartedAt, nowSec])
  const fromInfusionStart = infusionStartedAt !== null

  // Recomputed only when the record (or the origin) changes, never on a clock tick.
  const recorded = useMemo(
    () => ({
      vitals: vitalsSeries(entries, origin),
      markers: chartMarkers(entries, origin),
      intensities: intensitySeries(entries, origin)
    }),
    [entries, origin]
  )
  const shownVitals = useMemo(() => downsampleVitals(recorded.vitals, maxPoints), [recorded.vitals, maxPoints])
  const vitalsAxisMax = useMemo(() => {
    let max = 0
    for (const p of recorded.vitals) max = Math.max(max, p.systolic, p.heartRate)
    return Math.max(VITALS_AXIS_MAX, roundUp(max, 50))
  }, [recorded.vitals])

  // The rate as recorded: its corners do not move with the clock (the tail to now is drawn apart).
  const rateCorners = useMemo(() => rateSteps(entries, plan, origin), [entries, plan, origin])
  const rateAxisMax = useMemo(() => {
    let max = plannedRate(plan).mgPerKgPerHour
    for (const p of rateCorners) max = Math.max(max, p.mgPerKgPerHour)
    return Math.max(0.5, roundUp(max * 1.25, 0.25))
  }, [plan, rateCorners])

  // One array for recharts (see chartRows): ~maxPoints vitals rows plus a few rate and report rows.
  // It changes only when the record does, never with the clock.
  const rows = useMemo(
    () => chartRows(shownVitals, rateCorners, recorded.intensities),
    [shownVitals, rateCorners, recorded.intensities]
  )

  // The clock, rounded to a pixel of the x axis (at least a second): see clockQuantumMs.
  const earliestT = Math.min(0, recorded.vitals[0]?.t ?? 0, recorded.markers[0]?.t ?? 0)
  const quantum = clockQuantumMs(minutesFrom(origin, nowSec) - earliestT, plotWidth)
  const nowT = minutesFrom(origin, Math.floor(nowSec / quantum) * quantum)

  // The x axis spans the record and now, its right end rounded up: it only moves when now passes
  // the next round value, not every second, so recharts does not recompute the lines on each tick.
  // Only the "now" line and the open rate step's tail follow the clock (see NowAndRateTail).
  const maxTicks = Math.max(4, Math.floor(plotWidth / 80))
  const [rawLo, rawHi] = xDomainOf(
    { vitals: recorded.vitals, rate: rateCorners, markers: recorded.markers, intensities: recorded.intensities },
    nowT
  )
  // The right end moves in steps of about 5% of the span (half a tick step): 1 min early on,
  // 5 min at an hour, 30 min at eight hours; it always leaves a little room after now.
  const endStep = minuteStep(rawHi - rawLo, maxTicks * 2)
  const lo = Math.floor(rawLo)
  const hi = (Math.floor(rawHi / endStep) + 1) * endStep
  const xDomain = useMemo((): [number, number] => [lo, hi], [lo, hi])
  const xTicks = useMemo(() => minuteTicks(xDomain, maxTicks), [xDomain, maxTicks])
  const markerRows = useMemo(() => labelRows(recorded.markers, xDomain, plotWidth), [recorded.markers, xDomain, plotWidth])

  // The rate in effect at the last row runs on to now.
  const lastRow = rows[rows.length - 1]
  const tailValue = lastRow?.mgPerKgPerHour ?? null
  const tailFrom = tailValue !== null && lastRow && nowT > lastRow.t ? lastRow.t : null
  const clock = useMemo((): Clock => ({ nowT, tailFrom, tailValue }), [nowT, tailFrom, tailValue])

  const summary = latestVitalsSummary(recorded.vitals[recorded.vitals.length - 1], origin, fromInfusionStart)

  return (
    <section aria-label="Vitals chart" className="vitals-chart">
      <h2>Vitals and infusion rate</h2>
      <p style={visuallyHidden}>{summary}</p>
      <div ref={containerRef} style={{ width: props.width ?? '100%', minWidth: MIN_WIDTH, overflow: 'hidden' }}>
        <ClockContext.Provider value={clock}>
          <ChartView
            width={width}
            rows={rows}
            xDomain={xDomain}
            xTicks={xTicks}
            fromInfusionStart={fromInfusionStart}
            vitalsAxisMax={vitalsAxisMax}
            rateAxisMax={rateAxisMax}
            markers={recorded.markers}
            markerRows={markerRows}
          />
        </ClockContext.Provider>
      </div>
    </section>
  )
}

interface ChartViewProps {
  width: number
  rows: ChartRow[]
  xDomain: [number, number]
  xTicks: number[]
  fromInfusionStart: boolean
  vitalsAxisMax: number
  rateAxisMax: number
  markers: ChartMarker[]
  markerRows: (number | null)[]
}

/** What follows the clock, apart from the (memoised) chart so a tick redraws only this. */
interface Clock {
  nowT: number
  /** The open rate step's tail, from the last row to now; null when there is none. */
  tailFrom: number | null
  tailValue: number | null
}

const ClockContext = createContext<Clock>({ nowT: 0, tailFrom: null, tailValue: null })

/**
 * The "now" line and the rate step's tail from its last row to now, drawn with the chart's own
 * scales. Not ReferenceLines: those register with recharts' store, and changing one each tick
 * makes it recompute every line. This reads the clock from context, so it is all that re-renders.
 */
function NowAndRateTail() {
  const { nowT, tailFrom, tailValue } = useContext(ClockContext)
  const xScale = useXAxisScale()
  const rateScale = useYAxisScale('rate')
  const plot = usePlotArea()
  if (!xScale || !rateScale || !plot) return null
  const x = xScale(nowT)
  if (x === undefined || !Number.isFinite(x)) return null
  const bottom = plot.y + plot.height
  // Keep the label off the y axis when now is near the left edge (an empty chart).
  const nearLeft = x - plot.x < 30
  const tail = (() => {
    if (tailFrom === null || tailValue === null) return null
    const x0 = xScale(tailFrom)
    const y = rateScale(tailValue)
    if (x0 === undefined || y === undefined || !Number.isFinite(x0) || !Number.isFinite(y)) return null
    return { x0, y }
  })()
  return (
    <g className="vitals-chart-now">
      <line x1={x} x2={x} y1={plot.y} y2={bottom} stroke="#9ca3af" strokeDasharray="1 3" />
      <text
        x={nearLeft ? x + 3 : x - 3}
        y={bottom - 4}
        textAnchor={nearLeft ? 'start' : 'end'}
        fontSize={10}
        fill="#6b7280"
      >
        now
      </text>
      {tail && (
        <line
          x1={tail.x0}
          x2={x}
          y1={tail.y}
          y2={tail.y}
          stroke={SERIES.rate.color}
          strokeWidth={SERIES.rate.width}
          strokeDasharray={SERIES.rate.dash}
        />
      )}
    </g>
  )
}

const formatTick = (t: number): string => `${Math.round(t)}`
const formatRateTick = (v: number): string => v.toFixed(2).replace(/0$/, '')
const formatTooltipLabel = (t: unknown): string => (typeof t === 'number' ? formatMinutes(t) : String(t))
const X_LABEL_START = { value: 'Minutes from infusion start', position: 'insideBottom', offset: 0, fontSize: 11 } as const
const X_LABEL_FIRST = { value: 'Minutes from first entry', position: 'insideBottom', offset: 0, fontSize: 11 } as const
const VITALS_LABEL = { value: 'mmHg · bpm', angle: -90, position: 'insideLeft', fontSize: 11 } as const
const SPO2_LABEL = { value: 'SpO2 %', angle: 90, position: 'insideRight', fontSize: 11 } as const
const RATE_LABEL = { value: 'mg/kg/h', angle: 90, position: 'insideRight', fontSize: 11 } as const
const SPO2_TICKS = [50, 60, 70, 80, 90, 100]
const INTENSITY_DOMAIN: [number, number] = [0, 10]
const LEGEND_STYLE: CSSProperties = { fontSize: 12, paddingTop: 4 }

/** A marker's short label, in its row under the top of the plot; the full text as an SVG title. */
function markerLabel(m: ChartMarker, row: number) {
  const color = MARKER_STYLE[m.kind].color
  return function MarkerLabel(p: { viewBox?: { x?: number; y?: number } }) {
    return (
      <text
        x={(p.viewBox?.x ?? 0) + 3}
        y={(p.viewBox?.y ?? 0) + 11 + row * LABEL_ROW_HEIGHT}
        fontSize={10}
        fontWeight={m.kind === 'adverse_event' ? 700 : 400}
        fill={color}
      >
        {m.label}
        <title>{`${formatMinutes(m.t)} ${m.detail}`}</title>
      </text>
    )
  }
}

function markerLine(m: ChartMarker, i: number, row: number | null): ReactElement {
  const style = MARKER_STYLE[m.kind]
  return (
    <ReferenceLine
      key={`${m.kind}-${i}`}
      x={m.t}
      yAxisId="vitals"
      stroke={style.color}
      strokeWidth={style.width}
      strokeDasharray={style.dash}
      ifOverflow="hidden"
      label={row === null ? undefined : markerLabel(m, row)}
    />
  )
}

/**
 * The recharts tree. Memoised, with every prop either memoised upstream or a module constant: a
 * parent re-rendering (the console's clock ticks several times a second) costs nothing here, and
 * recharts recomputes only when the data, the axes or the width actually change.
 */
const ChartView = memo(function ChartView(p: ChartViewProps) {
  const vitalsTicks = useMemo(
    () => Array.from({ length: p.vitalsAxisMax / 50 + 1 }, (_, i) => i * 50),
    [p.vitalsAxisMax]
  )
  const vitalsDomain = useMemo((): [number, number] => [0, p.vitalsAxisMax], [p.vitalsAxisMax])
  const rateDomain = useMemo((): [number, number] => [0, p.rateAxisMax], [p.rateAxisMax])
  const markerLines = useMemo(
    () => p.markers.map((m, i) => markerLine(m, i, p.markerRows[i] ?? null)),
    [p.markers, p.markerRows]
  )

  return (
    <ComposedChart width={p.width} height={HEIGHT} data={p.rows} margin={MARGIN} title="Vitals and infusion rate over time">
      <CartesianGrid stroke="#e5e7eb" strokeDasharray="3 3" />
      <XAxis
        dataKey="t"
        type="number"
        domain={p.xDomain}
        ticks={p.xTicks}
        allowDataOverflow
        tickFormatter={formatTick}
        label={p.fromInfusionStart ? X_LABEL_START : X_LABEL_FIRST}
        height={40}
      />
      {/* Domains are fixed (and never cut a reading: the vitals and rate maxima grow with the data);
          allowDataOverflow makes recharts use them as given, also before there is any data. */}
      <YAxis
        yAxisId="vitals"
        orientation="left"
        domain={vitalsDomain}
        allowDataOverflow
        ticks={vitalsTicks}
        width={Y_AXIS_WIDTH}
        label={VITALS_LABEL}
      />
      <YAxis
        yAxisId="spo2"
        orientation="right"
        domain={SPO2_DOMAIN}
        allowDataOverflow
        ticks={SPO2_TICKS}
        width={Y_AXIS_WIDTH}
        stroke={SERIES.spo2.color}
        label={SPO2_LABEL}
      />
      <YAxis
        yAxisId="rate"
        orientation="right"
        domain={rateDomain}
        allowDataOverflow
        width={Y_AXIS_WIDTH}
        stroke={SERIES.rate.color}
        tickFormatter={formatRateTick}
        label={RATE_LABEL}
      />
      {/* Hidden, and width 0: a hidden axis still takes its default width from the plot. */}
      <YAxis yAxisId="intensity" hide orientation="right" width={0} domain={INTENSITY_DOMAIN} />

      <Tooltip isAnimationActive={false} labelFormatter={formatTooltipLabel} formatter={tooltipValue} />
      {/* In the order the lines are declared, not alphabetical. */}
      <Legend itemSorter={null} wrapperStyle={LEGEND_STYLE} />

      {markerLines}
      <NowAndRateTail />

      <Line
        yAxisId="vitals"
        dataKey="systolic"
        name={SERIES.systolic.name}
        stroke={SERIES.systolic.color}
        strokeWidth={SERIES.systolic.width}
        dot={false}
        isAnimationActive={false}
        legendType="plainline"
        connectNulls
      />
      <Line
        yAxisId="vitals"
        dataKey="diastolic"
        name={SERIES.diastolic.name}
        stroke={SERIES.diastolic.color}
        strokeWidth={SERIES.diastolic.width}
        strokeDasharray={SERIES.diastolic.dash}
        dot={false}
        isAnimationActive={false}
        legendType="plainline"
        connectNulls
      />
      <Line
        yAxisId="vitals"
        dataKey="heartRate"
        name={SERIES.heartRate.name}
        stroke={SERIES.heartRate.color}
        strokeWidth={SERIES.heartRate.width}
        strokeDasharray={SERIES.heartRate.dash}
        dot={false}
        isAnimationActive={false}
        legendType="plainline"
        connectNulls
      />
      <Line
        yAxisId="spo2"
        dataKey="spo2"
        name={SERIES.spo2.name}
        stroke={SERIES.spo2.color}
        strokeWidth={SERIES.spo2.width}
        strokeDasharray={SERIES.spo2.dash}
        dot={false}
        isAnimationActive={false}
        legendType="plainline"
        connectNulls
      />
      <Line
        yAxisId="rate"
        dataKey="mgPerKgPerHour"
        type="stepAfter"
        name={SERIES.rate.name}
        stroke={SERIES.rate.color}
        strokeWidth={SERIES.rate.width}
        strokeDasharray={SERIES.rate.dash}
        dot={false}
        activeDot={false}
        isAnimationActive={false}
        legendType="plainline"
        connectNulls
      />
      {/* Reports as labelled diamonds: a Line with dots and no stroke, as it must share the chart's data. */}
      <Line
        yAxisId="intensity"
        dataKey="intensity"
        name={SERIES.intensity.name}
        stroke={SERIES.intensity.color}
        strokeWidth={0}
        dot={IntensityDot}
        activeDot={false}
        isAnimationActive={false}
        legendType="diamond"
      />
    </ComposedChart>
  )
})
