import { describe, expect, it } from 'vitest'
import type { EntryInput, EventType, SessionEvent } from '../../../src/shared/record/events'
import { effectiveEntries, infusionActions, liveEntries, sessionSnapshot } from '../../../src/shared/record/record'
import { STANDARD_PLAN as PLAN } from '../../fixtures/workedExample'

const MIN = 60_000
const T = Date.UTC(2025, 2, 10, 12, 0, 0)
const at = (minutes: number) => T + minutes * MIN

/** Builds a record the way the services store it: ids and seqs in entry order. */
function recordOf() {
  const events: SessionEvent[] = []
  const push = (type: EventType, occurredAt: number, payload: unknown, amendsEventId: number | null = null, reason: string | null = null) => {
    const seq = events.length + 1
    const e: SessionEvent = { id: 100 + seq, sessionId: 1, seq, type, occurredAt, recordedAt: occurredAt, authorId: 7, source: { kind: 'staff' }, payload, amendsEventId, reason }
    events.push(e)
    return e
  }
  const entry = (e: EntryInput, minutes: number) => {
    const { type, ...payload } = e
    return push(type, at(minutes), payload)
  }
  return {
    events,
    start: (minutes: number, mgPerHour = 52.5) => entry({ type: 'infusion_started', rate: { value: mgPerHour, unit: 'mg/h' } }, minutes),
    rate: (minutes: number, mgPerHour: number) => entry({ type: 'rate_changed', rate: { value: mgPerHour, unit: 'mg/h' } }, minutes),
    pause: (minutes: number) => entry({ type: 'infusion_paused', reason: 'nausea' }, minutes),
    resume: (minutes: number) => entry({ type: 'infusion_resumed' }, minutes),
    stop: (minutes: number) => entry({ type: 'infusion_stopped' }, minutes),
    end: (minutes: number) => entry({ type: 'session_ended' }, minutes),
    vitals: (minutes: number, systolic = 120) =>
      entry({ type: 'vitals', vitals: { systolic, diastolic: 80, heartRate: 70, spo2: 98, respiratoryRate: 14 } }, minutes),
    correct: (target: SessionEvent, entry: EntryInput, minutes: number, recordedMinutes = 100) =>
      push('correction', at(recordedMinutes), { entry, occurredAt: at(minutes) }, target.id, 'typo'),
    void: (target: SessionEvent, recordedMinutes = 100) => push('entered_in_error', at(recordedMinutes), {}, target.id, 'wrong patient')
  }
}

describe('effective entries', () => {
  it('the latest correction gives both the content and the clinical time', () => {
    const r = recordOf()
    r.start(0)
    const change = r.rate(20, 105)
    r.correct(change, { type: 'rate_changed', rate: { value: 70, unit: 'mg/h' } }, 15)
    r.correct(change, { type: 'rate_changed', rate: { value: 63, unit: 'mg/h' } }, 18)
    const entries = effectiveEntries(r.events)
    const e = entries.find((x) => x.original.id === change.id)!
    expect(e.entry).toEqual({ type: 'rate_changed', rate: { value: 63, unit: 'mg/h' } })
    expect(e.occurredAt).toBe(at(18))
    expect(e.corrections.map((c) => c.seq)).toEqual([3, 4])
    // Corrections are not entries of their own.
    expect(entries).toHaveLength(2)
  })

  it('the original content is kept alongside the correction', () => {
    const r = recordOf()
    const v = r.vitals(5, 210)
    r.correct(v, { type: 'vitals', vitals: { systolic: 120, diastolic: 80, heartRate: 70, spo2: 98, respiratoryRate: 14 } }, 5)
    const [e] = effectiveEntries(r.events)
    expect((e!.original.payload as { vitals: { systolic: number } }).vitals.systolic).toBe(210)
    expect(e!.entry.type === 'vitals' && e!.entry.vitals.systolic).toBe(120)
  })

  it('an entry marked entered in error stays listed, marked voided, and leaves the derived figures', () => {
    const r = recordOf()
    r.start(0, 60)
    const change = r.rate(10, 120)
    const mark = r.void(change)
    const entries = effectiveEntries(r.events)
    const listed = entries.find((x) => x.original.id === change.id)!
    expect(listed.voided).toEqual(mark)
    expect(liveEntries(entries).map((x) => x.original.id)).not.toContain(change.id)
    expect(infusionActions(entries).map((a) => a.type)).toEqual(['infusion_started'])
    // 30 min at 60 mg/h only: 30 mg (the 120 mg/h change would have made it 50 mg).
    expect(sessionSnapshot(r.events, PLAN, at(30)).deliveredMg).toBeCloseTo(30, 9)
  })

  it('an amendment pointing at nothing in the record is ignored', () => {
    const r = recordOf()
    r.start(0)
    r.events.push({ id: 999, sessionId: 1, seq: 2, type: 'entered_in_error', occurredAt: at(1), recordedAt: at(1), authorId: 7, source: { kind: 'staff' }, payload: {}, amendsEventId: 12345, reason: 'x' })
    expect(effectiveEntries(r.events).map((e) => e.voided)).toEqual([null])
  })

  it('the timeline runs in clinical time, then in entry order', () => {
    const r = recordOf()
    const a = r.vitals(10) // seq 1
    const b = r.vitals(5) // seq 2, back-timed
    const c = r.vitals(10) // seq 3, same time as a
    const d = r.vitals(0) // seq 4
    expect(effectiveEntries(r.events).map((e) => e.original.id)).toEqual([d.id, b.id, a.id, c.id])
  })

  it('a correction of the time moves the entry in the timeline', () => {
    const r = recordOf()
    const a = r.vitals(10)
    const b = r.vitals(20)
    r.correct(b, { type: 'vitals', vitals: { systolic: 120, diastolic: 80, heartRate: 70, spo2: 98, respiratoryRate: 14 } }, 5)
    expect(effectiveEntries(r.events).map((e) => e.original.id)).toEqual([b.id, a.id])
  })

  it('the events may be given in any order: entry order comes from seq', () => {
    const r = recordOf()
    const v = r.vitals(3, 150)
    r.correct(v, { type: 'vitals', vitals: { systolic: 130, diastolic: 80, heartRate: 70, spo2: 98, respiratoryRate: 14 } }, 3)
    r.correct(v, { type: 'vitals', vitals: { systolic: 140, diastolic: 80, heartRate: 70, spo2: 98, respiratoryRate: 14 } }, 3)
    const [e] = effectiveEntries([...r.events].reverse())
    expect(e!.entry.type === 'vitals' && e!.entry.vitals.systolic).toBe(140)
  })
})

describe('session snapshot', () => {
  it('a corrected rate changes the delivered dose', () => {
    const r = recordOf()
    const start = r.start(0, 52.5)
    r.stop(40)
    expect(sessionSnapshot(r.events, PLAN, at(60)).deliveredMg).toBeCloseTo(35, 9)
    // It was really 0.5 mg/kg/h: 35 mg/h for 40 min = 23.33 mg.
    r.correct(start, { type: 'infusion_started', rate: { value: 0.5, unit: 'mg/kg/h' } }, 0)
    const s = sessionSnapshot(r.events, PLAN, at(60))
    expect(s.deliveredMg).toBeCloseTo((35 * 40) / 60, 9)
    expect(s.deliveredMgPerKg).toBeCloseTo((35 * 40) / 60 / 70, 9)
  })

  it('a corrected stop time changes the delivered dose', () => {
    const r = recordOf()
    r.start(0, 60)
    const stop = r.stop(40)
    r.correct(stop, { type: 'infusion_stopped' }, 30)
    expect(sessionSnapshot(r.events, PLAN, at(60)).deliveredMg).toBeCloseTo(30, 9)
  })

  it('the planned total and the percentage delivered follow the plan', () => {
    const r = recordOf()
    r.start(0, 52.5)
    const s = sessionSnapshot(r.events, PLAN, at(20))
    expect(s.plannedTotalMg).toBe(35)
    expect(s.deliveredMg).toBeCloseTo(17.5, 9)
    expect(s.percentDelivered).toBeCloseTo(50, 9)
  })

  it('before the infusion starts the phase is pre-infusion and no timer runs', () => {
    const r = recordOf()
    expect(sessionSnapshot(r.events, PLAN, at(0)).phase).toBe('pre-infusion')
    r.vitals(0)
    const s = sessionSnapshot(r.events, PLAN, at(5))
    expect(s.phase).toBe('pre-infusion')
    expect(s.elapsedMs).toBeNull()
    expect(s.recoveryMs).toBeNull()
    expect(s.deliveredMg).toBe(0)
    expect(s.currentRate.mgPerHour).toBe(0)
    expect(s.endedAt).toBeNull()
  })

  it('during the infusion the phase is infusion, running or paused', () => {
    const r = recordOf()
    r.start(2)
    expect(sessionSnapshot(r.events, PLAN, at(10)).phase).toBe('infusion')
    r.pause(10)
    expect(sessionSnapshot(r.events, PLAN, at(12)).phase).toBe('infusion')
  })

  it('after the stop the phase is recovery, and after the end it is ended', () => {
    const r = recordOf()
    r.start(0)
    r.stop(40)
    expect(sessionSnapshot(r.events, PLAN, at(50)).phase).toBe('recovery')
    r.end(100)
    expect(sessionSnapshot(r.events, PLAN, at(101)).phase).toBe('ended')
  })

  it('a session ended without an infusion is ended', () => {
    const r = recordOf()
    r.vitals(0)
    r.end(5)
    expect(sessionSnapshot(r.events, PLAN, at(6)).phase).toBe('ended')
  })

  it('the elapsed timer runs from the infusion start, through pauses and into recovery', () => {
    const r = recordOf()
    r.start(3)
    r.pause(10)
    let s = sessionSnapshot(r.events, PLAN, at(28))
    expect(s.elapsedMs).toBe(25 * MIN)
    expect(s.infusedMs).toBe(7 * MIN)
    expect(s.recoveryMs).toBeNull()
    r.resume(15)
    r.stop(43)
    s = sessionSnapshot(r.events, PLAN, at(58))
    expect(s.elapsedMs).toBe(55 * MIN)
    expect(s.infusedMs).toBe((7 + 28) * MIN)
    expect(s.recoveryMs).toBe(15 * MIN)
  })

  it('while paused nothing is being delivered but the set rate is kept', () => {
    const r = recordOf()
    r.start(0, 52.5)
    r.pause(10)
    const s = sessionSnapshot(r.events, PLAN, at(12))
    expect(s.currentRate).toEqual({ mgPerKgPerHour: 0, mgPerHour: 0, mlPerHour: 0 })
    expect(s.setRate.mgPerHour).toBe(52.5)
    expect(s.setRate.mgPerKgPerHour).toBeCloseTo(0.75, 10)
    expect(s.infusion.status).toBe('paused')
  })

  it('the running rate is shown in all three units', () => {
    const r = recordOf()
    r.start(0, 52.5)
    const s = sessionSnapshot(r.events, PLAN, at(1))
    expect(s.currentRate.mgPerKgPerHour).toBeCloseTo(0.75, 10)
    expect(s.currentRate.mlPerHour).toBeCloseTo(52.5, 10)
  })

  it('after the session ends every figure is frozen at the end', () => {
    const r = recordOf()
    r.start(0, 60)
    r.stop(40)
    r.end(70)
    const atEnd = sessionSnapshot(r.events, PLAN, at(70))
    const later = sessionSnapshot(r.events, PLAN, at(500))
    expect(later).toEqual(atEnd)
    expect(later.endedAt).toBe(at(70))
    expect(later.elapsedMs).toBe(70 * MIN)
    expect(later.recoveryMs).toBe(30 * MIN)
    expect(later.deliveredMg).toBeCloseTo(40, 9)
  })

  it('the snapshot depends only on the record and the clock', () => {
    const r = recordOf()
    r.start(0, 52.5)
    r.rate(10, 70)
    expect(sessionSnapshot(r.events, PLAN, at(20))).toEqual(sessionSnapshot(structuredClone(r.events), PLAN, at(20)))
  })
})
