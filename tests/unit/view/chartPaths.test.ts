import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { nearestRowIndex } from '../../../src/shared/view/chart'
import { linearScale, linePath, stepAfterPath, type Scale } from '../../../src/shared/view/chartPaths'

/** A linear scale from [d0, d1] onto [r0, r1], as the chart's axes are. */
const linear = (d0: number, d1: number, r0: number, r1: number): Scale => (v) => r0 + ((v - d0) / (d1 - d0)) * (r1 - r0)
const x = linear(0, 100, 0, 1000)
const y = linear(0, 250, 300, 0)

/** The (x, y) vertices a path visits, following M, L, H and V commands. */
function vertices(d: string): [number, number][] {
  const out: [number, number][] = []
  let cx = 0
  let cy = 0
  for (const [, cmd, args] of d.matchAll(/([MLHV])([^MLHV]*)/g)) {
    const nums = args!.split(',').map(Number)
    if (cmd === 'M' || cmd === 'L') [cx, cy] = [nums[0]!, nums[1]!]
    else if (cmd === 'H') cx = nums[0]!
    else cy = nums[0]!
    out.push([cx, cy])
  }
  return out
}

describe('linePath', () => {
  it('starts with a move and draws a line through every point in order, at the scaled positions', () => {
    const d = linePath([{ t: 0, v: 125 }, { t: 10, v: 50 }, { t: 50, v: 250 }], (p) => p.v, x, y)
    expect(d).toBe('M0,150L100,240L500,0')
  })

  it('bridges points that lack the value, as a line with connectNulls does', () => {
    const d = linePath([{ t: 0, v: 0 }, { t: 5 }, { t: 10, v: 250 }] as { t: number; v?: number }[], (p) => p.v, x, y)
    expect(d).toBe('M0,300L100,0')
  })

  it('is empty with no points, and skips what the scales cannot place', () => {
    expect(linePath([], (p: { t: number }) => p.t, x, y)).toBe('')
    const partial: Scale = (v) => (v > 20 ? undefined : v)
    expect(linePath([{ t: 10, v: 1 }, { t: 30, v: 2 }], (p) => p.v, partial, partial)).toBe('M10,1')
    expect(linePath([{ t: 1, v: Number.NaN }], (p) => p.v, x, y)).toBe('')
  })

  it('rounds to a tenth of a pixel', () => {
    expect(linePath([{ t: 0.01234, v: 0 }], (p) => p.v, x, y)).toBe('M0.1,300')
  })

  it('visits each point once, within a twentieth of a pixel of its exact position (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ t: fc.double({ min: -60, max: 600, noNaN: true }), v: fc.integer({ min: 0, max: 300 }) }), { maxLength: 50 }), (points) => {
        const got = vertices(linePath(points, (p) => p.v, x, y))
        expect(got).toHaveLength(points.length)
        got.forEach(([gx, gy], i) => {
          expect(Math.abs(gx - x(points[i]!.t)!)).toBeLessThanOrEqual(0.05 + 1e-9)
          expect(Math.abs(gy - y(points[i]!.v)!)).toBeLessThanOrEqual(0.05 + 1e-9)
        })
      })
    )
  })
})

describe('stepAfterPath', () => {
  const rate = linear(0, 1, 300, 0)

  it('holds each rate until the next corner, then moves to the new rate', () => {
    const d = stepAfterPath([{ t: 0, value: 0.5 }, { t: 20, value: 0.75 }, { t: 30, value: 0 }], x, rate)
    expect(d).toBe('M0,150H200V75H300V300')
    expect(vertices(d)).toEqual([[0, 150], [200, 150], [200, 75], [300, 75], [300, 300]])
  })

  it('is one point for one corner and empty for none', () => {
    expect(stepAfterPath([{ t: 10, value: 1 }], x, rate)).toBe('M100,0')
    expect(stepAfterPath([], x, rate)).toBe('')
  })

  it('only ever moves horizontally or vertically after its start (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ t: fc.integer({ min: 0, max: 100 }), value: fc.double({ min: 0, max: 1, noNaN: true }) }), { minLength: 1, maxLength: 30 }),
        (raw) => {
          const corners = [...raw].sort((a, b) => a.t - b.t)
          const d = stepAfterPath(corners, x, rate)
          expect(d.startsWith('M')).toBe(true)
          expect(d.slice(1)).not.toMatch(/[ML]/)
          const got = vertices(d)
          // Every corner's value is reached at its time.
          corners.forEach((c, i) => {
            const [vx, vy] = got[i === 0 ? 0 : 2 * i]!
            expect(Math.abs(vx - x(c.t)!)).toBeLessThanOrEqual(0.05 + 1e-9)
            expect(Math.abs(vy - rate(c.value)!)).toBeLessThanOrEqual(0.05 + 1e-9)
          })
        }
      )
    )
  })
})

describe('nearestRowIndex', () => {
  const rows = [{ t: 0 }, { t: 10 }, { t: 20 }, { t: 20 }, { t: 35 }]

  it('finds the row nearest to t, the earlier one on a tie, and clamps at the ends', () => {
    expect(nearestRowIndex(rows, -5)).toBe(0)
    expect(nearestRowIndex(rows, 4)).toBe(0)
    expect(nearestRowIndex(rows, 5)).toBe(0)
    expect(nearestRowIndex(rows, 6)).toBe(1)
    expect(nearestRowIndex(rows, 20)).toBe(2)
    expect(nearestRowIndex(rows, 28)).toBe(4)
    expect(nearestRowIndex(rows, 1000)).toBe(4)
    expect(nearestRowIndex([], 3)).toBeNull()
  })

  it('agrees with a linear scan (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -100, max: 100 }), { minLength: 1, maxLength: 40 }), fc.double({ min: -150, max: 150, noNaN: true }), (ts, t) => {
        const sorted = [...ts].sort((a, b) => a - b).map((v) => ({ t: v }))
        const i = nearestRowIndex(sorted, t)!
        const best = Math.min(...sorted.map((r) => Math.abs(r.t - t)))
        expect(Math.abs(sorted[i]!.t - t)).toBe(best)
        expect(sorted.findIndex((r) => Math.abs(r.t - t) === best)).toBe(i)
      })
    )
  })
})

describe('linearScale', () => {
  it('maps as the scale does, for a linear scale', () => {
    const s = linear(-30, 480, 60, 1180)
    const fast = linearScale(s)
    for (const v of [-30, 0, 12.5, 333, 480, 1e4]) expect(fast(v)).toBeCloseTo(s(v)!, 9)
  })

  it('keeps a scale that is not linear, or cannot place the probe points, as it is', () => {
    const log: Scale = (v) => Math.log10(v)
    expect(linearScale(log)).toBe(log)
    const partial: Scale = (v) => (v > 100 ? undefined : v)
    expect(linearScale(partial)).toBe(partial)
    const sqrt: Scale = (v) => Math.sqrt(v)
    expect(linearScale(sqrt)).toBe(sqrt)
  })
})

describe('path numbers', () => {
  it('are written as a tenth-rounded number would print, negatives and whole numbers included (property)', () => {
    const identity: Scale = (v) => v
    fc.assert(
      fc.property(fc.double({ min: -1e5, max: 1e5, noNaN: true }), fc.double({ min: -1e5, max: 1e5, noNaN: true }), (a, b) => {
        const want = `M${String(Math.round(a * 10) / 10)},${String(Math.round(b * 10) / 10)}`
        expect(linePath([{ t: a, v: b }], (p) => p.v, identity, identity)).toBe(want)
      }),
      { numRuns: 2000 }
    )
    expect(linePath([{ t: -0.04, v: 0.96 }], (p) => p.v, identity, identity)).toBe('M0,1')
    expect(linePath([{ t: -12.35, v: 7.05 }], (p) => p.v, identity, identity)).toBe(`M${Math.round(-123.5) / 10},${Math.round(70.5) / 10}`)
  })
})
