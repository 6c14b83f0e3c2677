/**
 * Where each row of a long virtualised list sits: its start and its height, measured once shown
 * and estimated before. Kept in growable typed arrays so a row added at the end costs one row
 * (a general-purpose virtualiser rebuilt all 29,000 offsets of an eight-hour record for each new
 * entry). Pure: no DOM, so it is unit-tested on its own.
 */
export class RowLayout {
  private starts = new Float64Array(64)
  private sizes = new Float64Array(64)
  private count = 0

  constructor(readonly estimate: number) {}

  get n(): number {
    return this.count
  }

  /** The height of all the rows together. */
  get total(): number {
    return this.count === 0 ? 0 : this.starts[this.count - 1]! + this.sizes[this.count - 1]!
  }

  start(i: number): number {
    return this.starts[i]!
  }

  size(i: number): number {
    return this.sizes[i]!
  }

  /**
   * `n` rows, the first `keep` of them as they are (the rows before are unchanged: new rows were
   * added after them), the others sized by `sizeOf` (a measured height) or the estimate.
   */
  reset(n: number, keep: number, sizeOf: (i: number) => number | undefined): void {
    const from = Math.max(0, Math.min(keep, this.count, n))
    if (n > this.starts.length) {
      const capacity = Math.max(n, Math.ceil(this.starts.length * 1.5))
      const starts = new Float64Array(capacity)
      const sizes = new Float64Array(capacity)
      starts.set(this.starts.subarray(0, from))
      sizes.set(this.sizes.subarray(0, from))
      this.starts = starts
      this.sizes = sizes
    }
    for (let i = from; i < n; i++) {
      const measured = sizeOf(i)
      this.sizes[i] = measured !== undefined && Number.isFinite(measured) && measured >= 0 ? measured : this.estimate
    }
    this.count = n
    this.restack(from)
  }

  /**
   * Sets measured heights (index, height); rows after the first changed one move. Returns how far
   * the rows starting above `anchor` grew together (negative: shrank), so a view scrolled to
   * `anchor` can move by as much and keep showing the same rows; 0 when nothing changed.
   */
  resize(changes: Iterable<readonly [number, number]>, anchor = 0): number {
    let first = Infinity
    let above = 0
    for (const [i, h] of changes) {
      if (i < 0 || i >= this.count || !Number.isFinite(h) || h < 0 || this.sizes[i] === h) continue
      if (this.starts[i]! < anchor) above += h - this.sizes[i]!
      this.sizes[i] = h
      first = Math.min(first, i)
    }
    if (first !== Infinity) this.restack(first)
    return above
  }

  /** The row at height y (the first or last row beyond the ends); -1 with no rows. */
  indexAt(y: number): number {
    if (this.count === 0) return -1
    let lo = 0
    let hi = this.count - 1
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1
      if (this.starts[mid]! <= y) lo = mid
      else hi = mid - 1
    }
    return lo
  }

  /** The rows a view from `top`, `height` high, shows, plus `overscan` on each side: [first, last], or null with no rows. */
  range(top: number, height: number, overscan: number): [number, number] | null {
    if (this.count === 0) return null
    const first = this.indexAt(top)
    const bottom = top + Math.max(0, height)
    let last = first
    while (last + 1 < this.count && this.starts[last + 1]! < bottom) last++
    return [Math.max(0, first - overscan), Math.min(this.count - 1, last + overscan)]
  }

  private restack(from: number): void {
    let at = from === 0 ? 0 : this.starts[from - 1]! + this.sizes[from - 1]!
    for (let i = from; i < this.count; i++) {
      this.starts[i] = at
      at += this.sizes[i]!
    }
  }
}
