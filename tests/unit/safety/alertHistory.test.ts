import fc from 'fast-check'
import { afterEach, describe, expect, it } from 'vitest'
import { markInError } from '../../../src/main/record/entries'
import { getSessionRecord } from '../../../src/main/sessions/sessions'
import { alertHistory, overdueStretches } from '../../../src/shared/safety/alertHistory'
import { alertsAt } from '../../../src/shared/safety/alerts'
import type { EntryInput } from '../../../src/shared/record/events'
import { REFERENCE_SAFETY, safetyOf } from '../../../src/shared/protocols/protocols'
import { effectiveEntries } from '../../../src/shared/record/record'
import { MIN, STANDARD_PLAN } from '../helpers'
import { ACK_NOTE, safetySession } from '../records-out/safetyScenario'
import { at, RecordBuilder } from './build'

const S = REFERENCE_SAFETY // vitals every 10 min during infusion, every 15 in recovery
const history = (b: RecordBuilder, asOf: number) => alertHistory(b.entries, STANDARD_PLAN, S, asOf)

const cleanups: (() => void)[] = []
afterEach(() => cleanups.splice(0).forEach((c) => c()))

function scenario() {
  const s = safetySession()
  cleanups.push(s.cleanup)
  const record = getSessionRecord(s.ctx, s.session.id)
  const rows = () => alertHistory(effectiveEntries(getSessionRecord(s.ctx, s.session.id).events), record.session.plan, safetyOf(record.session.protocol ?? null), s.at(75))
  return { s, rows }
}

describe('the alerts a session raised, with their responses', () => {
  it('an acknowledged alert carries the response, who gave it, when, and the note; an overdue stretch nobody acknowledged has none', () => {
    const { s, rows } = scenario()
    const [systolic, overdue, recovery, ...rest] = rows()
    expect(rest).toEqual([])
    // Last vitals at 41, stop at 43: due at 51 (41 + 10 comes before 43 + 15), none until 58.
    expect(recovery).toMatchObject({ rule: 'vitals_overdue', since: s.at(51), responses: [], ended: { at: s.at(58), by: 'vitals recorded' } })
    expect(systolic).toMatchObject({ rule: 'vital_limit', severity: 'critical', since: s.at(13), ended: null })
    expect(systolic!.message).toMatch(/^Systolic 190 mmHg at \d\d:\d\d:\d\d is above the limit of 180$/)
    expect(systolic!.responses).toEqual([
      expect.objectContaining({ response: 'continue', authorId: s.team.nurse.id, at: s.at(14), note: ACK_NOTE, seq: s.ack.seq })
    ])
    // Vitals at 18 min, due again at 28, none until 31.
    expect(overdue).toMatchObject({ rule: 'vitals_overdue', severity: 'warning', since: s.at(28), responses: [], ended: { at: s.at(31), by: 'vitals recorded' } })
    expect(overdue!.message).toMatch(/^Vitals overdue since \d\d:\d\d:\d\d \(due every 10 min during infusion; last at \d\d:\d\d:\d\d\)$/)
  })

  it('an acknowledgement marked entered in error leaves its alert unacknowledged', () => {
    const { s, rows } = scenario()
    s.clock.set(s.at(76))
    markInError(s.ctx, { sessionId: s.session.id, authorId: s.team.nurse.id, eventId: s.ack.id, reason: 'Acknowledged the wrong alert' })
    expect(rows()[0]).toMatchObject({ rule: 'vital_limit', responses: [] })
  })

  it('an acknowledged alert whose reading is marked in error keeps its row, its response, and how it ended', () => {
    const { s, rows } = scenario()
    s.clock.set(s.at(76))
    markInError(s.ctx, { sessionId: s.session.id, authorId: s.team.nurse.id, eventId: s.high.id, reason: "Another patient's reading" })
    // Without the 13-minute reading, vitals were overdue from 13 min (3 + 10) as well.
    // Both from 13 min: what the record no longer raises reads first.
    expect(rows().map((r) => r.rule)).toEqual(['vital_limit', 'vitals_overdue', 'vitals_overdue', 'vitals_overdue'])
    const gone = rows()[0]!
    expect(gone).toMatchObject({ since: s.at(13), ended: { at: s.at(76), by: 'entry marked in error' }, responses: [expect.objectContaining({ response: 'continue', seq: s.ack.seq })] })
    expect(gone.message).toContain('Systolic 190 mmHg')
  })

  it('an acknowledgement that matches no alert the record ever raised keeps a row of its own', () => {
    const b = new RecordBuilder()
    b.start(at(0))
    b.ack('vital_limit:systolic:high:999', at(5))
    const rows = history(b, at(6))
    expect(rows).toMatchObject([{ rule: 'vital_limit', since: at(5), responses: [expect.objectContaining({ alertKey: 'vital_limit:systolic:high:999' })] }])
  })
})

describe('overdue vitals, replayed through the record', () => {
  it('a pause inside a stretch without vitals does not split it; the vitals that follow end it', () => {
    const b = new RecordBuilder()
    b.start(at(0))
    b.add({ type: 'infusion_paused', reason: 'nausea' }, at(15))
    b.add({ type: 'infusion_resumed' }, at(20))
    b.vitals(at(30))
    const rows = history(b, at(35))
    expect(rows).toHaveLength(1)
    // Due at 10 min; just before 30 the console read ceil(30/10) - 1 = 2 checks missed.
    expect(rows[0]).toMatchObject({ since: at(10), ended: { at: at(30), by: 'vitals recorded' } })
    expect(rows[0]!.message).toMatch(/, 2 checks missed \(due every 10 min during infusion; none recorded yet\)$/)
  })

  it('the stop does not end an infusion stretch; a stretch still open at the report is not ended', () => {
    const b = new RecordBuilder()
    b.start(at(0))
    b.vitals(at(5))
    b.add({ type: 'infusion_stopped' }, at(20))
    const rows = history(b, at(40))
    expect(rows.map((r) => [r.since, r.ended])).toEqual([[at(15), null]])
    expect(rows[0]!.message).toContain('3 checks missed (due every 10 min during infusion')
  })

  it('vitals taken at the stop start the recovery interval', () => {
    const b = new RecordBuilder()
    b.start(at(0))
    b.vitals(at(5))
    b.vitals(at(15))
    b.add({ type: 'infusion_stopped' }, at(15))
    const rows = history(b, at(40))
    expect(rows.map((r) => [r.since, r.ended])).toEqual([[at(30), null]])
    expect(rows[0]!.message).toContain('due every 15 min in recovery')
  })

  it('an acknowledged missed check belongs to its stretch', () => {
    const b = new RecordBuilder()
    b.start(at(0))
    b.add({ type: 'alert_acknowledged', ack: { alertKey: 'vitals_overdue:infusion:none:1', rule: 'vitals_overdue', message: 'Vitals overdue', response: 'recheck_vitals' } }, at(11))
    b.vitals(at(12))
    const rows = history(b, at(13))
    expect(rows).toHaveLength(1)
    expect(rows[0]!.responses.map((r) => r.response)).toEqual(['recheck_vitals'])
  })

  it('wherever the console showed an overdue alert, the history has a stretch covering that moment, and only then', () => {
    // Random sessions: a start, vitals at random minutes, maybe a pause (over by 44 min) and a stop (from 45), maybe a discharge.
    const session = fc.record({
      vitals: fc.uniqueArray(fc.integer({ min: 1, max: 119 }), { maxLength: 8 }),
      pause: fc.option(fc.tuple(fc.integer({ min: 1, max: 30 }), fc.integer({ min: 1, max: 14 })), { nil: null }),
      stopAt: fc.option(fc.integer({ min: 45, max: 80 }), { nil: null }),
      dischargeAfter: fc.option(fc.integer({ min: 1, max: 40 }), { nil: null })
    })
    fc.assert(
      fc.property(session, ({ vitals, pause, stopAt, dischargeAfter }) => {
        const entries: [number, EntryInput][] = [[0, { type: 'infusion_started', rate: { value: 52.5, unit: 'mg/h' } }]]
        if (pause) entries.push([pause[0], { type: 'infusion_paused', reason: 'r' }], [pause[0] + pause[1], { type: 'infusion_resumed' }])
        if (stopAt !== null) entries.push([stopAt, { type: 'infusion_stopped' }])
        if (stopAt !== null && dischargeAfter !== null)
          entries.push([stopAt + dischargeAfter, { type: 'discharge', discharge: { aldrete: { activity: 2, respiration: 2, circulation: 2, consciousness: 2, oxygenSaturation: 2 }, escortPresent: true, noDrivingAdviceGiven: true, patientReport: 'ok' } }])
        for (const m of vitals) entries.push([m, { type: 'vitals', vitals: { systolic: 124, diastolic: 78, heartRate: 72, spo2: 98, respiratoryRate: 14 } }])
        entries.sort((a, b) => a[0] - b[0])
        const b = new RecordBuilder()
        for (const [m, e] of entries) b.add(e, at(m))
        const end = at(130)
        const rows = history(b, end).filter((r) => r.rule === 'vitals_overdue')
        const stretches = overdueStretches(b.entries, STANDARD_PLAN, S, end)
        // Every half minute: what the console showed then, from the entries made by then.
        for (let t = at(0); t <= end; t += MIN / 2) {
          const known = b.events.filter((e) => e.occurredAt <= t)
          const live = alertsAt(effectiveEntries(known), STANDARD_PLAN, S, t).find((a) => a.rule === 'vitals_overdue')
          const covering = rows.findIndex((r) => r.since < t && (r.ended === null || t < r.ended.at))
          expect(covering >= 0, `overdue at minute ${(t - at(0)) / MIN}`).toBe(live !== undefined)
          if (live) {
            const missed = Number(live.key.split(':').at(-1))
            expect(stretches[covering]!.missed).toBeGreaterThanOrEqual(missed)
            expect(live.key.startsWith(`vitals_overdue:${stretches[covering]!.phase}:${stretches[covering]!.lastId ?? 'none'}:`)).toBe(true)
          }
        }
      }),
      { numRuns: 60 }
    )
  })
})

describe('the planned total and duration', () => {
  it('a pump left running past the plan raises both, once', () => {
    const b = new RecordBuilder()
    b.start(at(0))
    for (let m = 5; m <= 50; m += 5) b.vitals(at(m))
    // 52.5 mg/h reaches the 35 mg planned total at 40 min, the planned duration.
    const rows = history(b, at(52))
    expect(rows.map((r) => [r.rule, r.since])).toEqual([
      ['dose_reached', at(40)],
      ['duration_exceeded', at(40)]
    ])
  })
})
