/**
 * SVG path data for the console chart's series, built once per record change from the
 * (downsampled) points and the chart's scales. One path per series instead of a charting
 * library's per-point objects: an eight-hour record redraws in well under a frame.
 */

/** Maps a data value to a pixel; undefined or non-finite for a value it cannot place. */
export type Scale = (value: number) => number | undefined

/**
 * The same mapping as `scale` as a plain a + b * v when `scale` is linear (checked at three
 * points: the chart's number axes are), which is many times cheaper per point than a charting
 * library's scale object; `scale` itself otherwise.
 */
export function linearScale(scale: Scale): Scale {
  const s0 = scale(0)
  const s1 = scale(1)
  const s1000 = scale(1000)
  if (s0 === undefined || s1 === undefined || s1000 === undefined || ![s0, s1, s1000].every(Number.isFinite)) return scale
  const b = s1 - s0
  const predicted = s0 + 1000 * b
  if (Math.abs(predicted - s1000) > 1e-6 * Math.max(1, Math.abs(s1000))) return scale
  return (v) => s0 + b * v
}

/** One decimal is a tenth of a pixel: finer cannot be seen, and the path stays short. */
function px(v: number): string {
  // Whole tenths written as integers: the same text as String(Math.round(v * 10) / 10), about
  // four times faster than formatting the float (thousands of these per redraw).
  const r = Math.round(v * 10)
  const a = r < 0 ? -r : r
  const whole = (a / 10) | 0
  const frac = a - whole * 10
  return (r < 0 ? '-' : '') + (frac === 0 ? String(whole) : `${whole}.${frac}`)
}

function place(scale: Scale, value: number): number | null {
  const p = scale(value)
  return p === undefined || !Number.isFinite(p) ? null : p
}

/**
 * A polyline through every point whose value is a number, in the given order; points without one
 * are bridged (as a line with connectNulls), and points the scales cannot place are skipped.
 * Empty string when no point can be drawn.
 */
export function linePath<T extends { t: number }>(points: readonly T[], value: (p: T) => number | undefined, x: Scale, y: Scale): string {
  let d = ''
  for (const p of points) {
    const v = value(p)
    if (v === undefined || !Number.isFinite(v)) continue
    const px_ = place(x, p.t)
    const py = place(y, v)
    if (px_ === null || py === null) continue
    d += `${d === '' ? 'M' : 'L'}${px(px_)},${px(py)}`
  }
  return d
}

/**
 * A step line that holds each value until the next point's time, then moves to the next value
 * (recharts' "stepAfter"): the delivered rate, which changes at its corners and stays flat between.
 * It ends at the last point; what runs on to now is drawn apart (it follows the clock).
 */
export function stepAfterPath(points: readonly { t: number; value: number }[], x: Scale, y: Scale): string {
  let d = ''
  let lastY: number | null = null
  for (const p of points) {
    const px_ = place(x, p.t)
    const py = place(y, p.value)
    if (px_ === null || py === null) continue
    if (lastY === null) d += `M${px(px_)},${px(py)}`
    else d += `H${px(px_)}V${px(py)}`
    lastY = py
  }
  return d
}
