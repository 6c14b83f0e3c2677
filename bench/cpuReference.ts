/**
 * A reference for CPU-bound figures: sorting a fixed 200,000 numbers in this Node process. Browser
 * figures get their own reference measured in the page (see lib/browser.ts).
 */
import { Figures } from './lib/figures'
import { median, nowMs, prng } from './lib/stats'

export let cpuReferenceMs = Number.NaN

export function benchCpuReference(figures: Figures): void {
  const rand = prng(1)
  const data = Float64Array.from({ length: 200_000 }, () => rand())
  const runs = Array.from({ length: 7 }, () => {
    const copy = Array.from(data)
    const t0 = nowMs()
    copy.sort((a, b) => a - b)
    return nowMs() - t0
  })
  cpuReferenceMs = figures.add('cpu_ref_sort_ms', median(runs.slice(1)), 'ms')
}
