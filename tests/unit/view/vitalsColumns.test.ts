import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { downsampleVitalsFrom, vitalsColumns, type VitalsColumns, type VitalsPoint } from '../../../src/shared/view/chart'

const pointsArb = fc
  .array(fc.record({ systolic: fc.integer({ min: 60, max: 250 }), diastolic: fc.integer({ min: 30, max: 150 }), heartRate: fc.integer({ min: 30, max: 200 }), spo2: fc.integer({ min: 50, max: 100 }), respiratoryRate: fc.integer({ min: 0, max: 60 }) }), { maxLength: 400 })
  .map((vs) => vs.map((v, i): VitalsPoint => ({ t: i / 60, ...v })))

const filled = (c: VitalsColumns) => ({ xs: [...c.xs.subarray(0, c.n)], series: c.series.map((ys) => [...ys.subarray(0, c.n)]) })

describe('vitalsColumns', () => {
  it('holds each point in its row: t, systolic, diastolic, heart rate, SpO2, respiratory rate', () => {
    const c = vitalsColumns([{ t: 1.5, systolic: 120, diastolic: 80, heartRate: 70, spo2: 97, respiratoryRate: 12 }])
    expect(filled(c)).toEqual({ xs: [1.5], series: [[120], [80], [70], [97], [12]] })
  })

  it('extended one batch at a time equals the columns built at once, whatever the batches (property)', () => {
    fc.assert(
      fc.property(pointsArb, fc.array(fc.nat(), { maxLength: 8 }), (points, cuts) => {
        const ends = [...new Set(cuts.map((c) => c % (points.length + 1))), points.length].sort((a, b) => a - b)
        let cols: VitalsColumns | undefined
        for (const end of ends) cols = vitalsColumns(points.slice(0, end), cols)
        expect(cols!.n).toBe(points.length)
        expect(filled(cols!)).toEqual(filled(vitalsColumns(points)))
      })
    )
  })

  it('gives downsampleVitalsFrom the same answer as the points alone (property)', () => {
    fc.assert(
      fc.property(pointsArb, fc.integer({ min: 12, max: 120 }), (points, max) => {
        const grown = vitalsColumns(points, vitalsColumns(points.slice(0, Math.floor(points.length / 2))))
        expect(downsampleVitalsFrom(points, max, undefined, grown)).toEqual(downsampleVitalsFrom(points, max))
      })
    )
  })
})
