import { describe, expect, it } from 'vitest'
import { dischargeProblems, dischargeStateProblem } from '../../../src/shared/safety/discharge'
import { INITIAL_INFUSION, type InfusionState } from '../../../src/shared/record/infusion'
import { REFERENCE_SAFETY } from '../../../src/shared/protocols/protocols'
import { MIN, T0 } from '../helpers'

const stopped: InfusionState = { ...INITIAL_INFUSION, status: 'stopped', startedAt: T0, stoppedAt: T0 + 40 * MIN, lastActionAt: T0 + 40 * MIN }
const good = {
  aldrete: { activity: 2, respiration: 2, circulation: 2, consciousness: 2, oxygenSaturation: 1 },
  escortPresent: true,
  noDrivingAdviceGiven: true,
  patientReport: 'Feels fine'
}
const problems = (minutesAfterStop: number, over: Partial<typeof good> = {}, alerts = 0) =>
  dischargeProblems({ assessment: { ...good, ...over }, safety: REFERENCE_SAFETY, infusion: stopped, now: stopped.stoppedAt! + minutesAfterStop * MIN, activeAlertCount: alerts })

describe('discharge criteria', () => {
  it('recovery shorter than the minimum is a problem; exactly the minimum is not', () => {
    expect(problems(59.99)).toEqual(["Recovery observation 59 min is shorter than the protocol's minimum of 60 min"])
    expect(problems(60)).toEqual([])
  })

  it('Aldrete below the minimum, no escort, no advice and unacknowledged alerts are each a problem', () => {
    expect(problems(60, { aldrete: { ...good.aldrete, activity: 1 } })).toEqual(['Aldrete score 8 is below the minimum of 9'])
    expect(problems(60, { escortPresent: false, noDrivingAdviceGiven: false }, 2)).toEqual([
      'No escort present',
      'No-driving advice not given',
      '2 alerts are not acknowledged'
    ])
  })

  it('a running or paused infusion, or a second discharge, cannot be discharged at all', () => {
    expect(dischargeStateProblem({ ...stopped, status: 'running' }, false)).toBe('Stop the infusion before discharge')
    expect(dischargeStateProblem({ ...stopped, status: 'paused' }, false)).toBe('Stop the infusion before discharge')
    expect(dischargeStateProblem(stopped, true)).toBe('The patient has already been discharged')
    expect(dischargeStateProblem(stopped, false)).toBeNull()
  })
})
