import { describe, expect, it } from 'vitest'
import { activeAlerts, alertFacts, alertsAt, doseReachedAt, durationExceededAt } from '../../../src/shared/safety/alerts'
import { REFERENCE_SAFETY, type SafetySettings } from '../../../src/shared/protocols/protocols'
import { MIN, STANDARD_PLAN } from '../helpers'
import { at, NORMAL, RecordBuilder } from './build'

const S: SafetySettings = REFERENCE_SAFETY
const keys = (b: RecordBuilder, now: number, safety = S) => alertsAt(b.entries, STANDARD_PLAN, safety, now).map((a) => a.key)

describe('absolute limits', () => {
  // Limits (REFERENCE.md): systolic > 180 or < 90; diastolic > 110; HR > 120 or < 50; SpO2 < 92; RR < 10 or > 25.
  const cases = [
    ['systolic', 180, 181, 'high'],
    ['systolic', 90, 89, 'low'],
    ['diastolic', 110, 111, 'high'],
    ['heartRate', 120, 121, 'high'],
    ['heartRate', 50, 49, 'low'],
    ['spo2', 92, 91, 'low'],
    ['respiratoryRate', 25, 26, 'high'],
    ['respiratoryRate', 10, 9, 'low']
  ] as const
  for (const [vital, atLimit, past, side] of cases) {
    it(`${vital} at ${atLimit} raises nothing; ${past} raises a ${side} alert`, () => {
      const b = new RecordBuilder()
      const sys = vital === 'diastolic' ? { systolic: 160 } : {}
      b.vitals(at(0), { ...sys, [vital]: atLimit })
      expect(keys(b, at(1))).toEqual([])
      const e = b.vitals(at(2), { ...sys, [vital]: past })
      expect(keys(b, at(3))).toEqual([`vital_limit:${vital}:${side}:${e.id}`])
    })
  }

  it('a limit set to null never alerts', () => {
    const b = new RecordBuilder()
    b.vitals(at(0), { diastolic: 20, spo2: 100 })
    expect(keys(b, at(1))).toEqual([])
  })

  it('a protocol with narrower limits alerts where the reference does not', () => {
    const b = new RecordBuilder()
    const e = b.vitals(at(0), { systolic: 150 })
    const strict = { ...S, limits: { ...S.limits, systolic: { low: 90, high: 140 } } }
    expect(keys(b, at(1))).toEqual([])
    expect(keys(b, at(1), strict)).toEqual([`vital_limit:systolic:high:${e.id}`])
  })

  it('an alert says the value, the limit and when', () => {
    const b = new RecordBuilder()
    b.vitals(at(0), { systolic: 195 })
    const [a] = alertsAt(b.entries, STANDARD_PLAN, S, at(1))
    expect(a!.message).toMatch(/^Systolic 195 mmHg at \d\d:\d\d:\d\d is above the limit of 180$/)
    expect(a!.severity).toBe('critical')
    expect(a!.since).toBe(at(0))
  })
})

describe('rise from the patient’s own baseline', () => {
  function session(base: Partial<typeof NORMAL>, later: Partial<typeof NORMAL>) {
    const b = new RecordBuilder()
    b.vitals(at(-5), { ...NORMAL, ...base })
    b.start(at(0))
    const e = b.vitals(at(10), { ...NORMAL, ...later })
    return { b, e }
  }

  it('systolic +39 raises nothing, +40 raises a rise alert', () => {
    expect(keys(session({ systolic: 120 }, { systolic: 159 }).b, at(10))).toEqual([])
    const { b, e } = session({ systolic: 120 }, { systolic: 160 })
    expect(keys(b, at(10))).toEqual([`baseline_rise:systolic:${e.id}`])
  })

  it('diastolic +24 raises nothing, +25 raises a rise alert', () => {
    expect(keys(session({ diastolic: 70 }, { diastolic: 94 }).b, at(10))).toEqual([])
    const { b, e } = session({ diastolic: 70 }, { diastolic: 95 })
    expect(keys(b, at(10))).toEqual([`baseline_rise:diastolic:${e.id}`])
  })

  it('the baseline is the latest vitals at or before the start, not the first', () => {
    const b = new RecordBuilder()
    b.vitals(at(-30), { systolic: 100 })
    b.vitals(at(-2), { systolic: 130 })
    b.start(at(0))
    b.vitals(at(10), { systolic: 165 })
    // 165 - 130 = 35: no alert (against the first reading it would be +65).
    expect(keys(b, at(10))).toEqual([])
  })

  it('readings before the start are not compared with a baseline', () => {
    const b = new RecordBuilder()
    b.vitals(at(-30), { systolic: 100 })
    b.vitals(at(-2), { systolic: 150 })
    expect(keys(b, at(-1))).toEqual([])
  })

  it('a reading past its absolute limit does not also raise a rise alert for the same vital', () => {
    const { b, e } = session({ systolic: 120 }, { systolic: 185 })
    expect(keys(b, at(10))).toEqual([`vital_limit:systolic:high:${e.id}`])
  })

  it('without baseline vitals there is no rise alert', () => {
    const b = new RecordBuilder()
    b.start(at(0))
    b.vitals(at(5), { systolic: 179 })
    expect(keys(b, at(5)).filter((k) => k.startsWith('baseline_rise'))).toEqual([])
  })
})

describe('vitals overdue, on a fake clock', () => {
  it('during infusion: due one interval after the later of the last vitals and the start', () => {
    const b = new RecordBuilder()
    const base = b.vitals(at(-20))
    b.start(at(0))
    // Interval 10 min during infusion: due at 10:00, overdue only after it.
    expect(keys(b, at(10))).toEqual([])
    expect(keys(b, at(10) + 1)).toEqual([`vitals_overdue:infusion:${base.id}:1`])
  })

  it('each further missed interval is a new cause; recording vitals starts a new window', () => {
    const b = new RecordBuilder()
    b.start(at(0))
    expect(keys(b, at(15))).toEqual(['vitals_overdue:infusion:none:1'])
    expect(keys(b, at(20))).toEqual(['vitals_overdue:infusion:none:1'])
    expect(keys(b, at(20) + 1)).toEqual(['vitals_overdue:infusion:none:2'])
    const v = b.vitals(at(21))
    expect(keys(b, at(31))).toEqual([])
    expect(keys(b, at(31) + 1)).toEqual([`vitals_overdue:infusion:${v.id}:1`])
  })

  it('in recovery the recovery interval applies, counted from vitals taken at or after the stop', () => {
    const b = new RecordBuilder()
    b.start(at(0))
    b.vitals(at(35))
    b.add({ type: 'infusion_stopped' }, at(40))
    const v = b.vitals(at(41))
    expect(keys(b, at(56))).toEqual([])
    expect(keys(b, at(56) + 1)).toEqual([`vitals_overdue:recovery:${v.id}:1`])
    expect(alertsAt(b.entries, STANDARD_PLAN, S, at(57))[0]!.message).toMatch(/every 15 min in recovery/)
  })

  it('at the stop, vitals stay due on the infusion schedule when that comes first', () => {
    const b = new RecordBuilder()
    b.start(at(0))
    const v = b.vitals(at(35))
    b.add({ type: 'infusion_stopped' }, at(40))
    // 35 + 10 = 45 comes before 40 + 15 = 55.
    expect(keys(b, at(45))).toEqual([])
    expect(keys(b, at(45) + 1)).toEqual([`vitals_overdue:infusion:${v.id}:1`])
  })

  it('nothing is due before the infusion starts, after discharge, or once the session has ended', () => {
    const pre = new RecordBuilder()
    pre.vitals(at(0))
    expect(keys(pre, at(120))).toEqual([])
    const b = new RecordBuilder()
    b.start(at(0))
    b.add({ type: 'infusion_stopped' }, at(40))
    b.add(
      {
        type: 'discharge',
        discharge: {
          aldrete: { activity: 2, respiration: 2, circulation: 2, consciousness: 2, oxygenSaturation: 2 },
          escortPresent: true,
          noDrivingAdviceGiven: true,
          patientReport: 'fine'
        }
      },
      at(41)
    )
    expect(keys(b, at(200)).filter((k) => k.startsWith('vitals_overdue'))).toEqual([])
    b.add({ type: 'session_ended' }, at(42))
    expect(keys(b, at(300))).toEqual([])
  })

  it('a paused infusion is still in the infusion phase: vitals stay due', () => {
    const b = new RecordBuilder()
    b.start(at(0))
    b.add({ type: 'infusion_paused', reason: 'nausea' }, at(5))
    expect(keys(b, at(11))).toContain('vitals_overdue:infusion:none:1')
  })
})

describe('dose reaching the planned total, and the planned duration passed', () => {
  const H = 60 * MIN

  it('at the planned rate the total is reached at exactly 40:00 while the pump runs', () => {
    const b = new RecordBuilder()
    b.vitals(at(-1))
    b.start(at(0))
    for (let m = 9; m < 40; m += 9) b.vitals(at(m))
    expect(keys(b, at(40) - 1)).not.toContain('dose_reached')
    expect(keys(b, at(40))).toContain('dose_reached')
    expect(keys(b, at(40))).not.toContain('duration_exceeded')
    expect(keys(b, at(40) + 1)).toContain('duration_exceeded')
  })

  it('a stop exactly at the planned end raises neither', () => {
    const b = new RecordBuilder()
    b.start(at(0))
    b.add({ type: 'infusion_stopped' }, at(40))
    const k = keys(b, at(41))
    expect(k).not.toContain('dose_reached')
    expect(k).not.toContain('duration_exceeded')
  })

  it('a pause does not count towards the planned duration', () => {
    const b = new RecordBuilder()
    b.start(at(0))
    b.add({ type: 'infusion_paused', reason: 'nausea' }, at(20))
    b.add({ type: 'infusion_resumed' }, at(30))
    expect(keys(b, at(50))).not.toContain('duration_exceeded')
    expect(keys(b, at(50) + 1)).toContain('duration_exceeded')
  })

  it('a faster rate reaches the total sooner; the crossing time is exact', () => {
    // 105 mg/h: 35 mg after 20 min.
    const segments = [{ from: at(0), to: null, mgPerHour: 105 }]
    expect(doseReachedAt(segments, 35, at(20) - 1)).toBeNull()
    expect(doseReachedAt(segments, 35, at(20))).toBe(at(20))
    // Two segments: 30 mg/h for 30 min (15 mg), then 60 mg/h: 20 mg more takes 20 min.
    const two = [
      { from: at(0), to: at(30), mgPerHour: 30 },
      { from: at(30), to: null, mgPerHour: 60 }
    ]
    expect(doseReachedAt(two, 35, at(60))).toBe(at(50))
    expect(durationExceededAt(two, 40 * MIN, at(41))).toBe(at(40))
    expect(durationExceededAt(two, 40 * MIN, at(40))).toBeNull()
    expect(H).toBe(3_600_000)
  })
})

describe('acknowledged alerts do not return for the same cause', () => {
  it('an acknowledged reading stays acknowledged; a new reading over the limit is a new alert', () => {
    const b = new RecordBuilder()
    const first = b.vitals(at(0), { systolic: 190 })
    b.ack(`vital_limit:systolic:high:${first.id}`, at(1))
    expect(keys(b, at(2))).toEqual([])
    const second = b.vitals(at(3), { systolic: 192 })
    expect(keys(b, at(4))).toEqual([`vital_limit:systolic:high:${second.id}`])
  })

  it('a correction of the acknowledged reading keeps it acknowledged', () => {
    const b = new RecordBuilder()
    const first = b.vitals(at(0), { systolic: 190 })
    b.ack(`vital_limit:systolic:high:${first.id}`, at(1))
    b.amend('correction', first, at(2), { type: 'vitals', vitals: { ...NORMAL, systolic: 200 } })
    expect(keys(b, at(3))).toEqual([])
  })

  it('an acknowledgement marked entered in error brings the alert back', () => {
    const b = new RecordBuilder()
    const first = b.vitals(at(0), { systolic: 190 })
    const ack = b.ack(`vital_limit:systolic:high:${first.id}`, at(1))
    b.amend('entered_in_error', ack, at(2))
    expect(keys(b, at(3))).toEqual([`vital_limit:systolic:high:${first.id}`])
  })

  it('a reading marked entered in error takes its alert with it', () => {
    const b = new RecordBuilder()
    const first = b.vitals(at(0), { systolic: 190 })
    b.amend('entered_in_error', first, at(1))
    expect(keys(b, at(2))).toEqual([])
  })

  it('an acknowledged overdue window does not come back until the next missed interval', () => {
    const b = new RecordBuilder()
    b.start(at(0))
    b.ack('vitals_overdue:infusion:none:1', at(12))
    expect(keys(b, at(15))).toEqual([])
    expect(keys(b, at(20))).toEqual([])
    expect(keys(b, at(20) + 1)).toEqual(['vitals_overdue:infusion:none:2'])
  })

  it('the planned total reached, once acknowledged, stays acknowledged', () => {
    const b = new RecordBuilder()
    b.start(at(0), 105)
    for (let m = 0; m <= 30; m += 5) b.vitals(at(m))
    expect(keys(b, at(21))).toEqual(['dose_reached'])
    b.ack('dose_reached', at(22))
    expect(keys(b, at(25))).toEqual([])
  })
})

describe('PHQ-9 item 9', () => {
  it('a positive item 9 raises an alert; zero does not', () => {
    const b = new RecordBuilder()
    b.add({ type: 'scale', scale: { kind: 'phq9', timing: 'before', items: [1, 1, 1, 1, 1, 1, 1, 1, 0] } }, at(0))
    expect(keys(b, at(1))).toEqual([])
    const e = b.add({ type: 'scale', scale: { kind: 'phq9', timing: 'after', items: [0, 0, 0, 0, 0, 0, 0, 0, 1] } }, at(2))
    expect(keys(b, at(3))).toEqual([`phq9_self_harm:${e.id}`])
  })
})

describe('the split between record and clock', () => {
  it('facts computed once give the same alerts as a full recomputation at every tick', () => {
    const b = new RecordBuilder()
    b.vitals(at(-5))
    b.start(at(0))
    b.vitals(at(8), { systolic: 170 })
    b.vitals(at(18), { heartRate: 130 })
    const facts = alertFacts(b.entries, STANDARD_PLAN, S)
    for (let m = 0; m <= 60; m += 0.5) {
      expect(activeAlerts(facts, STANDARD_PLAN, S, at(m))).toEqual(alertsAt(b.entries, STANDARD_PLAN, S, at(m)))
    }
  })

  it('critical alerts come first, then the newest', () => {
    const b = new RecordBuilder()
    b.start(at(0))
    b.vitals(at(1), { systolic: 190 })
    b.vitals(at(2), { heartRate: 140 })
    const list = alertsAt(b.entries, STANDARD_PLAN, S, at(30))
    expect(list.map((a) => a.rule)).toEqual(['vital_limit', 'vital_limit', 'vitals_overdue'])
    expect(list[0]!.since).toBe(at(2))
  })
})
