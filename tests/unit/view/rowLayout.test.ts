import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { RowLayout } from '../../../src/shared/view/rowLayout'

/** Starts and sizes, computed the plain way. */
function naive(sizes: number[]): { starts: number[]; total: number } {
  const starts: number[] = []
  let at = 0
  for (const s of sizes) {
    starts.push(at)
    at += s
  }
  return { starts, total: at }
}

const of = (layout: RowLayout) => ({
  starts: Array.from({ length: layout.n }, (_, i) => layout.start(i)),
  sizes: Array.from({ length: layout.n }, (_, i) => layout.size(i)),
  total: layout.total
})

describe('RowLayout', () => {
  it('stacks estimated rows, then moves the rows after a measured one', () => {
    const layout = new RowLayout(60)
    layout.reset(4, 0, () => undefined)
    expect(of(layout)).toEqual({ starts: [0, 60, 120, 180], sizes: [60, 60, 60, 60], total: 240 })
    layout.resize([[1, 80]])
    expect(of(layout)).toEqual({ starts: [0, 60, 140, 200], sizes: [60, 80, 60, 60], total: 260 })
  })

  it('adds rows at the end without touching the rows before, and uses a measured height it already knows', () => {
    const layout = new RowLayout(60)
    layout.reset(2, 0, () => undefined)
    layout.resize([[0, 50], [1, 70]])
    layout.reset(4, 2, (i) => (i === 3 ? 90 : undefined))
    expect(of(layout)).toEqual({ starts: [0, 50, 120, 180], sizes: [50, 70, 60, 90], total: 270 })
  })

  it('tells how much the rows above an anchor grew, so the view can keep its place', () => {
    const layout = new RowLayout(60)
    layout.reset(5, 0, () => undefined)
    expect(layout.resize([[0, 70], [1, 55], [4, 100]], 120)).toBe(5)
    expect(layout.resize([[0, 70]], 120)).toBe(0)
  })

  it('finds the rows in view with their overscan, clamped to the list', () => {
    const layout = new RowLayout(50)
    layout.reset(100, 0, () => undefined)
    expect(layout.range(0, 460, 2)).toEqual([0, 11])
    expect(layout.range(1000, 460, 3)).toEqual([17, 32])
    expect(layout.range(4950, 460, 3)).toEqual([96, 99])
    expect(new RowLayout(50).range(0, 460, 3)).toBeNull()
    expect(layout.indexAt(-10)).toBe(0)
    expect(layout.indexAt(99_999)).toBe(99)
  })

  it('whatever the additions, rebuilds and measurements, agrees with stacking the sizes plainly (property)', () => {
    type Op = { kind: 'grow'; by: number } | { kind: 'rebuild'; n: number } | { kind: 'measure'; at: number; h: number }
    const opArb: fc.Arbitrary<Op> = fc.oneof(
      fc.record({ kind: fc.constant('grow' as const), by: fc.integer({ min: 0, max: 120 }) }),
      fc.record({ kind: fc.constant('rebuild' as const), n: fc.integer({ min: 0, max: 150 }) }),
      fc.record({ kind: fc.constant('measure' as const), at: fc.nat(), h: fc.integer({ min: 0, max: 200 }) })
    )
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 30 }), (ops) => {
        const layout = new RowLayout(64)
        const known = new Map<number, number>()
        let sizes: number[] = []
        for (const op of ops) {
          if (op.kind === 'grow') {
            const n = sizes.length + op.by
            layout.reset(n, sizes.length, (i) => known.get(i))
            sizes = Array.from({ length: n }, (_, i) => (i < sizes.length ? sizes[i]! : known.get(i) ?? 64))
          } else if (op.kind === 'rebuild') {
            layout.reset(op.n, 0, (i) => known.get(i))
            sizes = Array.from({ length: op.n }, (_, i) => known.get(i) ?? 64)
          } else if (sizes.length > 0) {
            const i = op.at % sizes.length
            known.set(i, op.h)
            layout.resize([[i, op.h]])
            sizes[i] = op.h
          }
          const want = naive(sizes)
          expect(of(layout)).toEqual({ starts: want.starts, sizes, total: want.total })
        }
      })
    )
  })

  it('shows every row that overlaps the view (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 200 }), { minLength: 1, maxLength: 80 }), fc.nat(20_000), fc.integer({ min: 1, max: 900 }), (sizes, top, height) => {
        const layout = new RowLayout(64)
        layout.reset(sizes.length, 0, (i) => sizes[i])
        const [first, last] = layout.range(top, height, 0)!
        const { starts } = naive(sizes)
        sizes.forEach((s, i) => {
          const overlaps = starts[i]! < top + height && starts[i]! + s > top
          if (overlaps) expect(i >= first && i <= last).toBe(true)
        })
      })
    )
  })
})
