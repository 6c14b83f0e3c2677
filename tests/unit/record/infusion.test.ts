import { describe, expect, it } from 'vitest'
import {
  convertMgPerHour,
  deliveredDoseMg,
  infusingMs,
  infusionState,
  overPlanWarning,
  rateSegments,
  rateToMgPerHour,
  sequenceProblem,
  transitionProblem,
  type DosingContext,
  type InfusionAction,
  type InfusionStatus
} from '../../../src/shared/record/infusion'

const MIN = 60_000
const HOUR_MS = 60 * MIN
/** 70 kg, bag at 1 mg/mL. */
const AT_1 = { weightKg: 70, concentrationMgPerMl: 1 } satisfies DosingContext
/** 70 kg, 35 mg in a 100 mL bag. */
const AT_035 = { weightKg: 70, concentrationMgPerMl: 0.35 } satisfies DosingContext

const mgh = (value: number) => ({ value, unit: 'mg/h' as const })
const start = (at: number, mgPerHour = 52.5): InfusionAction => ({ type: 'infusion_started', at, rate: mgh(mgPerHour) })
const change = (at: number, mgPerHour: number): InfusionAction => ({ type: 'rate_changed', at, rate: mgh(mgPerHour) })
const pause = (at: number): InfusionAction => ({ type: 'infusion_paused', at })
const resume = (at: number): InfusionAction => ({ type: 'infusion_resumed', at })
const stop = (at: number): InfusionAction => ({ type: 'infusion_stopped', at })

describe('rate conversions', () => {
  it('0.75 mg/kg/h for 70 kg is 52.5 mg/h', () => {
    expect(rateToMgPerHour({ value: 0.75, unit: 'mg/kg/h' }, AT_1)).toBeCloseTo(52.5, 10)
  })

  it('a rate in mg/h is taken as it is', () => {
    expect(rateToMgPerHour({ value: 52.5, unit: 'mg/h' }, AT_1)).toBe(52.5)
    expect(rateToMgPerHour({ value: 52.5, unit: 'mg/h' }, AT_035)).toBe(52.5)
  })

  it('52.5 mL/h of a 1 mg/mL bag is 52.5 mg/h', () => {
    expect(rateToMgPerHour({ value: 52.5, unit: 'mL/h' }, AT_1)).toBeCloseTo(52.5, 10)
  })

  it('150 mL/h of a 0.35 mg/mL bag is 52.5 mg/h', () => {
    expect(rateToMgPerHour({ value: 150, unit: 'mL/h' }, AT_035)).toBeCloseTo(52.5, 10)
  })

  it('52.5 mg/h is 0.75 mg/kg/h and 52.5 mL/h at 1 mg/mL', () => {
    const r = convertMgPerHour(52.5, AT_1)
    expect(r.mgPerKgPerHour).toBeCloseTo(0.75, 10)
    expect(r.mgPerHour).toBe(52.5)
    expect(r.mlPerHour).toBeCloseTo(52.5, 10)
  })

  it('52.5 mg/h is 150 mL/h at 0.35 mg/mL', () => {
    const r = convertMgPerHour(52.5, AT_035)
    expect(r.mgPerKgPerHour).toBeCloseTo(0.75, 10)
    expect(r.mlPerHour).toBeCloseTo(150, 10)
  })

  it('a weight-based rate scales with the weight', () => {
    expect(rateToMgPerHour({ value: 0.5, unit: 'mg/kg/h' }, { weightKg: 100, concentrationMgPerMl: 1 })).toBeCloseTo(50, 10)
    expect(convertMgPerHour(50, { weightKg: 100, concentrationMgPerMl: 2 })).toEqual({
      mgPerKgPerHour: 0.5,
      mgPerHour: 50,
      mlPerHour: 25
    })
  })

  it('a zero rate is zero in every unit', () => {
    expect(convertMgPerHour(0, AT_035)).toEqual({ mgPerKgPerHour: 0, mgPerHour: 0, mlPerHour: 0 })
  })
})

describe('delivered dose', () => {
  it('the planned rate for the planned 40 minutes delivers 35 mg', () => {
    const actions = [start(0, 52.5), stop(40 * MIN)]
    expect(deliveredDoseMg(actions, AT_1, 40 * MIN)).toBeCloseTo(35, 9)
    expect(deliveredDoseMg(actions, AT_1, 20 * MIN)).toBeCloseTo(17.5, 9)
  })

  it('a rate entered in mg/kg/h or mL/h delivers the same as in mg/h', () => {
    const kg: InfusionAction[] = [{ type: 'infusion_started', at: 0, rate: { value: 0.75, unit: 'mg/kg/h' } }]
    const ml: InfusionAction[] = [{ type: 'infusion_started', at: 0, rate: { value: 150, unit: 'mL/h' } }]
    expect(deliveredDoseMg(kg, AT_1, 40 * MIN)).toBeCloseTo(35, 9)
    expect(deliveredDoseMg(ml, AT_035, 40 * MIN)).toBeCloseTo(35, 9)
  })

  it('a running infusion keeps delivering up to the time asked about', () => {
    // 60 mg/h for 30 minutes is 30 mg.
    expect(deliveredDoseMg([start(0, 60)], AT_1, 30 * MIN)).toBeCloseTo(30, 9)
  })

  it('a rate change delivers each rate for its own period', () => {
    // 20 min at 52.5 mg/h (17.5 mg) then 10 min at 105 mg/h (17.5 mg).
    const actions = [start(0, 52.5), change(20 * MIN, 105)]
    expect(deliveredDoseMg(actions, AT_1, 30 * MIN)).toBeCloseTo(35, 9)
    expect(deliveredDoseMg(actions, AT_1, 20 * MIN)).toBeCloseTo(17.5, 9)
  })

  it('a paused infusion delivers no dose while paused', () => {
    const actions = [start(0, 60), pause(10 * MIN), resume(25 * MIN)]
    // 10 min at 60 mg/h = 10 mg by the pause; nothing more until the resume.
    expect(deliveredDoseMg(actions, AT_1, 10 * MIN)).toBeCloseTo(10, 9)
    expect(deliveredDoseMg(actions, AT_1, 17 * MIN)).toBeCloseTo(10, 9)
    expect(deliveredDoseMg(actions, AT_1, 25 * MIN)).toBeCloseTo(10, 9)
    // Then 15 more minutes at 60 mg/h = 15 mg.
    expect(deliveredDoseMg(actions, AT_1, 40 * MIN)).toBeCloseTo(25, 9)
  })

  it('a paused infusion counts no infusing time while paused', () => {
    const actions = [start(0, 60), pause(10 * MIN), resume(25 * MIN), stop(40 * MIN)]
    expect(infusingMs(actions, AT_1, 60 * MIN)).toBe(25 * MIN)
    expect(infusingMs(actions, AT_1, 20 * MIN)).toBe(10 * MIN)
  })

  it('resuming restores the rate that was set before the pause', () => {
    const actions = [start(0, 52.5), change(10 * MIN, 105), pause(20 * MIN), resume(30 * MIN)]
    const state = infusionState(actions, AT_1)
    expect(state.status).toBe('running')
    expect(state.setMgPerHour).toBe(105)
    // 10 min at 52.5 (8.75) + 10 min at 105 (17.5) + paused 10 min + 10 min at 105 (17.5).
    expect(deliveredDoseMg(actions, AT_1, 40 * MIN)).toBeCloseTo(43.75, 9)
  })

  it('a paused infusion keeps its set rate', () => {
    const state = infusionState([start(0, 70), pause(5 * MIN)], AT_1)
    expect(state.status).toBe('paused')
    expect(state.setMgPerHour).toBe(70)
  })

  it('the dose is frozen once the infusion is stopped', () => {
    const actions = [start(0, 60), stop(30 * MIN)]
    expect(deliveredDoseMg(actions, AT_1, 30 * MIN)).toBeCloseTo(30, 9)
    expect(deliveredDoseMg(actions, AT_1, 45 * MIN)).toBeCloseTo(30, 9)
    expect(deliveredDoseMg(actions, AT_1, 10 * 60 * MIN)).toBeCloseTo(30, 9)
    expect(infusingMs(actions, AT_1, 10 * 60 * MIN)).toBe(30 * MIN)
  })

  it('stopping a paused infusion delivers nothing after the pause', () => {
    const actions = [start(0, 60), pause(10 * MIN), stop(20 * MIN)]
    expect(deliveredDoseMg(actions, AT_1, 60 * MIN)).toBeCloseTo(10, 9)
    expect(infusionState(actions, AT_1).stoppedAt).toBe(20 * MIN)
  })

  it('the dose at a time before the start is 0', () => {
    const actions = [start(10 * MIN, 60), stop(40 * MIN)]
    expect(deliveredDoseMg(actions, AT_1, 0)).toBe(0)
    expect(deliveredDoseMg(actions, AT_1, 5 * MIN)).toBe(0)
    expect(deliveredDoseMg(actions, AT_1, 10 * MIN)).toBe(0)
    expect(deliveredDoseMg(actions, AT_1, -HOUR_MS)).toBe(0)
  })

  it('no actions deliver nothing', () => {
    expect(deliveredDoseMg([], AT_1, 60 * MIN)).toBe(0)
    expect(infusingMs([], AT_1, 60 * MIN)).toBe(0)
    expect(rateSegments([], AT_1)).toEqual([])
  })

  it('setting the same rate again does not change the dose', () => {
    const once = [start(0, 60)]
    const twice = [start(0, 60), change(10 * MIN, 60)]
    expect(deliveredDoseMg(twice, AT_1, 30 * MIN)).toBeCloseTo(deliveredDoseMg(once, AT_1, 30 * MIN), 9)
  })

  it('back-timed actions given out of order are applied in clinical-time order', () => {
    // The rate change at 20 min was entered first, the start at 0 afterwards.
    const outOfOrder = [change(20 * MIN, 105), start(0, 52.5), stop(30 * MIN)]
    expect(sequenceProblem(outOfOrder, AT_1)).toBeNull()
    expect(infusionState(outOfOrder, AT_1).status).toBe('stopped')
    expect(infusionState(outOfOrder, AT_1).startedAt).toBe(0)
    expect(deliveredDoseMg(outOfOrder, AT_1, 60 * MIN)).toBeCloseTo(35, 9)
  })

  it('actions at the same clinical time keep the order they were entered in', () => {
    // Two rate changes at 10 min: the one entered last is the rate that holds.
    const actions = [start(0, 60), change(10 * MIN, 120), change(10 * MIN, 30)]
    expect(infusionState(actions, AT_1).setMgPerHour).toBe(30)
    // 10 min at 60 (10 mg) + 10 min at 30 (5 mg).
    expect(deliveredDoseMg(actions, AT_1, 20 * MIN)).toBeCloseTo(15, 9)
  })

  it('a pause and a resume at the same time are taken in entry order', () => {
    expect(sequenceProblem([start(0), pause(10 * MIN), resume(10 * MIN)], AT_1)).toBeNull()
    expect(sequenceProblem([start(0), resume(10 * MIN), pause(10 * MIN)], AT_1)).toBe('The infusion is not paused')
  })
})

describe('rate segments', () => {
  it('pauses leave a gap and every rate has its own segment', () => {
    const segs = rateSegments([start(0, 60), change(10 * MIN, 30), pause(20 * MIN), resume(30 * MIN), stop(35 * MIN)], AT_1)
    expect(segs).toEqual([
      { from: 0, to: 10 * MIN, mgPerHour: 60 },
      { from: 10 * MIN, to: 20 * MIN, mgPerHour: 30 },
      { from: 30 * MIN, to: 35 * MIN, mgPerHour: 30 }
    ])
  })

  it('a running infusion has an open last segment', () => {
    expect(rateSegments([start(5 * MIN, 60)], AT_1)).toEqual([{ from: 5 * MIN, to: null, mgPerHour: 60 }])
  })
})


describe('transitions', () => {
  const STATUSES: InfusionStatus[] = ['not_started', 'running', 'paused', 'stopped']
  const TYPES: InfusionAction['type'][] = ['infusion_started', 'rate_changed', 'infusion_paused', 'infusion_resumed', 'infusion_stopped']
  /** The only legal moves, written from the clinical workflow. */
  const LEGAL = new Set([
    'not_started:infusion_started',
    'running:rate_changed',
    'running:infusion_paused',
    'running:infusion_stopped',
    'paused:infusion_resumed',
    'paused:infusion_stopped'
  ])

  for (const status of STATUSES) {
    for (const type of TYPES) {
      const legal = LEGAL.has(`${status}:${type}`)
      it(`${type} when ${status} is ${legal ? 'allowed' : 'refused with a reason'}`, () => {
        const problem = transitionProblem(status, type)
        if (legal) expect(problem).toBeNull()
        else {
          expect(typeof problem).toBe('string')
          expect(problem!.length).toBeGreaterThan(5)
        }
      })
    }
  }

  it('a rate change while paused says to resume first', () => {
    expect(transitionProblem('paused', 'rate_changed')).toMatch(/resume/i)
  })

  it('a rate change after the stop says the rate can no longer change', () => {
    expect(transitionProblem('stopped', 'rate_changed')).toMatch(/stopped/i)
  })

  it('sequenceProblem reports each illegal sequence', () => {
    const illegal: InfusionAction[][] = [
      [change(0, 60)],
      [pause(0)],
      [resume(0)],
      [stop(0)],
      [start(0), start(1)],
      [start(0), resume(1)],
      [start(0), pause(1), pause(2)],
      [start(0), pause(1), change(2, 30)],
      [start(0), stop(1), change(2, 30)],
      [start(0), stop(1), pause(2)],
      [start(0), stop(1), resume(2)],
      [start(0), stop(1), stop(2)],
      [start(0), stop(1), start(2)],
      [start(0), pause(1), start(2)]
    ]
    for (const seq of illegal) expect(sequenceProblem(seq, AT_1), JSON.stringify(seq)).not.toBeNull()
  })

  it('sequenceProblem accepts a whole titrated session', () => {
    expect(sequenceProblem([start(0), change(1, 70), pause(2), resume(3), change(4, 40), pause(5), stop(6)], AT_1)).toBeNull()
  })
})

describe('over-plan warning', () => {
  const plan = { plannedTotalMg: 35, plannedDurationMin: 40 }

  it('the exactly planned rate from the start does not warn', () => {
    expect(overPlanWarning({ ...plan, deliveredMg: 0, infusedMs: 0, proposedMgPerHour: 52.5 })).toBeNull()
  })

  it('the exactly planned rate halfway through an on-plan infusion does not warn', () => {
    expect(overPlanWarning({ ...plan, deliveredMg: 17.5, infusedMs: 20 * MIN, proposedMgPerHour: 52.5 })).toBeNull()
  })

  it('a slower rate does not warn', () => {
    expect(overPlanWarning({ ...plan, deliveredMg: 0, infusedMs: 0, proposedMgPerHour: 40 })).toBeNull()
  })

  it('a faster rate from the start warns with the minutes until the total is passed', () => {
    // 35 mg at 70 mg/h is reached after 30 min; 40 min at 70 mg/h would deliver 46.67 mg.
    const w = overPlanWarning({ ...plan, deliveredMg: 0, infusedMs: 0, proposedMgPerHour: 70 })
    expect(w).not.toBeNull()
    expect(w!.minutesToPlannedTotal).toBeCloseTo(30, 9)
    expect(w!.plannedTotalMg).toBe(35)
    expect(w!.projectedMg).toBeCloseTo((70 * 40) / 60, 9)
  })

  it('a faster rate halfway through warns with the minutes from now', () => {
    // 17.5 mg remain; at 105 mg/h that is 10 min.
    const w = overPlanWarning({ ...plan, deliveredMg: 17.5, infusedMs: 20 * MIN, proposedMgPerHour: 105 })
    expect(w).not.toBeNull()
    expect(w!.minutesToPlannedTotal).toBeCloseTo(10, 9)
  })

  it('catching up after a slow start does not warn while it stays within the total', () => {
    // 20 min at 26.25 mg/h = 8.75 mg; 26.25 mg remain for 20 min: 78.75 mg/h exactly fits.
    expect(overPlanWarning({ ...plan, deliveredMg: 8.75, infusedMs: 20 * MIN, proposedMgPerHour: 78.75 })).toBeNull()
    expect(overPlanWarning({ ...plan, deliveredMg: 8.75, infusedMs: 20 * MIN, proposedMgPerHour: 80 })).not.toBeNull()
  })

  it('the exactly planned rate in the last half minute does not warn', () => {
    // 39.5 min at 52.5 mg/h = 34.5625 mg; 0.4375 mg remain for 0.5 min at 52.5 mg/h exactly.
    expect(overPlanWarning({ ...plan, deliveredMg: (52.5 * 39.5) / 60, infusedMs: 39.5 * MIN, proposedMgPerHour: 52.5 })).toBeNull()
  })

  it('past the planned time, a rate that would pass the total within a minute warns', () => {
    // 0.5 mg remain; at 52.5 mg/h a minute delivers 0.875 mg.
    expect(overPlanWarning({ ...plan, deliveredMg: 34.5, infusedMs: 40 * MIN, proposedMgPerHour: 52.5 })).not.toBeNull()
    expect(overPlanWarning({ ...plan, deliveredMg: 34.5, infusedMs: 40 * MIN, proposedMgPerHour: 20 })).toBeNull()
  })

  it('any rate once the planned total has been delivered warns at once', () => {
    const w = overPlanWarning({ ...plan, deliveredMg: 35, infusedMs: 40 * MIN, proposedMgPerHour: 1 })
    expect(w).not.toBeNull()
    expect(w!.minutesToPlannedTotal).toBe(0)
  })

  it('any rate past the planned total warns at once', () => {
    const w = overPlanWarning({ ...plan, deliveredMg: 36, infusedMs: 38 * MIN, proposedMgPerHour: 10 })
    expect(w).not.toBeNull()
    expect(w!.minutesToPlannedTotal).toBe(0)
  })
})
