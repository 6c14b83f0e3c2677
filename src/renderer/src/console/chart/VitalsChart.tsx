import { memo, useEffect, useLayoutEffect, useMemo, useRef, useState, type CSSProperties, type RefObject } from 'react'
import { CartesianGrid, ComposedChart, XAxis, YAxis } from 'recharts'
import {
  chartOrigin,
  downsampleVitalsFrom,
  extendRecordedSeries,
  minuteStep,
  minuteTicks,
  minutesFrom,
  rateSteps,
  recordedSeries,
  xDomainOf,
  type ChartMarker,
  type MarkerKind,
  type RecordedSeries,
  type VitalsColumns,
  type VitalsPoint,
  vitalsColumns
} from '../../../../shared/view/chart'
import { isExtensionOf } from '../../../../shared/kernel/arrayExtension'
import { formatElapsed } from '../../../../shared/kernel/clinicalTime'
import { plannedRate, type SessionPlan } from '../../../../shared/record/plan'
import type { EffectiveEntry } from '../../../../shared/record/record'
import { isInfusionAction, useAppendMemo } from '../../ui/useAppendMemo'
import { formatAmount } from '../../../../shared/record/doseDisplay'
import {
  ChartFrame,
  ChartLegend,
  ClockContext,
  DrawnContext,
  MarkerLayer,
  MarkersContext,
  NowAndRateTail,
  ReadoutLayer,
  SERIES,
  SeriesLayer,
  type Clock,
  type Drawn,
  type Markers
} from './chartLayers'
import { AlertTickLayer, LimitBands, SymbolLayer } from './panelLayers'
import { acknowledgementTicks, raisedTicks, type AlertTick } from '../../../../shared/view/alertTicks'
import type { SafetySettings } from '../../../../shared/protocols/protocols'
import type { Alert } from '../../../../shared/safety/alerts'

export interface VitalsChartProps {
  /** The session's alert limits: the bands past them are shaded. */
  limits?: SafetySettings['limits'] | undefined
  /** The alerts standing now: ticked on the time axis where they were raised. */
  alerts?: readonly Alert[] | undefined
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
/**
 * Three panels on one time axis, each with its own scales, so no series is read against another's
 * axis: blood pressure, heart rate and the rate; SpO2 and breathing; the reported intensities (0–10).
 */
const PANEL_HEIGHT = { circulation: 170, breathing: 100, intensity: 104 } as const
type Panel = keyof typeof PANEL_HEIGHT
const MARGIN = { top: 10, right: 8, bottom: 2, left: 8 }
const Y_AXIS_WIDTH = 52
/** Horizontal space the two y axes of each panel and the margins take from the plot. */
const NON_PLOT_WIDTH = MARGIN.left + MARGIN.right + 2 * Y_AXIS_WIDTH

/** Below the plausibility maximum of 300 mmHg: the axis only grows past 250 when a reading does. */
const VITALS_AXIS_MAX = 250
const SPO2_DOMAIN: [number, number] = [50, 100]
/** Past the plausibility maximum would be cut: the axis grows when a reading does. */
const RR_AXIS_MAX = 40

const LABEL_ROWS = 3
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

/**
 * How far `now` is rounded down: one pixel's worth of time, and at least a second; finer cannot be
 * seen. The "now" line and the open rate step's tail move this often with nothing new recorded:
 * every few seconds in a 40-minute session, every half minute or so late in an 8-hour one.
 */
function clockQuantumMs(spanMin: number, plotWidth: number): number {
  const msPerPixel = (spanMin * 60_000) / Math.max(plotWidth, 1)
  return Math.max(1000, Math.floor(msPerPixel / 1000) * 1000)
}

/**
 * The recorded series, extended in place of recomputed when the record only grew by new entries
 * at its end (appendEffective keeps the others as they were): a new vitals set in an eight-hour
 * record costs one point, not 29,000. Anything else (a correction, a new origin) recomputes.
 */
function useRecordedSeries(entries: readonly EffectiveEntry[], origin: number): RecordedSeries {
  const last = useRef<{ entries: readonly EffectiveEntry[]; origin: number; series: RecordedSeries } | null>(null)
  return useMemo(() => {
    const prev = last.current
    const series = prev && prev.origin === origin ? extendRecordedSeries(prev.series, prev.entries, entries, origin) : recordedSeries(entries, origin)
    last.current = { entries, origin, series }
    return series
  }, [entries, origin])
}

/**
 * About one vitals set per pixel (LTTB on each series, see downsampleVitalsFrom), starting from
 * the bucket count the last call settled on, with the columns LTTB reads kept and extended: a
 * live chart gains one vitals set at a time.
 */
function useDownsampled(vitals: VitalsPoint[], maxPoints: number): VitalsPoint[] {
  const last = useRef<{ vitals: VitalsPoint[]; columns: VitalsColumns; threshold: number } | null>(null)
  return useMemo(() => {
    const prev = last.current
    const extends_ = prev !== null && isExtensionOf(prev.vitals, vitals)
    const columns = vitalsColumns(vitals, extends_ ? prev.columns : undefined)
    const { points, threshold } = downsampleVitalsFrom(vitals, maxPoints, prev?.threshold, columns)
    last.current = { vitals, columns, threshold }
    return points
  }, [vitals, maxPoints])
}

/**
 * The vitals axis' top: 250, or the highest systolic or heart rate rounded up to 50 when one is
 * higher, so no reading is ever cut. Over every raw reading, the new ones only when the series grew.
 */
function useVitalsAxisMax(vitals: VitalsPoint[]): number {
  const last = useRef<{ vitals: VitalsPoint[]; max: number } | null>(null)
  const max = useMemo(() => {
    const prev = last.current
    const from = prev && isExtensionOf(prev.vitals, vitals) ? prev.vitals.length : 0
    let m = from > 0 ? prev!.max : 0
    for (let i = from; i < vitals.length; i++) m = Math.max(m, vitals[i]!.systolic, vitals[i]!.heartRate)
    last.current = { vitals, max: m }
    return m
  }, [vitals])
  return Math.max(VITALS_AXIS_MAX, roundUp(max, 50))
}

export function VitalsChart(props: VitalsChartProps) {
  const { entries, plan, infusionStartedAt, limits, alerts = NO_ALERTS } = props

  const containerRef = useRef<HTMLDivElement>(null)
  const measured = useElementWidth(containerRef, props.width === undefined)
  const width = Math.max(MIN_WIDTH, props.width ?? measured ?? FALLBACK_WIDTH)
  const plotWidth = width - NON_PLOT_WIDTH
  // About one point per pixel: more cannot be seen.
  const maxPoints = Math.max(60, Math.floor(plotWidth))

  const nowSec = Math.floor(props.now / 1000) * 1000
  // A number, so the memos below keep their values while it does not change.
  const origin = useMemo(() => chartOrigin(entries, infusionStartedAt, nowSec), [entries, infusionStartedAt, nowSec])
  const fromInfusionStart = infusionStartedAt !== null

  // Recomputed only when the record (or the origin) changes, never on a clock tick.
  const recorded = useRecordedSeries(entries, origin)
  const shownVitals = useDownsampled(recorded.vitals, maxPoints)
  const vitalsAxisMax = useVitalsAxisMax(recorded.vitals)
  const rrAxisMax = useMemo(() => {
    let max = RR_AXIS_MAX
    for (const p of shownVitals) max = Math.max(max, roundUp(p.respiratoryRate, 10))
    return max
  }, [shownVitals])
  const ackTicks = useAppendMemo(entries, (all) => acknowledgementTicks(all, origin), isAcknowledgement, [origin])
  const ticks = useMemo(() => [...ackTicks, ...raisedTicks(alerts, origin)], [ackTicks, alerts, origin])

  // The rate as recorded: its corners do not move with the clock (the tail to now is drawn apart).
  const rateCorners = useAppendMemo(entries, (all) => rateSteps(all, plan, origin), isInfusionAction, [plan, origin])
  const rateAxisMax = useMemo(() => {
    let max = plannedRate(plan).mgPerKgPerHour
    for (const p of rateCorners) max = Math.max(max, p.mgPerKgPerHour)
    return Math.max(0.5, roundUp(max * 1.25, 0.25))
  }, [plan, rateCorners])

  // The clock, rounded to a pixel of the x axis (at least a second): see clockQuantumMs.
  const earliestT = Math.min(0, recorded.vitals[0]?.t ?? 0, recorded.markers[0]?.t ?? 0)
  const quantum = clockQuantumMs(minutesFrom(origin, nowSec) - earliestT, plotWidth)
  const nowT = minutesFrom(origin, Math.floor(nowSec / quantum) * quantum)

  // The x axis spans the record and now, its right end rounded up: it only moves when now passes
  // the next round value, not every second, so the series are not redrawn on each tick.
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

  const drawn = useMemo(
    (): Drawn => ({ vitals: shownVitals, rate: rateCorners, intensities: recorded.intensities }),
    [shownVitals, rateCorners, recorded.intensities]
  )
  const markers = useMemo((): Markers => ({ markers: recorded.markers, rows: markerRows }), [recorded.markers, markerRows])

  // The step line is drawn through the rate's corners; the rate of the last one runs on to now.
  const lastCorner = rateCorners[rateCorners.length - 1]
  const tailValue = lastCorner?.mgPerKgPerHour ?? null
  const tailFrom = lastCorner && nowT > lastCorner.t ? lastCorner.t : null
  const clock = useMemo((): Clock => ({ nowT, tailFrom, tailValue }), [nowT, tailFrom, tailValue])

  const summary = latestVitalsSummary(recorded.vitals[recorded.vitals.length - 1], origin, fromInfusionStart)

  return (
    <section aria-label="Vitals chart" className="vitals-chart">
      <h2>Vitals and infusion rate</h2>
      <p style={visuallyHidden}>{summary}</p>
      <div ref={containerRef} style={{ width: props.width ?? '100%', minWidth: MIN_WIDTH, overflow: 'hidden' }}>
        <DrawnContext.Provider value={drawn}>
          <MarkersContext.Provider value={markers}>
            <ClockContext.Provider value={clock}>
              {PANELS.map((panel) => (
                <ChartView
                  key={panel}
                  panel={panel}
                  width={width}
                  xDomain={xDomain}
                  xTicks={xTicks}
                  fromInfusionStart={fromInfusionStart}
                  vitalsAxisMax={vitalsAxisMax}
                  rateAxisMax={rateAxisMax}
                  rrAxisMax={rrAxisMax}
                  limits={limits}
                  ticks={ticks}
                />
              ))}
            </ClockContext.Provider>
          </MarkersContext.Provider>
        </DrawnContext.Provider>
        <ChartLegend />
      </div>
    </section>
  )
}

const PANELS: readonly Panel[] = ['circulation', 'breathing', 'intensity']
const PANEL_TITLES: Record<Panel, string> = {
  circulation: 'Blood pressure, heart rate and infusion rate over time',
  breathing: 'SpO2 and respiratory rate over time',
  intensity: 'Reported intensity (0 to 10) over time'
}
const NO_ALERTS: readonly Alert[] = []
const isAcknowledgement = (e: EffectiveEntry): boolean => e.entry.type === 'alert_acknowledged'

interface ChartViewProps {
  panel: Panel
  rrAxisMax: number
  limits: SafetySettings['limits'] | undefined
  ticks: readonly AlertTick[]
  width: number
  xDomain: [number, number]
  xTicks: number[]
  fromInfusionStart: boolean
  vitalsAxisMax: number
  rateAxisMax: number
}

const formatTick = (t: number): string => `${Math.round(t)}`
const formatRateTick = (v: number): string => formatAmount(v, 2)
const X_LABEL_START = { value: 'Minutes from infusion start', position: 'insideBottom', offset: 0, fontSize: 11 } as const
const X_LABEL_FIRST = { value: 'Minutes from first entry', position: 'insideBottom', offset: 0, fontSize: 11 } as const
const VITALS_LABEL = { value: 'mmHg · bpm', angle: -90, position: 'insideLeft', fontSize: 11 } as const
const SPO2_LABEL = { value: 'SpO2 %', angle: -90, position: 'insideLeft', fontSize: 11 } as const
const RR_LABEL = { value: 'RR /min', angle: 90, position: 'insideRight', fontSize: 11 } as const
const INTENSITY_LABEL = { value: '0–10', angle: -90, position: 'insideLeft', fontSize: 11 } as const
const INTENSITY_TICKS = [0, 5, 10]
const RATE_LABEL = { value: 'mg/kg/h', angle: 90, position: 'insideRight', fontSize: 11 } as const
const SPO2_TICKS = [50, 60, 70, 80, 90, 100]
const INTENSITY_DOMAIN: [number, number] = [0, 10]
const NO_TICKS: number[] = []
const NO_DATA: never[] = []

interface TickProps {
  x?: number | string
  y?: number | string
  textAnchor?: 'start' | 'middle' | 'end' | 'inherit'
  verticalAnchor?: 'start' | 'middle' | 'end'
  fill?: string
  className?: string
  index?: number
  payload?: { value?: unknown }
  tickFormatter?: (value: unknown, index: number) => string
}

/**
 * A tick label as recharts draws it (same place, anchor and baseline shift), as plain SVG text:
 * recharts' own Text measures every label's words in the DOM to wrap them, which these short
 * numbers never need, and that measuring was a good part of opening the chart.
 */
function AxisTick(p: TickProps) {
  const value = p.payload?.value
  const text = p.tickFormatter ? p.tickFormatter(value, p.index ?? 0) : String(value)
  const dy = p.verticalAnchor === 'start' ? '0.71em' : p.verticalAnchor === 'end' ? '0' : '0.355em'
  return (
    <text x={p.x} y={p.y} dy={dy} textAnchor={p.textAnchor} fill={p.fill} className={p.className}>
      {text}
    </text>
  )
}

/**
 * Recharts draws the frame only (axes, ticks, grid) and gives the layers its scales; the record
 * reaches the layers through context. Memoised, every prop memoised upstream or a constant: a new
 * entry or a clock tick re-renders the layers, and recharts only when an axis or the width changes.
 */
const ChartView = memo(function ChartView(p: ChartViewProps) {
  const vitalsTicks = useMemo(() => Array.from({ length: p.vitalsAxisMax / 50 + 1 }, (_, i) => i * 50), [p.vitalsAxisMax])
  const vitalsDomain = useMemo((): [number, number] => [0, p.vitalsAxisMax], [p.vitalsAxisMax])
  const rateDomain = useMemo((): [number, number] => [0, p.rateAxisMax], [p.rateAxisMax])
  const rrDomain = useMemo((): [number, number] => [0, p.rrAxisMax], [p.rrAxisMax])
  const rrTicks = useMemo(() => Array.from({ length: p.rrAxisMax / 10 + 1 }, (_, i) => i * 10), [p.rrAxisMax])
  const withTimeAxis = p.panel === 'intensity'

  return (
    <ComposedChart
      width={p.width}
      height={PANEL_HEIGHT[p.panel]}
      data={NO_DATA}
      margin={MARGIN}
      title={PANEL_TITLES[p.panel]}
      accessibilityLayer={false}
    >
      <CartesianGrid stroke="#e5e7eb" strokeDasharray="3 3" />
      {/* Every panel has the same x scale; only the lowest draws the time axis. */}
      <XAxis
        dataKey="t"
        type="number"
        domain={p.xDomain}
        ticks={p.xTicks}
        interval={0}
        tick={AxisTick}
        allowDataOverflow
        tickFormatter={formatTick}
        label={withTimeAxis ? (p.fromInfusionStart ? X_LABEL_START : X_LABEL_FIRST) : undefined}
        height={withTimeAxis ? 40 : 0}
        hide={!withTimeAxis}
      />
      {/* Domains are fixed (and never cut a reading: the maxima grow with the data);
          allowDataOverflow makes recharts use them as given, with no data of its own. The ticks are
          chosen to fit: interval 0 shows them all without recharts measuring each label in the DOM. */}
      {p.panel === 'circulation' && (
        <>
          <YAxis yAxisId="vitals" orientation="left" domain={vitalsDomain} allowDataOverflow ticks={vitalsTicks} interval={0} tick={AxisTick} width={Y_AXIS_WIDTH} label={VITALS_LABEL} />
          <YAxis
            yAxisId="rate"
            orientation="right"
            domain={rateDomain}
            allowDataOverflow
            width={Y_AXIS_WIDTH}
            stroke={SERIES.rate.color}
            tickFormatter={formatRateTick}
            interval={0}
            tick={AxisTick}
            label={RATE_LABEL}
          />
        </>
      )}
      {p.panel === 'breathing' && (
        <>
          <YAxis yAxisId="spo2" orientation="left" domain={SPO2_DOMAIN} allowDataOverflow ticks={SPO2_TICKS} interval={0} tick={AxisTick} width={Y_AXIS_WIDTH} stroke={SERIES.spo2.color} label={SPO2_LABEL} />
          <YAxis yAxisId="rr" orientation="right" domain={rrDomain} allowDataOverflow ticks={rrTicks} interval={0} tick={AxisTick} width={Y_AXIS_WIDTH} stroke={SERIES.respiratoryRate.color} label={RR_LABEL} />
        </>
      )}
      {p.panel === 'intensity' && (
        <>
          <YAxis yAxisId="intensity" orientation="left" domain={INTENSITY_DOMAIN} allowDataOverflow ticks={INTENSITY_TICKS} interval={0} tick={AxisTick} width={Y_AXIS_WIDTH} stroke={SERIES.intensity.color} label={INTENSITY_LABEL} />
          {/* Empty, for the plot to line up with the panels above. */}
          <YAxis yAxisId="intensity-right" orientation="right" domain={INTENSITY_DOMAIN} allowDataOverflow ticks={NO_TICKS} width={Y_AXIS_WIDTH} axisLine={false} />
        </>
      )}

      <ChartFrame>
        <LimitBands limits={p.limits} />
        <MarkerLayer part="lines" />
        <NowAndRateTail />
        <SeriesLayer />
        <SymbolLayer />
        {p.panel === 'circulation' && <MarkerLayer part="labels" />}
        {withTimeAxis && <AlertTickLayer ticks={p.ticks} />}
        {p.panel === 'circulation' && <ReadoutLayer />}
      </ChartFrame>
    </ComposedChart>
  )
})
