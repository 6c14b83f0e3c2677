/**
 * What the vitals chart draws, derived from the record by pure functions, plus the
 * downsampling that keeps recharts fast (it slows down past a few thousand points).
 * The chart only ever sees a downsampled copy: every raw point stays in the record and the table.
 */
import { isExtensionOf, noteExtension } from '../kernel/arrayExtension'
import type { NotePayload } from '../record/events'
import { convertMgPerHour, rateSegments } from '../record/infusion'
import type { SessionPlan } from '../record/plan'
import { describeScale, SCALE_SHORT, scaleTotal } from '../record/scales'
import { byClinicalTime, infusionActions, liveEntries, type EffectiveEntry } from '../record/record'

const MS_PER_MINUTE = 60_000

// ---------------------------------------------------------------------------------------------
// Largest-Triangle-Three-Buckets (Steinarsson 2013, "Downsampling Time Series for Visual
// Representation", ch. 4.2). The first and last points are always kept. The points between them
// are split into threshold - 2 buckets of (nearly) equal count; walking left to right, each bucket
// keeps the one point that forms the largest triangle with the point kept in the bucket before it
// and the average of the bucket after it. Peaks and troughs make large triangles, so they survive.
// ---------------------------------------------------------------------------------------------

/** Indices (ascending) chosen by LTTB over parallel x/y arrays; all indices when n <= threshold or threshold < 3. */
export function lttbIndices(xs: ArrayLike<number>, ys: ArrayLike<number>, threshold: number): number[] {
  const n = xs.length
  const k = Math.floor(threshold)
  if (n <= k || k < 3) return Array.from({ length: n }, (_, i) => i)

  const buckets = k - 2
  // Bucket b (0 <= b < buckets) covers indices [start(b), start(b + 1)); start(buckets) = n - 1,
  // the last point. Integer arithmetic, so the bounds never drift with floating-point error.
  const start = (b: number): number => 1 + Math.floor((b * (n - 2)) / buckets)

  const kept: number[] = [0]
  let a = 0
  for (let b = 0; b < buckets; b++) {
    const from = start(b)
    const to = start(b + 1)
    // The third vertex: the average of the next bucket, or the last point after the last bucket.
    const nextFrom = to
    const nextTo = b + 1 < buckets ? start(b + 2) : n
    let avgX = 0
    let avgY = 0
    for (let j = nextFrom; j < nextTo; j++) {
      avgX += xs[j]!
      avgY += ys[j]!
    }
    const count = nextTo - nextFrom
    avgX /= count
    avgY /= count

    const ax = xs[a]!
    const ay = ys[a]!
    let best = from
    let bestArea = -1
    for (let j = from; j < to; j++) {
      // Twice the triangle's area: the factor 1/2 does not change which point wins.
      const area = Math.abs((ax - avgX) * (ys[j]! - ay) - (ax - xs[j]!) * (avgY - ay))
      if (area > bestArea) {
        bestArea = area
        best = j
      }
    }
    kept.push(best)
    a = best
  }
  kept.push(n - 1)
  return kept
}

/**
 * Downsamples `points` (in x order) to exactly `threshold` points with LTTB, keeping the first and
 * the last. Returns a copy of the input when it already has `threshold` points or fewer, or when
 * `threshold` < 3 (LTTB needs at least the two ends and one bucket).
 */
export function lttb<T>(points: readonly T[], threshold: number, x: (p: T) => number, y: (p: T) => number): T[] {
  if (points.length <= threshold || threshold < 3) return [...points]
  const xs = new Float64Array(points.length)
  const ys = new Float64Array(points.length)
  points.forEach((p, i) => {
    xs[i] = x(p)
    ys[i] = y(p)
  })
  return lttbIndices(xs, ys, threshold).map((i) => points[i]!)
}

// ---------------------------------------------------------------------------------------------
// Series
// ---------------------------------------------------------------------------------------------

/** One vitals set; t in minutes from the chart's origin (the infusion start). */
export interface VitalsPoint {
  t: number
  systolic: number
  diastolic: number
  heartRate: number
  spo2: number
  respiratoryRate: number
}

/** A corner of the rate step line: from t on, the pump delivers `mgPerKgPerHour` (until the next point). */
export interface RatePoint {
  t: number
  mgPerKgPerHour: number
}

export const MARKER_KINDS = ['start', 'pause', 'stop', 'note', 'adverse_event', 'scale'] as const
export type MarkerKind = (typeof MARKER_KINDS)[number]

export interface ChartMarker {
  t: number
  kind: MarkerKind
  /** Short, for a label on the chart: "Start", "Pause", "AE", "Med"... */
  label: string
  /** Longer text for a tooltip or title: the pause reason, the note's text. */
  detail: string
}

export interface IntensityPoint {
  t: number
  value: number
  of: NonNullable<NotePayload['intensityOf']>
}

export interface ChartSeries {
  /** Epoch ms that t = 0 stands for: the infusion start, else the first entry, else `now`. */
  origin: number
  /** True when the origin is the infusion start (x reads "minutes from infusion start"). */
  fromInfusionStart: boolean
  /** Every live vitals set, corrected values, in clinical order (not downsampled). */
  vitals: VitalsPoint[]
  rate: RatePoint[]
  markers: ChartMarker[]
  intensities: IntensityPoint[]
  /** `now` in minutes from the origin. */
  nowT: number
  /** x range that holds every series and marker and reaches `now`. */
  xDomain: [number, number]
}

export function minutesFrom(origin: number, at: number): number {
  return (at - origin) / MS_PER_MINUTE
}

/** The time t = 0 stands for: infusion start, else the first live entry's clinical time, else now. */
export function chartOrigin(entries: readonly EffectiveEntry[], infusionStartedAt: number | null, now: number): number {
  if (infusionStartedAt !== null) return infusionStartedAt
  let first = Infinity
  for (const e of liveEntries(entries)) first = Math.min(first, e.occurredAt)
  return Number.isFinite(first) ? first : now
}

/** Live clinical order; the input is usually sorted already (checked in one pass), but a correction can move an entry. */
function ordered(entries: readonly EffectiveEntry[]): EffectiveEntry[] {
  const live = liveEntries(entries)
  for (let i = 1; i < live.length; i++) if (byClinicalTime(live[i - 1]!, live[i]!) > 0) return live.sort(byClinicalTime)
  return live
}

/** Live (not voided) vitals sets with their corrected values, in clinical order. */
export function vitalsSeries(entries: readonly EffectiveEntry[], origin: number): VitalsPoint[] {
  return vitalsOf(ordered(entries), origin)
}

function vitalsOf(live: readonly EffectiveEntry[], origin: number): VitalsPoint[] {
  const points: VitalsPoint[] = []
  for (const e of live) {
    if (e.entry.type !== 'vitals') continue
    const v = e.entry.vitals
    points.push({
      t: minutesFrom(origin, e.occurredAt),
      systolic: v.systolic,
      diastolic: v.diastolic,
      heartRate: v.heartRate,
      spo2: v.spo2,
      respiratoryRate: v.respiratoryRate
    })
  }
  return points
}

/**
 * The corners of the delivered rate as a step line (draw it with stepAfter), as recorded: the rate
 * from each segment's start, and 0 from each pause or stop. Nothing is added for the time since the
 * last change (see rateSeries). Empty before the infusion starts.
 */
export function rateSteps(entries: readonly EffectiveEntry[], plan: SessionPlan, origin: number): RatePoint[] {
  const points: RatePoint[] = []
  const perKg = (mgPerHour: number): number => convertMgPerHour(mgPerHour, plan).mgPerKgPerHour
  let lastEnd: number | null = null
  for (const seg of rateSegments(infusionActions(entries), plan)) {
    // A gap between segments is a pause: the step falls to 0 at its start.
    if (lastEnd !== null && seg.from > lastEnd) points.push({ t: minutesFrom(origin, lastEnd), mgPerKgPerHour: 0 })
    points.push({ t: minutesFrom(origin, seg.from), mgPerKgPerHour: perKg(seg.mgPerHour) })
    lastEnd = seg.to
    if (seg.to === null) return points
  }
  // Paused or stopped: 0 from then on.
  if (lastEnd !== null) points.push({ t: minutesFrom(origin, lastEnd), mgPerKgPerHour: 0 })
  return points
}

/**
 * The rate step carried on to `now`: an open segment runs on at its rate, and after a pause or
 * stop the 0 runs on. Empty before the infusion starts.
 */
export function rateSeries(
  entries: readonly EffectiveEntry[],
  plan: SessionPlan,
  origin: number,
  now: number
): RatePoint[] {
  const points = rateSteps(entries, plan, origin)
  const last = points[points.length - 1]
  const nowT = minutesFrom(origin, now)
  if (last && nowT > last.t) points.push({ t: nowT, mgPerKgPerHour: last.mgPerKgPerHour })
  return points
}

const NOTE_MARKER_LABEL: Record<NotePayload['noteType'], string> = {
  subjective_report: 'Report',
  observation: 'Obs',
  adverse_event: 'AE',
  medication_given: 'Med',
  other: 'Note'
}

const DETAIL_MAX = 120

function clip(text: string): string {
  const t = text.trim().replace(/\s+/g, ' ')
  return t.length > DETAIL_MAX ? `${t.slice(0, DETAIL_MAX - 1)}…` : t
}

function noteDetail(note: NotePayload): string {
  if (note.medication) {
    const m = note.medication
    const med = `${m.drug} ${m.dose} ${m.unit} ${m.route}`
    return clip(note.text.trim() ? `${med}: ${note.text}` : med)
  }
  return clip(note.text)
}

/** Infusion start and stop, pauses, and every note (adverse events as their own kind), in clinical order. */
export function chartMarkers(entries: readonly EffectiveEntry[], origin: number): ChartMarker[] {
  return markersOf(ordered(entries), origin)
}

function markersOf(live: readonly EffectiveEntry[], origin: number): ChartMarker[] {
  const markers: ChartMarker[] = []
  for (const e of live) {
    const t = minutesFrom(origin, e.occurredAt)
    const entry = e.entry
    switch (entry.type) {
      case 'infusion_started':
        markers.push({ t, kind: 'start', label: 'Start', detail: `Infusion started at ${entry.rate.value} ${entry.rate.unit}` })
        break
      case 'infusion_paused':
        markers.push({ t, kind: 'pause', label: 'Pause', detail: clip(`Paused: ${entry.reason}`) })
        break
      case 'infusion_stopped':
        markers.push({ t, kind: 'stop', label: 'Stop', detail: 'Infusion stopped' })
        break
      case 'scale':
        // Scale scores on the chart's time axis, labelled with their score.
        markers.push({ t, kind: 'scale', label: `${SCALE_SHORT[entry.scale.kind]} ${scaleTotal(entry.scale)}`, detail: clip(describeScale(entry.scale)) })
        break
      case 'note': {
        const kind: MarkerKind = entry.note.noteType === 'adverse_event' ? 'adverse_event' : 'note'
        markers.push({ t, kind, label: NOTE_MARKER_LABEL[entry.note.noteType], detail: noteDetail(entry.note) })
        break
      }
      default:
        break
    }
  }
  return markers
}

/** Intensities (0–10) carried by subjective reports. */
export function intensitySeries(entries: readonly EffectiveEntry[], origin: number): IntensityPoint[] {
  return intensitiesOf(ordered(entries), origin)
}

function intensitiesOf(live: readonly EffectiveEntry[], origin: number): IntensityPoint[] {
  const points: IntensityPoint[] = []
  for (const e of live) {
    if (e.entry.type !== 'note') continue
    const { intensity, intensityOf } = e.entry.note
    if (intensity === undefined || intensityOf === undefined) continue
    points.push({ t: minutesFrom(origin, e.occurredAt), value: intensity, of: intensityOf })
  }
  return points
}

export interface RecordedSeries {
  vitals: VitalsPoint[]
  markers: ChartMarker[]
  intensities: IntensityPoint[]
}

/** The three recorded series at once, the entries put in order once (the chart redraws them per new entry). */
export function recordedSeries(entries: readonly EffectiveEntry[], origin: number): RecordedSeries {
  const live = ordered(entries)
  return { vitals: vitalsOf(live, origin), markers: markersOf(live, origin), intensities: intensitiesOf(live, origin) }
}

/**
 * recordedSeries(next, origin), given series = recordedSeries(prev, origin). When `next` is `prev`
 * with live entries added after its last (a new entry: appendEffective keeps the others as they
 * were), only the new ones are turned into points; anything else is computed afresh.
 */
export function extendRecordedSeries(
  series: RecordedSeries,
  prev: readonly EffectiveEntry[],
  next: readonly EffectiveEntry[],
  origin: number
): RecordedSeries {
  if (next === prev) return series
  if (next.length <= prev.length || !isExtensionOf(prev, next)) return recordedSeries(next, origin)
  const added = next.slice(prev.length)
  if (added.some((e) => e.voided !== null)) return recordedSeries(next, origin)
  let lastLive: EffectiveEntry | undefined
  for (let i = prev.length - 1; i >= 0 && !lastLive; i--) if (prev[i]!.voided === null) lastLive = prev[i]
  if (lastLive && byClinicalTime(lastLive, added[0]!) > 0) return recordedSeries(next, origin)
  const more = ordered(added)
  const grow = <T>(old: T[], extra: T[]): T[] => (extra.length === 0 ? old : (noteExtension(old, old.concat(extra)) as T[]))
  return {
    vitals: grow(series.vitals, vitalsOf(more, origin)),
    markers: grow(series.markers, markersOf(more, origin)),
    intensities: grow(series.intensities, intensitiesOf(more, origin))
  }
}

/** The chart shows at least this many minutes, so a new session does not zoom in on one point. */
export const MIN_SPAN_MIN = 10

/** x range covering every series and marker, from no later than 0 to no earlier than now. */
export function xDomainOf(
  parts: { vitals: readonly { t: number }[]; rate: readonly { t: number }[]; markers: readonly { t: number }[]; intensities: readonly { t: number }[] },
  nowT: number
): [number, number] {
  let lo = Math.min(0, nowT)
  let hi = nowT
  for (const list of [parts.vitals, parts.rate, parts.markers, parts.intensities]) {
    // Each list is in t order, so its ends are enough.
    const first = list[0]
    const last = list[list.length - 1]
    if (first) lo = Math.min(lo, first.t)
    if (last) hi = Math.max(hi, last.t)
  }
  if (hi - lo < MIN_SPAN_MIN) hi = lo + MIN_SPAN_MIN
  return [lo, hi]
}

/**
 * Everything the vitals chart draws, x in minutes from the infusion start (negative before it);
 * before the infusion starts, from the first entry. Voided entries are left out; corrected entries
 * count with their corrected values and times.
 */
export function chartSeries(
  entries: readonly EffectiveEntry[],
  plan: SessionPlan,
  infusionStartedAt: number | null,
  now: number
): ChartSeries {
  const origin = chartOrigin(entries, infusionStartedAt, now)
  const vitals = vitalsSeries(entries, origin)
  const rate = rateSeries(entries, plan, origin, now)
  const markers = chartMarkers(entries, origin)
  const intensities = intensitySeries(entries, origin)
  const nowT = minutesFrom(origin, now)
  return {
    origin,
    fromInfusionStart: infusionStartedAt !== null,
    vitals,
    rate,
    markers,
    intensities,
    nowT,
    xDomain: xDomainOf({ vitals, rate, markers, intensities }, nowT)
  }
}

// ---------------------------------------------------------------------------------------------
// Downsampling vitals
// ---------------------------------------------------------------------------------------------

const VITAL_KEYS = ['systolic', 'diastolic', 'heartRate', 'spo2', 'respiratoryRate'] as const

/**
 * The vitals as columns for LTTB: t, then one array per series, with room to grow. `n` of them
 * are filled; the arrays may be longer.
 */
export interface VitalsColumns {
  n: number
  xs: Float64Array
  series: Float64Array[]
}

/**
 * Columns of `points`. Given `previous`, the columns of the first `previous.n` of these same
 * points, only the points after them are written (in the same arrays while they have room): a
 * live chart gains one vitals set at a time.
 */
export function vitalsColumns(points: readonly VitalsPoint[], previous?: VitalsColumns): VitalsColumns {
  const n = points.length
  let from = 0
  let cols: VitalsColumns
  if (previous && previous.n <= n && previous.xs.length >= n) {
    cols = previous
    from = previous.n
  } else {
    const capacity = Math.max(16, Math.ceil(n * 1.25))
    cols = { n: 0, xs: new Float64Array(capacity), series: VITAL_KEYS.map(() => new Float64Array(capacity)) }
    if (previous && previous.n <= n) {
      cols.xs.set(previous.xs.subarray(0, previous.n))
      previous.series.forEach((ys, s) => cols.series[s]!.set(ys.subarray(0, previous.n)))
      from = previous.n
    }
  }
  const [sys, dia, hr, spo2, rr] = cols.series as [Float64Array, Float64Array, Float64Array, Float64Array, Float64Array]
  for (let i = from; i < n; i++) {
    const p = points[i]!
    cols.xs[i] = p.t
    sys[i] = p.systolic
    dia[i] = p.diastolic
    hr[i] = p.heartRate
    spo2[i] = p.spo2
    rr[i] = p.respiratoryRate
  }
  return { n, xs: cols.xs, series: cols.series }
}

/**
 * At most `maxPoints` vitals sets for the chart, keeping each series' peaks and troughs.
 *
 * Why not LTTB on one series (say systolic) and take whole rows at its indices: a desaturation or a
 * heart-rate spike that does not move the blood pressure would be dropped, and those are the
 * events a clinician scans the chart for. Why not LTTB per series with each series keeping its own
 * points: the rows would no longer be real measurements (a tooltip would mix sets) and the chart
 * would get up to 5 x maxPoints rows. So: run LTTB on each of the five series with the same bucket
 * count, keep the union of the chosen indices as whole, real vitals sets, and pick the largest
 * bucket count whose union still fits in `maxPoints`. Each series then keeps its extreme in every
 * one of at least maxPoints / 5 buckets (in practice far more, as the series mostly choose the same
 * rows), and every series gets at most `maxPoints` points. First and last points are always kept.
 * Cost: about log2(maxPoints) LTTB passes of O(n) each: a few ms for 28,800 points.
 */
export function downsampleVitals(points: readonly VitalsPoint[], maxPoints: number): VitalsPoint[] {
  return downsampleVitalsFrom(points, maxPoints).points
}

/**
 * The same, also returning the bucket count it settled on. Pass that back as `hint` with the next
 * call: a live chart gains one point at a time, the answer rarely moves, and checking the hint and
 * the count above it (two LTTB rounds) replaces the ten or so rounds of the search. As the union
 * does not strictly grow with the count, a hinted answer can settle a few points below a full
 * search's; it is always within budget, with both ends and each series' extremes.
 */
export function downsampleVitalsFrom(
  points: readonly VitalsPoint[],
  maxPoints: number,
  hint?: number,
  /** The points as columns (vitalsColumns), when the caller keeps them between calls. */
  columns?: VitalsColumns
): { points: VitalsPoint[]; threshold: number } {
  const max = Math.floor(maxPoints)
  if (points.length <= max) return { points: [...points], threshold: max }
  if (max < 3 * VITAL_KEYS.length) return { points: lttb(points, max, (p) => p.t, (p) => p.systolic), threshold: max }

  const n = points.length
  const built = columns && columns.n === n ? columns : vitalsColumns(points)
  const xs = built.xs.subarray(0, n)
  const series = built.series.map((ys) => ys.subarray(0, n))

  const unionFor = (threshold: number): number[] => {
    const chosen = new Uint8Array(n)
    for (const ys of series) for (const i of lttbIndices(xs, ys, threshold)) chosen[i] = 1
    const indices: number[] = []
    for (let i = 0; i < n; i++) if (chosen[i]) indices.push(i)
    return indices
  }
  const pick = (indices: number[], threshold: number) => ({ points: indices.map((i) => points[i]!), threshold })

  // The union of five choices of `threshold` indices never exceeds 5 x threshold, so this one fits.
  let lo = Math.floor(max / VITAL_KEYS.length)
  let hi = max
  if (hint !== undefined && Number.isInteger(hint) && hint >= lo && hint <= hi) {
    const atHint = unionFor(hint)
    if (atHint.length <= max) {
      // Within a few points of the budget there is no room for another bucket: keep the hint
      // without trying the next count (one LTTB round instead of two).
      if (hint === hi || atHint.length > max - VITAL_KEYS.length || unionFor(hint + 1).length > max) return pick(atHint, hint)
      lo = hint
    } else hi = hint - 1
  }
  let best = unionFor(lo)
  // Largest threshold whose union fits (the union grows with the threshold, if not strictly).
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2)
    const union = unionFor(mid)
    if (union.length <= max) {
      lo = mid
      best = union
    } else {
      hi = mid - 1
    }
  }
  return pick(best, lo)
}

// ---------------------------------------------------------------------------------------------
// One data array for the chart
// ---------------------------------------------------------------------------------------------

/** A row of the chart's data: a vitals set, a subjective report, a corner of the rate step. */
export interface ChartRow {
  t: number
  systolic?: number
  diastolic?: number
  heartRate?: number
  spo2?: number
  respiratoryRate?: number
  intensity?: number
  intensityOf?: IntensityPoint['of']
  /** The rate in effect at t; absent before the infusion starts. */
  mgPerKgPerHour?: number
}

/**
 * Merges the (downsampled) vitals, the intensities and the rate step into one array in t order, as
 * recharts wants: its tooltip indexes the chart's own data and points at the wrong row as soon as
 * one series brings an array of its own (seen with recharts 3.10). Every row carries the rate in
 * effect at its time, so the tooltip shows it; each rate corner is a row of its own, and the lines
 * bridge the rows that lack their value (connectNulls). At equal t a rate corner comes first, so a
 * row at that instant carries the new rate, as a stepAfter line draws it.
 */
export function chartRows(
  vitals: readonly VitalsPoint[],
  rate: readonly RatePoint[],
  intensities: readonly IntensityPoint[] = []
): ChartRow[] {
  const rows: ChartRow[] = []
  let r = 0
  let current: number | undefined
  const cornersUpTo = (t: number): void => {
    while (r < rate.length && rate[r]!.t <= t) {
      const corner = rate[r++]!
      current = corner.mgPerKgPerHour
      rows.push({ t: corner.t, mgPerKgPerHour: current })
    }
  }
  let v = 0
  let n = 0
  while (v < vitals.length || n < intensities.length) {
    const vitalsNext = n >= intensities.length || (v < vitals.length && vitals[v]!.t <= intensities[n]!.t)
    let row: ChartRow
    if (vitalsNext) {
      row = { ...vitals[v++]! }
    } else {
      const report = intensities[n++]!
      row = { t: report.t, intensity: report.value, intensityOf: report.of }
    }
    cornersUpTo(row.t)
    if (current !== undefined) row.mgPerKgPerHour = current
    rows.push(row)
  }
  cornersUpTo(Infinity)
  return rows
}

// ---------------------------------------------------------------------------------------------
// Axis ticks
// ---------------------------------------------------------------------------------------------

const MINUTE_STEPS = [1, 2, 5, 10, 15, 30, 60, 120] as const

/** The round step (1, 2, 5, 10, 15, 30, 60, 120 min, then whole hours) that puts at most `maxTicks` ticks on `spanMin`. */
export function minuteStep(spanMin: number, maxTicks = 10): number {
  const span = Math.max(spanMin, 1e-9)
  return MINUTE_STEPS.find((s) => span / s <= maxTicks) ?? Math.ceil(span / maxTicks / 60) * 60
}

/** Whole-minute ticks on a round step (see minuteStep), at most about `maxTicks`. */
export function minuteTicks(domain: readonly [number, number], maxTicks = 10): number[] {
  const [lo, hi] = domain
  const step = minuteStep(hi - lo, maxTicks)
  const ticks: number[] = []
  for (let t = Math.ceil(lo / step) * step; t <= hi + 1e-9; t += step) ticks.push(t === 0 ? 0 : t)
  return ticks
}

/** The first index whose row is at or after t (rows.length when none is). */
function lowerBound(rows: readonly { t: number }[], t: number): number {
  let lo = 0
  let hi = rows.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (rows[mid]!.t < t) lo = mid + 1
    else hi = mid
  }
  return lo
}

/** The index of the row nearest to t (rows in t order; the first of equally near rows); null for no rows. */
export function nearestRowIndex(rows: readonly { t: number }[], t: number): number | null {
  if (rows.length === 0) return null
  const after = lowerBound(rows, t)
  if (after === 0) return 0
  // The first row at the time of the last one before t.
  const before = lowerBound(rows, rows[after - 1]!.t)
  if (after === rows.length) return before
  return t - rows[before]!.t <= rows[after]!.t - t ? before : after
}
