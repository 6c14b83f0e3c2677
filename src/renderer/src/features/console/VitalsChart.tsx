import { memo, useEffect, useLayoutEffect, useMemo, useRef, useState, type CSSProperties } from 'react'
import { CartesianGrid, ComposedChart, Legend, Line, Tooltip, usePlotArea, useXAxisScale, XAxis, YAxis } from 'recharts'
import {
  chartOrigin,
  chartRows,
  downsampleVitalsFrom,
  minuteTicks,
  minutesFrom,
  extendRecordedSeries,
  rateSeries,
  recordedSeries,
  xDomainOf,
  type ChartMarker,
  type ChartRow,
  type RecordedSeries,
  type MarkerKind,
  type VitalsPoint
} from '../../../../shared/domain/chart'
import { clusterMarkers, type MarkerCluster } from '../../../../shared/domain/chartMarkerClusters'
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
  note: { color: '#6b7280', dash: '2 4', width: 1 }
}

const LABEL_ROWS = 3
const LABEL_ROW_HEIGHT = 12
const LABEL_CHAR_PX = 6.5
/** Markers closer than this on screen are drawn as one (see chartMarkerClusters.ts). */
const MARKER_MIN_GAP_PX = 24

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

/**
 * Width of the element, following resizes: undefined until the first measurement (taken before
 * the first paint), null where it cannot be measured.
 */
function useElementWidth(ref: React.RefObject<HTMLElement | null>, enabled: boolean): number | null | undefined {
  const [width, setWidth] = useState<number | null | undefined>(undefined)
  useLayoutEffect(() => {
    if (!enabled || !ref.current) return
    const w = Math.floor(ref.current.getBoundingClientRect().width)
    setWidth(w > 0 ? w : null)
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

/** Staggers marker labels over a few rows so close markers do not print on top of each other. */
function labelRows(markers: readonly ChartMarker[], domain: readonly [number, number], plotWidth: number): number[] {
  const [lo, hi] = domain
  const pxPerMin = plotWidth / Math.max(hi - lo, 1e-9)
  const rowEnds: number[] = Array.from({ length: LABEL_ROWS }, () => -Infinity)
  return markers.map((m, i) => {
    const x = (m.t - lo) * pxPerMin
    let row = rowEnds.findIndex((end) => x > end)
    if (row < 0) row = i % LABEL_ROWS
    rowEnds[row] = x + m.label.length * LABEL_CHAR_PX + 6
    return row
  })
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
 * How far `now` is rounded down: one pixel's worth of time, and at least a second. The open rate
 * step and the x axis follow the clock, so this is how often the chart redraws with nothing new
 * recorded: every second early on, every half minute or so late in a long session.
 */
function clockQuantumMs(spanMin: number, plotWidth: number): number {
  const msPerPixel = (spanMin * 60_000) / Math.max(plotWidth, 1)
  return Math.max(1000, Math.floor(msPerPixel / 1000) * 1000)
}

export function VitalsChart(props: VitalsChartProps) {
  const containerRef = useRef<HTMLDivElement>(null)
  const measured = useElementWidth(containerRef, props.width === undefined)
  // Nothing is computed until the width is known (it is measured before the first paint): opening
  // a long session computes the chart once, at the width it is drawn.
  const ready = props.width !== undefined || measured !== undefined
  const width = Math.max(MIN_WIDTH, props.width ?? measured ?? FALLBACK_WIDTH)
  return (
    <section aria-label="Vitals chart" className="vitals-chart">
      <h2>Vitals and infusion rate</h2>
      <div ref={containerRef} style={{ width: props.width ?? '100%', minWidth: MIN_WIDTH }}>
        {ready && <ChartBody {...props} width={width} />}
      </div>
    </section>
  )
}

function ChartBody(props: VitalsChartProps & { width: number }) {
  const { entries, plan, infusionStartedAt, width } = props
  const plotWidth = width - NON_PLOT_WIDTH
  // One point per two pixels: LTTB keeps every peak and trough, and recharts' time per redraw grows
  // with its rows (one per pixel cost about twice as much for a line that looks the same).
  const maxPoints = Math.max(60, Math.floor(plotWidth / 2))

  const nowSec = Math.floor(props.now / 1000) * 1000
  // A number, so the memos below keep their values while it does not change.
  const origin = useMemo(() => chartOrigin(entries, infusionStartedAt, nowSec), [entries, infusionStartedAt, nowSec])
  const fromInfusionStart = infusionStartedAt !== null

  // Recomputed only when the record (or the origin) changes, never on a clock tick.
  // A new entry extends the series of the last render instead of recomputing 29,000 points.
  const last = useRef<{ entries: readonly EffectiveEntry[]; origin: number; series: RecordedSeries } | null>(null)
  const recorded = useMemo(() => {
    const prev = last.current
    const series = prev && prev.origin === origin ? extendRecordedSeries(prev.series, prev.entries, entries, origin) : recordedSeries(entries, origin)
    last.current = { entries, origin, series }
    return series
  }, [entries, origin])
  // The bucket count found last time: with one new point it is almost always still the answer.
  const thresholdHint = useRef<number | undefined>(undefined)
  const shownVitals = useMemo(() => {
    const { points, threshold } = downsampleVitalsFrom(recorded.vitals, maxPoints, thresholdHint.current)
    thresholdHint.current = threshold
    return points
  }, [recorded.vitals, maxPoints])
  const vitalsAxisMax = useMemo(() => {
    let max = 0
    for (const p of recorded.vitals) max = Math.max(max, p.systolic, p.heartRate)
    return Math.max(VITALS_AXIS_MAX, roundUp(max, 50))
  }, [recorded.vitals])

  // The clock, rounded to a pixel of the x axis (at least a second): see clockQuantumMs.
  const earliestT = Math.min(0, recorded.vitals[0]?.t ?? 0, recorded.markers[0]?.t ?? 0)
  const quantum = clockQuantumMs(minutesFrom(origin, nowSec) - earliestT, plotWidth)
  const nowQ = Math.floor(nowSec / quantum) * quantum

  // The rate's last step runs to now, so it follows the (rounded) clock.
  const rate = useMemo(() => rateSeries(entries, plan, origin, nowQ), [entries, plan, origin, nowQ])
  const rateAxisMax = useMemo(() => {
    let max = plannedRate(plan).mgPerKgPerHour
    for (const p of rate) max = Math.max(max, p.mgPerKgPerHour)
    return Math.max(0.5, roundUp(max * 1.25, 0.25))
  }, [plan, rate])

  // One array for recharts (see chartRows): ~maxPoints vitals rows plus a few rate and report rows.
  const rows = useMemo(
    () => chartRows(shownVitals, rate, recorded.intensities),
    [shownVitals, rate, recorded.intensities]
  )

  const nowT = minutesFrom(origin, nowQ)
  const xDomain = useMemo(
    () => xDomainOf({ vitals: recorded.vitals, rate, markers: recorded.markers, intensities: recorded.intensities }, nowT),
    [recorded, rate, nowT]
  )
  const xTicks = useMemo(() => minuteTicks(xDomain, Math.max(4, Math.floor(plotWidth / 80))), [xDomain, plotWidth])
  const markers = useMemo(() => clusterMarkers(recorded.markers, xDomain, plotWidth, MARKER_MIN_GAP_PX), [recorded.markers, xDomain, plotWidth])
  const markerRows = useMemo(() => labelRows(markers, xDomain, plotWidth), [markers, xDomain, plotWidth])

  const summary = latestVitalsSummary(recorded.vitals[recorded.vitals.length - 1], origin, fromInfusionStart)

  return (
    <>
      <p style={visuallyHidden}>{summary}</p>
      <ChartView
        width={width}
        rows={rows}
        xDomain={xDomain}
        xTicks={xTicks}
        fromInfusionStart={fromInfusionStart}
        vitalsAxisMax={vitalsAxisMax}
        rateAxisMax={rateAxisMax}
        markers={markers}
        markerRows={markerRows}
      />
    </>
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
  markers: MarkerCluster[]
  markerRows: number[]
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

/**
 * Every marker in one SVG layer, placed with the chart's own x scale. Not one recharts
 * ReferenceLine each: every ReferenceLine re-registers itself in recharts' store on every render,
 * which made a redraw cost O(markers²) (seconds with the 500 notes of an eight-hour session).
 */
const MarkerLayer = memo(function MarkerLayer({ markers, rows }: { markers: readonly MarkerCluster[]; rows: readonly number[] }) {
  const plot = usePlotArea()
  const scale = useXAxisScale()
  if (!plot || !scale) return null
  const top = plot.y
  const bottom = plot.y + plot.height
  return (
    <g className="chart-markers">
      {markers.map((m, i) => {
        const x = scale(m.t)
        if (typeof x !== 'number' || !Number.isFinite(x) || x < plot.x || x > plot.x + plot.width) return null
        const style = MARKER_STYLE[m.kind]
        return (
          <g key={`${m.kind}-${m.t}-${i}`}>
            <line x1={x} x2={x} y1={top} y2={bottom} stroke={style.color} strokeWidth={style.width} strokeDasharray={style.dash} />
            <text
              x={x + 3}
              y={top + 11 + (rows[i] ?? 0) * LABEL_ROW_HEIGHT}
              fontSize={10}
              fontWeight={m.kind === 'adverse_event' ? 700 : 400}
              fill={style.color}
            >
              {m.label}
              <title>{`${formatMinutes(m.t)} ${m.detail}`}</title>
            </text>
          </g>
        )
      })}
    </g>
  )
})

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

      <MarkerLayer markers={p.markers} rows={p.markerRows} />

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
