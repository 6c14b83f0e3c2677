import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  convertMgPerHour,
  deliveredDoseMg,
  infusingMs,
  RATE_UNITS,
  rateSegments,
  rateToMgPerHour,
  sequenceProblem,
  transitionProblem,
  type DosingContext,
  type InfusionAction,
  type InfusionStatus,
  type Rate
} from '../../../src/shared/record/infusion'

const MIN = 60_000
const HOUR = 60 * MIN

const ctxArb: fc.Arbitrary<DosingContext> = fc.record({
  weightKg: fc.double({ min: 20, max: 350, noNaN: true }),
  concentrationMgPerMl: fc.double({ min: 0.1, max: 100, noNaN: true })
})
const rateArb: fc.Arbitrary<Rate> = fc.record({
  value: fc.double({ min: 0.01, max: 1000, noNaN: true }),
  unit: fc.constantFrom(...RATE_UNITS)
})

/** What may follow each status, written independently of the code under test. */
const NEXT: Record<InfusionStatus, InfusionAction['type'][]> = {
  not_started: ['infusion_started'],
  running: ['rate_changed', 'infusion_paused', 'infusion_stopped'],
  paused: ['infusion_resumed', 'infusion_stopped'],
  stopped: []
}
const AFTER: Record<InfusionAction['type'], InfusionStatus> = {
  infusion_started: 'running',
  rate_changed: 'running',
  infusion_paused: 'paused',
  infusion_resumed: 'running',
  infusion_stopped: 'stopped'
}

interface Step {
  pick: number
  gapMs: number
  rate: Rate
}
const stepArb = (minGapMs: number): fc.Arbitrary<Step> =>
  fc.record({
    pick: fc.nat({ max: 20 }),
    // Zero gaps exercise equal clinical times.
    gapMs: fc.oneof(fc.constant(minGapMs), fc.integer({ min: minGapMs, max: 30 * MIN })),
    rate: rateArb
  })

/** A valid sequence, in clinical (and entry) order, built by walking the state machine. */
function buildActions(startAt: number, startRate: Rate, steps: Step[]): InfusionAction[] {
  const actions: InfusionAction[] = [{ type: 'infusion_started', at: startAt, rate: startRate }]
  let status: InfusionStatus = 'running'
  let t = startAt
  for (const s of steps) {
    const options: InfusionAction['type'][] = NEXT[status]
    if (options.length === 0) break
    const type: InfusionAction['type'] = options[s.pick % options.length]!
    t += s.gapMs
    actions.push(type === 'rate_changed' ? { type, at: t, rate: s.rate } : ({ type, at: t } as InfusionAction))
    status = AFTER[type]
  }
  return actions
}

const sequenceArb = (minGapMs = 0) =>
  fc
    .tuple(fc.integer({ min: 0, max: 10 * HOUR }), rateArb, fc.array(stepArb(minGapMs), { maxLength: 25 }))
    .map(([startAt, rate, steps]) => buildActions(startAt, rate, steps))

/** A plain step-by-step integral: the oracle, independent of rateSegments. */
function oracleDoseMg(ordered: InfusionAction[], ctx: DosingContext, at: number): number {
  let total = 0
  let running = false
  let setMgPerHour = 0
  let since = -Infinity
  for (const a of ordered) {
    if (a.at > at) break
    if (running) total += (setMgPerHour * (a.at - since)) / HOUR
    since = a.at
    if (a.type === 'infusion_started' || a.type === 'rate_changed') setMgPerHour = rateToMgPerHour(a.rate, ctx)
    running = a.type === 'infusion_started' || a.type === 'rate_changed' || a.type === 'infusion_resumed'
  }
  if (running && at > since) total += (setMgPerHour * (at - since)) / HOUR
  return total
}

const closeTo = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b))

describe('infusion properties', () => {
  it('generated sequences are all valid', () => {
    fc.assert(
      fc.property(sequenceArb(), ctxArb, (actions, ctx) => {
        expect(sequenceProblem(actions, ctx)).toBeNull()
        let status: InfusionStatus = 'not_started'
        for (const a of actions) {
          expect(transitionProblem(status, a.type)).toBeNull()
          status = AFTER[a.type]
        }
      })
    )
  })

  it('the delivered dose never decreases as time goes on', () => {
    fc.assert(
      fc.property(sequenceArb(), ctxArb, fc.array(fc.integer({ min: -HOUR, max: 30 * HOUR }), { minLength: 2, maxLength: 20 }), (actions, ctx, times) => {
        const sorted = [...times].sort((a, b) => a - b)
        let previous = -Infinity
        for (const t of sorted) {
          const dose = deliveredDoseMg(actions, ctx, t)
          expect(dose).toBeGreaterThanOrEqual(previous)
          previous = dose
        }
      })
    )
  })

  it('the delivered dose is never negative', () => {
    fc.assert(
      fc.property(sequenceArb(), ctxArb, fc.integer({ min: -HOUR, max: 30 * HOUR }), (actions, ctx, t) => {
        expect(deliveredDoseMg(actions, ctx, t)).toBeGreaterThanOrEqual(0)
      })
    )
  })

  it('the delivered dose equals a step-by-step integral of the rate', () => {
    fc.assert(
      fc.property(sequenceArb(), ctxArb, fc.integer({ min: -HOUR, max: 30 * HOUR }), (actions, ctx, t) => {
        expect(closeTo(deliveredDoseMg(actions, ctx, t), oracleDoseMg(actions, ctx, t))).toBe(true)
      })
    )
  })

  it('the delivered dose equals the sum over the rate segments of rate times duration', () => {
    fc.assert(
      fc.property(sequenceArb(), ctxArb, fc.integer({ min: -HOUR, max: 30 * HOUR }), (actions, ctx, t) => {
        let sum = 0
        let ms = 0
        for (const s of rateSegments(actions, ctx)) {
          const end = Math.min(s.to ?? t, t)
          if (end > s.from) {
            sum += (s.mgPerHour * (end - s.from)) / HOUR
            ms += end - s.from
          }
        }
        expect(closeTo(deliveredDoseMg(actions, ctx, t), sum)).toBe(true)
        expect(infusingMs(actions, ctx, t)).toBe(ms)
      })
    )
  })

  it('rate segments never overlap, never run backwards and never carry a zero rate', () => {
    fc.assert(
      fc.property(sequenceArb(), ctxArb, (actions, ctx) => {
        const segs = rateSegments(actions, ctx)
        segs.forEach((s, i) => {
          expect(s.mgPerHour).toBeGreaterThan(0)
          if (s.to !== null) expect(s.to).toBeGreaterThanOrEqual(s.from)
          if (i < segs.length - 1) {
            expect(s.to).not.toBeNull()
            expect(segs[i + 1]!.from).toBeGreaterThanOrEqual(s.to!)
          }
        })
      })
    )
  })

  it('the order actions are given in does not matter when their clinical times differ', () => {
    fc.assert(
      fc.property(
        sequenceArb(1),
        ctxArb,
        fc.integer({ min: 0, max: 30 * HOUR }),
        fc.array(fc.nat(), { maxLength: 30 }),
        (actions, ctx, t, keys) => {
          const shuffled = actions
            .map((a, i) => ({ a, k: keys[i] ?? i }))
            .sort((x, y) => x.k - y.k)
            .map((x) => x.a)
          expect(sequenceProblem(shuffled, ctx)).toBeNull()
          expect(closeTo(deliveredDoseMg(shuffled, ctx, t), deliveredDoseMg(actions, ctx, t))).toBe(true)
        }
      )
    )
  })

  it('converting a rate to mg/h and back gives the same rate in its own unit', () => {
    const field = { 'mg/kg/h': 'mgPerKgPerHour', 'mg/h': 'mgPerHour', 'mL/h': 'mlPerHour' } as const
    fc.assert(
      fc.property(rateArb, ctxArb, (rate, ctx) => {
        const back = convertMgPerHour(rateToMgPerHour(rate, ctx), ctx)[field[rate.unit]]
        expect(closeTo(back, rate.value)).toBe(true)
      })
    )
  })

  it('the three units of one rate all describe the same mg/h', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.01, max: 5000, noNaN: true }), ctxArb, (mgPerHour, ctx) => {
        const t = convertMgPerHour(mgPerHour, ctx)
        expect(closeTo(rateToMgPerHour({ value: t.mgPerKgPerHour, unit: 'mg/kg/h' }, ctx), mgPerHour)).toBe(true)
        expect(closeTo(rateToMgPerHour({ value: t.mlPerHour, unit: 'mL/h' }, ctx), mgPerHour)).toBe(true)
        expect(t.mgPerHour).toBe(mgPerHour)
      })
    )
  })
})
