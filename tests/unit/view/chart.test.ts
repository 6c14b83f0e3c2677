import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import {
  chartRows,
  chartSeries,
  downsampleVitals,
  lttb,
  lttbIndices,
  minuteStep,
  minuteTicks,
  rateSteps,
  type VitalsPoint
} from '../../../src/shared/view/chart'
import type { EntryInput, SessionEvent, VitalsPayload } from '../../../src/shared/record/events'
import type { SessionPlan } from '../../../src/shared/record/plan'
import { effectiveEntries } from '../../../src/shared/record/record'

const MIN = 60_000
const T0 = Date.UTC(2025, 0, 6, 9, 0, 0)

const plan: SessionPlan = {
  weightKg: 80,
  route: 'IV',
  drug: 'racemic ketamine',
  concentrationMgPerMl: 1,
  bagVolumeMl: 100,
  plannedDose: { kind: 'mg/kg', value: 0.5 },
  plannedDurationMin: 40
}

/** A tiny append-only log: clinical entries, corrections and voids, numbered as the store would. */
function log() {
  const events: SessionEvent[] = []
  const base = (type: SessionEvent['type'], occurredAt: number, payload: unknown, amends: number | null = null) => {
    const seq = events.length + 1
    const e: SessionEvent = {
      id: seq,
      sessionId: 1,
      seq,
      type,
      occurredAt,
      recordedAt: occurredAt,
      authorId: 1,
      source: { kind: 'staff' },
      payload,
      amendsEventId: amends,
      reason: amends === null ? null : 'typo'
    }
    events.push(e)
    return e.id
  }
  return {
    events,
    add(at: number, entry: EntryInput): number {
      const { type, ...payload } = entry
      return base(type, at, payload)
    },
    correct(id: number, at: number, entry: EntryInput): number {
      return base('correction', at, { entry, occurredAt: at }, id)
    },
    void(id: number): number {
      return base('entered_in_error', T0, {}, id)
    },
    entries: () => effectiveEntries(events)
  }
}

const vitals = (v: Partial<VitalsPayload> = {}): EntryInput => ({
  type: 'vitals',
  vitals: { systolic: 120, diastolic: 80, heartRate: 70, spo2: 98, respiratoryRate: 14, ...v }
})

describe('lttb', () => {
  const series = (n: number) => Array.from({ length: n }, (_, i) => ({ x: i, y: Math.sin(i / 10) * 10 }))
  const X = (p: { x: number }) => p.x
  const Y = (p: { y: number }) => p.y

  it('keeps the first and last points and returns exactly threshold points', () => {
    const data = series(1000)
    const out = lttb(data, 100, X, Y)
    expect(out).toHaveLength(100)
    expect(out[0]).toBe(data[0])
    expect(out[out.length - 1]).toBe(data[999])
  })

  it('keeps an isolated spike', () => {
    const data = Array.from({ length: 2000 }, (_, i) => ({ x: i, y: i === 1234 ? 500 : 100 }))
    const out = lttb(data, 40, X, Y)
    expect(out.map((p) => p.x)).toContain(1234)
  })

  it('keeps an isolated dip as well as a spike', () => {
    const data = Array.from({ length: 5000 }, (_, i) => ({ x: i, y: i === 77 ? 85 : i === 4000 ? 140 : 98 }))
    const xs = lttb(data, 30, X, Y).map((p) => p.x)
    expect(xs).toContain(77)
    expect(xs).toContain(4000)
  })

  it('returns the input unchanged when it has threshold points or fewer, or threshold < 3', () => {
    const data = series(50)
    expect(lttb(data, 50, X, Y)).toEqual(data)
    expect(lttb(data, 500, X, Y)).toEqual(data)
    expect(lttb(data, 2, X, Y)).toEqual(data)
    expect(lttb<{ x: number; y: number }>([], 10, X, Y)).toEqual([])
  })

  it('chooses ascending original indices, one per bucket, for any input', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 3, maxLength: 400 }),
        fc.integer({ min: 3, max: 400 }),
        (ys, threshold) => {
          const xs = ys.map((_, i) => i * 1.5)
          const idx = lttbIndices(xs, ys, threshold)
          expect(idx).toHaveLength(Math.min(ys.length, threshold))
          expect(idx[0]).toBe(0)
          expect(idx[idx.length - 1]).toBe(ys.length - 1)
          for (let i = 1; i < idx.length; i++) expect(idx[i]!).toBeGreaterThan(idx[i - 1]!)
        }
      )
    )
  })
})

describe('chartSeries', () => {
  it('draws vitals with their corrected values and leaves voided vitals out', () => {
    const l = log()
    const start = T0 + 10 * MIN
    const a = l.add(T0 + 5 * MIN, vitals({ systolic: 200 }))
    const b = l.add(T0 + 8 * MIN, vitals({ heartRate: 150 }))
    l.add(start, { type: 'infusion_started', rate: { value: 0.75, unit: 'mg/kg/h' } })
    l.add(start + 5 * MIN, vitals({ spo2: 95 }))
    l.correct(a, T0 + 6 * MIN, vitals({ systolic: 130 }))
    l.void(b)

    const s = chartSeries(l.entries(), plan, start, start + 12 * MIN)
    expect(s.vitals).toEqual([
      { t: -4, systolic: 130, diastolic: 80, heartRate: 70, spo2: 98, respiratoryRate: 14 },
      { t: 5, systolic: 120, diastolic: 80, heartRate: 70, spo2: 95, respiratoryRate: 14 }
    ])
    expect(s.fromInfusionStart).toBe(true)
    expect(s.xDomain).toEqual([-4, 12])
  })

  it('counts minutes from the first entry before the infusion starts', () => {
    const l = log()
    l.add(T0, vitals())
    l.add(T0 + 3 * MIN, vitals({ heartRate: 90 }))
    const s = chartSeries(l.entries(), plan, null, T0 + 4 * MIN)
    expect(s.vitals.map((p) => p.t)).toEqual([0, 3])
    expect(s.fromInfusionStart).toBe(false)
    expect(s.rate).toEqual([])
    expect(s.xDomain).toEqual([0, 10])
  })

  it('steps the rate in mg/kg/h, down to 0 while paused, back up on resume and carried on to now', () => {
    const l = log()
    l.add(T0, { type: 'infusion_started', rate: { value: 0.5, unit: 'mg/kg/h' } })
    l.add(T0 + 10 * MIN, { type: 'rate_changed', rate: { value: 80, unit: 'mg/h' } })
    l.add(T0 + 15 * MIN, { type: 'infusion_paused', reason: 'Nausea' })
    l.add(T0 + 20 * MIN, { type: 'infusion_resumed' })
    const s = chartSeries(l.entries(), plan, T0, T0 + 30 * MIN)
    expect(s.rate).toEqual([
      { t: 0, mgPerKgPerHour: 0.5 },
      { t: 10, mgPerKgPerHour: 1 },
      { t: 15, mgPerKgPerHour: 0 },
      { t: 20, mgPerKgPerHour: 1 },
      { t: 30, mgPerKgPerHour: 1 }
    ])
  })

  it('drops the rate to 0 after a stop and holds it there up to now', () => {
    const l = log()
    l.add(T0, { type: 'infusion_started', rate: { value: 0.75, unit: 'mg/kg/h' } })
    l.add(T0 + 40 * MIN, { type: 'infusion_stopped' })
    const s = chartSeries(l.entries(), plan, T0, T0 + 55 * MIN)
    expect(s.rate).toEqual([
      { t: 0, mgPerKgPerHour: 0.75 },
      { t: 40, mgPerKgPerHour: 0 },
      { t: 55, mgPerKgPerHour: 0 }
    ])
  })

  it('holds 0 to now while paused', () => {
    const l = log()
    l.add(T0, { type: 'infusion_started', rate: { value: 0.75, unit: 'mg/kg/h' } })
    l.add(T0 + 5 * MIN, { type: 'infusion_paused', reason: 'BP high' })
    const s = chartSeries(l.entries(), plan, T0, T0 + 9 * MIN)
    expect(s.rate.map((p) => [p.t, p.mgPerKgPerHour])).toEqual([
      [0, 0.75],
      [5, 0],
      [9, 0]
    ])
  })

  it('marks start, pauses, notes, adverse events and stop, with subjective intensities', () => {
    const l = log()
    l.add(T0, { type: 'infusion_started', rate: { value: 0.75, unit: 'mg/kg/h' } })
    l.add(T0 + 4 * MIN, {
      type: 'note',
      note: { noteType: 'subjective_report', text: 'Feels floaty', intensity: 6, intensityOf: 'dissociation' }
    })
    l.add(T0 + 6 * MIN, { type: 'infusion_paused', reason: 'Vomiting' })
    l.add(T0 + 6 * MIN, { type: 'note', note: { noteType: 'adverse_event', text: 'Vomited once' } })
    const voided = l.add(T0 + 7 * MIN, { type: 'note', note: { noteType: 'observation', text: 'wrong patient' } })
    l.void(voided)
    l.add(T0 + 8 * MIN, { type: 'infusion_resumed' })
    l.add(T0 + 30 * MIN, { type: 'infusion_stopped' })

    const s = chartSeries(l.entries(), plan, T0, T0 + 31 * MIN)
    expect(s.markers.map(({ t, kind, label }) => ({ t, kind, label }))).toEqual([
      { t: 0, kind: 'start', label: 'Start' },
      { t: 4, kind: 'note', label: 'Report' },
      { t: 6, kind: 'pause', label: 'Pause' },
      { t: 6, kind: 'adverse_event', label: 'AE' },
      { t: 30, kind: 'stop', label: 'Stop' }
    ])
    expect(s.markers[2]!.detail).toBe('Paused: Vomiting')
    expect(s.markers[3]!.detail).toBe('Vomited once')
    expect(s.intensities).toEqual([{ t: 4, value: 6, of: 'dissociation' }])
  })
})

describe('downsampleVitals', () => {
  // Eight hours at one set a second, with one desaturation and one tachycardia blip.
  const N = 28_800
  const points: VitalsPoint[] = Array.from({ length: N }, (_, i) => ({
    t: i / 60,
    systolic: 120 + 10 * Math.sin(i / 900) + ((i * 7919) % 5),
    diastolic: 80 + 5 * Math.sin(i / 700) + ((i * 104729) % 3),
    heartRate: i === 20_000 ? 160 : 72 + ((i * 31) % 4),
    spo2: i === 9_999 ? 84 : 97 + ((i * 13) % 2),
    respiratoryRate: i === 14_000 ? 6 : 14 + ((i * 17) % 3)
  }))

  it('brings 28,800 sets down to at most maxPoints, keeping both ends and each series’ outliers', () => {
    const out = downsampleVitals(points, 900)
    expect(out.length).toBeLessThanOrEqual(900)
    expect(out.length).toBeGreaterThan(450)
    expect(out[0]).toBe(points[0])
    expect(out[out.length - 1]).toBe(points[N - 1])
    expect(out).toContain(points[9_999])
    expect(out).toContain(points[20_000])
    // A slowed breathing rate is kept even when nothing else moved.
    expect(out).toContain(points[14_000])
    for (let i = 1; i < out.length; i++) expect(out[i]!.t).toBeGreaterThan(out[i - 1]!.t)
  })

  it('leaves short series alone and copes with tiny budgets', () => {
    expect(downsampleVitals(points.slice(0, 10), 900)).toEqual(points.slice(0, 10))
    expect(downsampleVitals(points, 5)).toHaveLength(5)
  })
})

describe('chartRows', () => {
  const v = (t: number, systolic = 120): VitalsPoint => ({ t, systolic, diastolic: 80, heartRate: 70, spo2: 98, respiratoryRate: 14 })

  it('merges vitals, reports and rate corners in time order, each row carrying the rate in effect', () => {
    const rows = chartRows(
      [v(-5), v(2), v(10)],
      [
        { t: 0, mgPerKgPerHour: 0.5 },
        { t: 10, mgPerKgPerHour: 0 }
      ],
      [{ t: 4, value: 7, of: 'anxiety' }]
    )
    expect(rows).toEqual([
      { ...v(-5) },
      { t: 0, mgPerKgPerHour: 0.5 },
      { ...v(2), mgPerKgPerHour: 0.5 },
      { t: 4, intensity: 7, intensityOf: 'anxiety', mgPerKgPerHour: 0.5 },
      { t: 10, mgPerKgPerHour: 0 },
      { ...v(10), mgPerKgPerHour: 0 }
    ])
  })

  it('keeps rate corners after the last vitals set', () => {
    expect(chartRows([v(1)], [{ t: 0, mgPerKgPerHour: 1 }, { t: 5, mgPerKgPerHour: 0 }]).map((r) => r.t)).toEqual([0, 1, 5])
  })
})

describe('rateSteps', () => {
  it('is the rate series without the run-on to now', () => {
    const l = log()
    l.add(T0, { type: 'infusion_started', rate: { value: 40, unit: 'mg/h' } })
    expect(rateSteps(l.entries(), plan, T0)).toEqual([{ t: 0, mgPerKgPerHour: 0.5 }])
    expect(chartSeries(l.entries(), plan, T0, T0 + 3 * MIN).rate).toEqual([
      { t: 0, mgPerKgPerHour: 0.5 },
      { t: 3, mgPerKgPerHour: 0.5 }
    ])
  })

  it('is empty before the infusion starts, and a voided start draws nothing', () => {
    const l = log()
    const start = l.add(T0, { type: 'infusion_started', rate: { value: 0.5, unit: 'mg/kg/h' } })
    l.void(start)
    expect(rateSteps(l.entries(), plan, T0)).toEqual([])
    expect(chartSeries(l.entries(), plan, null, T0 + MIN).markers).toEqual([])
  })
})

describe('minuteTicks', () => {
  it('picks a round step for the span', () => {
    expect(minuteStep(8)).toBe(1)
    expect(minuteStep(45)).toBe(5)
    expect(minuteStep(480)).toBe(60)
    expect(minuteStep(1500)).toBe(180)
  })

  it('puts round-minute ticks across the domain, zero included', () => {
    expect(minuteTicks([-4, 12])).toEqual([-4, -2, 0, 2, 4, 6, 8, 10, 12])
    expect(minuteTicks([0, 480], 10)).toEqual([0, 60, 120, 180, 240, 300, 360, 420, 480])
  })
})
