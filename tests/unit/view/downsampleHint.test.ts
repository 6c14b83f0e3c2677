import { describe, expect, it } from 'vitest'
import { downsampleVitals, downsampleVitalsFrom, type VitalsPoint } from '../../../src/shared/view/chart'

// A live chart: an eight-hour record that gains one set a second.
const points: VitalsPoint[] = Array.from({ length: 12_000 }, (_, i) => ({
  t: i / 60,
  systolic: 120 + 10 * Math.sin(i / 900) + ((i * 7919) % 5),
  diastolic: 80 + 5 * Math.sin(i / 700) + ((i * 104729) % 3),
  heartRate: i === 7_000 ? 160 : 72 + ((i * 31) % 4),
  spo2: i === 9_999 ? 84 : 97 + ((i * 13) % 2),
  respiratoryRate: 14 + ((i * 17) % 3)
}))

describe('downsampling with the last answer as a hint', () => {
  // The union of the four series' choices does not always grow with the bucket count, so the
  // hinted answer may settle a few points below the full search's: never over budget, never far off.
  it('stays within the budget and within 5% of a full search as the record grows one set at a time', () => {
    let hint: number | undefined
    for (let n = 11_980; n <= points.length; n++) {
      const data = points.slice(0, n)
      const hinted = downsampleVitalsFrom(data, 450, hint)
      hint = hinted.threshold
      const full = downsampleVitals(data, 450)
      expect(hinted.points.length).toBeLessThanOrEqual(450)
      expect(hinted.points.length).toBeGreaterThanOrEqual(Math.floor(full.length * 0.95))
      expect(hinted.points[0]).toBe(data[0])
      expect(hinted.points[hinted.points.length - 1]).toBe(data[n - 1])
    }
  })

  it('with the full search’s own answer as the hint, gives the full search’s points', () => {
    const full = downsampleVitalsFrom(points, 450)
    expect(downsampleVitalsFrom(points, 450, full.threshold).points).toEqual(full.points)
  })

  it('ignores a hint that is out of range or not a whole number', () => {
    const full = downsampleVitals(points, 450)
    for (const hint of [-1, 0, 3.5, 10_000, Number.NaN]) expect(downsampleVitalsFrom(points, 450, hint).points).toEqual(full)
  })

  it('keeps within the budget and keeps the ends and the outliers', () => {
    const { points: out } = downsampleVitalsFrom(points, 450, 200)
    expect(out.length).toBeLessThanOrEqual(450)
    expect(out[0]).toBe(points[0])
    expect(out[out.length - 1]).toBe(points[points.length - 1])
    expect(out).toContain(points[7_000])
    expect(out).toContain(points[9_999])
  })
})
