/**
 * The alert rules a clinical review found wanting, through the real services: an acknowledgement
 * and the value it was given for, the baseline a rise is measured from, the planned total reached
 * on a boundary, and the vitals schedule across the stop.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { correctEntry, markInError, recordEntry } from '../../../src/main/record/entries'
import { listProtocols } from '../../../src/main/protocols/protocols'
import { reportDocument } from '../../../src/main/records-out/records'
import { acknowledgeAlert } from '../../../src/main/safety/safety'
import { createSession, getSessionRecord } from '../../../src/main/sessions/sessions'
import { alertFacts, alertsAt } from '../../../src/shared/safety/alerts'
import { alertHistory } from '../../../src/shared/safety/alertHistory'
import type { EntryInput } from '../../../src/shared/record/events'
import { formatClock } from '../../../src/shared/record/messages'
import { protocolDefinitionSchema, REFERENCE_SAFETY, type SafetySettings } from '../../../src/shared/protocols/protocols'
import { effectiveEntries } from '../../../src/shared/record/record'
import type { Session } from '../../../src/shared/sessions/session'
import { makeTestContext, MIN, seedPatient, seedStaff, STANDARD_PLAN, T0, type Team, type TestContext } from '../helpers'

let t: TestContext
let team: Team
let s: Session
beforeEach(() => {
  t = makeTestContext()
  team = seedStaff(t.ctx)
  // No protocol: the reference settings (vitals every 10 min during infusion, 15 in recovery; rise +40/+25).
  s = createSession(t.ctx, {
    patientId: seedPatient(t.ctx).id,
    authorId: team.nurse.id,
    plan: STANDARD_PLAN,
    team: { physicianId: team.physician.id, nurseId: team.nurse.id, therapistId: null }
  })
})
afterEach(() => t.cleanup())

const VITALS = { systolic: 127, diastolic: 80, heartRate: 72, spo2: 98, respiratoryRate: 14 }
const at = (m: number) => T0 + m * MIN
function record(entry: EntryInput, m: number) {
  t.clock.set(Math.max(t.clock.now(), at(m)))
  return recordEntry(t.ctx, { sessionId: s.id, authorId: team.nurse.id, entry, occurredAt: at(m), confirmOverPlan: true })
}
const vitals = (m: number, v: Partial<typeof VITALS> = {}) => record({ type: 'vitals', vitals: { ...VITALS, ...v } }, m)
const start = (m: number, mgPerHour = 52.5) => record({ type: 'infusion_started', rate: { value: mgPerHour, unit: 'mg/h' } }, m)
const entries = () => effectiveEntries(getSessionRecord(t.ctx, s.id).events)
const active = (m: number) => alertsAt(entries(), STANDARD_PLAN, REFERENCE_SAFETY, at(m))
const keys = (m: number) => active(m).map((a) => a.key)
const history = (m: number) => alertHistory(entries(), STANDARD_PLAN, REFERENCE_SAFETY, at(m))
function acknowledge(key: string, m: number) {
  t.clock.set(Math.max(t.clock.now(), at(m)))
  return acknowledgeAlert(t.ctx, { sessionId: s.id, authorId: team.nurse.id, alertKey: key, response: 'continue' })
}
function correct(target: { id: number }, v: Partial<typeof VITALS>, m: number) {
  t.clock.set(Math.max(t.clock.now(), at(m)))
  return correctEntry(t.ctx, { sessionId: s.id, authorId: team.nurse.id, eventId: target.id, reason: 'Misread the monitor', entry: { type: 'vitals', vitals: { ...VITALS, ...v } } })
}

describe('an acknowledgement belongs to the value acknowledged', () => {
  it('a systolic of 185 acknowledged, then corrected to 240/100, raises the alert again', () => {
    vitals(-5)
    start(0)
    const high = vitals(8, { systolic: 185 })
    acknowledge(`vital_limit:systolic:high:${high.id}`, 9)
    expect(keys(9)).toEqual([])
    correct(high, { systolic: 240, diastolic: 100 }, 9.5)
    const [alert, ...rest] = active(9.5)
    expect(rest).toEqual([])
    expect(alert).toMatchObject({ key: `vital_limit:systolic:high:${high.id}`, value: 240 })
    expect(alert!.message).toMatch(/^Systolic 240 mmHg/)
  })

  it('a correction of the time alone keeps the acknowledgement', () => {
    vitals(-5)
    start(0)
    const high = vitals(8, { systolic: 185 })
    acknowledge(`vital_limit:systolic:high:${high.id}`, 9)
    t.clock.set(at(9.5))
    correctEntry(t.ctx, { sessionId: s.id, authorId: team.nurse.id, eventId: high.id, reason: 'Wrong time', entry: { type: 'vitals', vitals: { ...VITALS, systolic: 185 } }, occurredAt: at(7) })
    expect(keys(9.5)).toEqual([])
  })

  it('a correction to a value within limits withdraws the alert, and the history keeps a row saying so', () => {
    vitals(-5)
    start(0)
    const high = vitals(8, { systolic: 185 })
    correct(high, { systolic: 150 }, 9)
    expect(keys(9)).toEqual([])
    const rows = history(9)
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ rule: 'vital_limit', since: at(8), responses: [], ended: { at: at(9), by: 'withdrawn by a correction' } })
    expect(rows[0]!.message).toMatch(/^Systolic 185 mmHg/)
  })

  it('the history of an acknowledged alert corrected to a worse value shows both, each with its own response', () => {
    vitals(-5)
    start(0)
    const high = vitals(8, { systolic: 185 })
    acknowledge(`vital_limit:systolic:high:${high.id}`, 9)
    correct(high, { systolic: 240 }, 9.5)
    const rows = history(9.5).filter((r) => r.rule === 'vital_limit')
    expect(rows.map((r) => [r.message.slice(0, 18), r.responses.length, r.ended?.by ?? null])).toEqual([
      ['Systolic 185 mmHg ', 1, 'changed by a correction'],
      ['Systolic 240 mmHg ', 0, null]
    ])
  })
})

describe('the history keeps what the record no longer raises', () => {
  it('an alert whose reading is marked entered in error keeps a row saying so', () => {
    vitals(-5)
    start(0)
    const high = vitals(8, { systolic: 185 })
    t.clock.set(at(9))
    markInError(t.ctx, { sessionId: s.id, authorId: team.nurse.id, eventId: high.id, reason: "Another patient's reading" })
    expect(keys(9)).toEqual([])
    expect(history(9)).toMatchObject([{ rule: 'vital_limit', since: at(8), responses: [], ended: { at: at(9), by: 'entry marked in error' } }])
  })

  it('a MOAA/S corrected from 1 to 4 withdraws its sedation alert, with a row saying so', () => {
    const e = record({ type: 'scale', scale: { kind: 'moaas', score: 1 } }, 1)
    t.clock.set(at(2))
    correctEntry(t.ctx, { sessionId: s.id, authorId: team.nurse.id, eventId: e.id, reason: 'Wrong patient', entry: { type: 'scale', scale: { kind: 'moaas', score: 4 } } })
    expect(keys(2)).toEqual([])
    expect(history(2)).toMatchObject([{ rule: 'sedation', since: at(1), ended: { at: at(2), by: 'withdrawn by a correction' } }])
  })
})

describe('rise-from-baseline alerts never switch off silently', () => {
  it('with no vitals before the start, the first reading after it is the baseline, and a rise of 58/28 alerts', () => {
    start(0)
    const first = vitals(5)
    const risen = vitals(15, { systolic: 127 + 58, diastolic: 80 + 28 })
    const facts = alertFacts(entries(), STANDARD_PLAN, REFERENCE_SAFETY)
    expect(facts.baseline).toEqual({ vitals: { ...VITALS }, at: at(5), id: first.id, afterStart: true })
    expect(keys(15)).toEqual([`vital_limit:systolic:high:${risen.id}`, `baseline_rise:diastolic:${risen.id}`])
    const rise = active(15).find((a) => a.rule === 'baseline_rise')!
    expect(rise.message).toMatch(/above the baseline of 80 \(first reading after the start, at \d\d:\d\d:\d\d; alert at \+25\)$/)
  })

  it('a rise of 58/28 over a baseline taken after the start alerts for both', () => {
    start(0)
    vitals(5)
    const risen = vitals(15, { systolic: 127 + 58, diastolic: 80 + 28 })
    // 185 is past the absolute limit (180): that alert says it; the diastolic rise has its own.
    expect(keys(15)).toEqual([`vital_limit:systolic:high:${risen.id}`, `baseline_rise:diastolic:${risen.id}`])
    const lowerLimit = { ...REFERENCE_SAFETY, limits: { ...REFERENCE_SAFETY.limits, systolic: { low: 90, high: 200 } } }
    expect(alertsAt(entries(), STANDARD_PLAN, lowerLimit, at(15)).map((a) => a.key)).toEqual([`baseline_rise:systolic:${risen.id}`, `baseline_rise:diastolic:${risen.id}`])
  })

  it('when the only baseline is marked in error, the first reading after the start becomes the baseline', () => {
    const base = vitals(-5)
    start(0)
    const first = vitals(5)
    t.clock.set(at(6))
    markInError(t.ctx, { sessionId: s.id, authorId: team.nurse.id, eventId: base.id, reason: "Another patient's reading" })
    expect(alertFacts(entries(), STANDARD_PLAN, REFERENCE_SAFETY).baseline).toMatchObject({ id: first.id, afterStart: true })
    const risen = vitals(15, { diastolic: 80 + 25 })
    expect(keys(15)).toEqual([`baseline_rise:diastolic:${risen.id}`])
    const justUnder = vitals(20, { diastolic: 80 + 24 })
    expect(keys(20)).not.toContain(`baseline_rise:diastolic:${justUnder.id}`)
  })

  it('with no vitals at all there is no baseline, and the facts say so', () => {
    start(0)
    expect(alertFacts(entries(), STANDARD_PLAN, REFERENCE_SAFETY).baseline).toBeNull()
  })

  it('a baseline before the start is said as such', () => {
    const base = vitals(-5)
    start(0)
    vitals(5)
    expect(alertFacts(entries(), STANDARD_PLAN, REFERENCE_SAFETY).baseline).toEqual({ vitals: { ...VITALS }, at: at(-5), id: base.id, afterStart: false })
  })
})

describe('"planned total reached" fires on ties', () => {
  // 105 mg/h for 20 min delivers exactly the planned 35 mg.
  it('reached exactly at a rate change: fires at the change', () => {
    vitals(-1)
    start(0, 105)
    for (const m of [9, 19]) vitals(m)
    record({ type: 'rate_changed', rate: { value: 52.5, unit: 'mg/h' } }, 20)
    expect(keys(20)).not.toContain('dose_reached')
    expect(active(20.1).find((a) => a.key === 'dose_reached')).toMatchObject({ since: at(20) })
  })

  it('reached exactly at a pause: fires when the infusion resumes, not before', () => {
    vitals(-1)
    start(0, 105)
    for (const m of [9, 19]) vitals(m)
    record({ type: 'infusion_paused', reason: 'nausea' }, 20)
    vitals(24)
    expect(keys(25)).not.toContain('dose_reached')
    record({ type: 'infusion_resumed' }, 25)
    expect(keys(25)).not.toContain('dose_reached')
    expect(active(25.1).find((a) => a.key === 'dose_reached')).toMatchObject({ since: at(25) })
  })

  it('reached exactly at the planned end (start + 40 min) with a rate change there: fires', () => {
    vitals(-1)
    start(0)
    for (const m of [9, 19, 29, 39]) vitals(m)
    record({ type: 'rate_changed', rate: { value: 30, unit: 'mg/h' } }, 40)
    expect(active(40.5).find((a) => a.key === 'dose_reached')).toMatchObject({ since: at(40) })
  })

  it('reached exactly at a stop: nothing more was given, so it does not fire', () => {
    vitals(-1)
    start(0, 105)
    for (const m of [9, 19]) vitals(m)
    record({ type: 'infusion_stopped' }, 20)
    expect(keys(30)).not.toContain('dose_reached')
  })
})

describe('the vitals schedule does not reset at Stop', () => {
  it('an unacknowledged overdue alert does not vanish at Stop', () => {
    vitals(-1)
    start(0)
    const last = vitals(10)
    expect(keys(21)).toEqual([`vitals_overdue:infusion:${last.id}:1`])
    record({ type: 'infusion_stopped' }, 22)
    expect(keys(22)).toEqual([`vitals_overdue:infusion:${last.id}:1`])
    expect(keys(36)).toEqual([`vitals_overdue:infusion:${last.id}:2`])
    // The history keeps one stretch, from 20 min until vitals were taken.
    vitals(37)
    const overdue = history(37).filter((r) => r.rule === 'vitals_overdue')
    expect(overdue).toMatchObject([{ since: at(20), ended: { at: at(37), by: 'vitals recorded' } }])
  })

  it('next vitals after Stop are due at the earlier of last vitals + the infusion interval and Stop + the recovery interval', () => {
    vitals(-1)
    start(0)
    const last = vitals(18)
    record({ type: 'infusion_stopped' }, 20)
    // Last + 10 = 28 comes before Stop + 15 = 35.
    expect(keys(28)).toEqual([])
    expect(keys(28.01)).toEqual([`vitals_overdue:infusion:${last.id}:1`])
  })

  it('when Stop + the recovery interval comes first, it sets the due time', () => {
    vitals(-1)
    start(0)
    vitals(10)
    const last = vitals(19)
    record({ type: 'infusion_stopped' }, 20)
    // With a 5-minute recovery interval, Stop + 5 = 25 comes before last + 10 = 29.
    const quick = { ...REFERENCE_SAFETY, vitalsIntervalMin: { infusion: 10, recovery: 5 } }
    const k = (m: number) => alertsAt(entries(), STANDARD_PLAN, quick, at(m)).map((a) => a.key)
    expect(k(25)).toEqual([])
    expect(k(25.01)).toEqual([`vitals_overdue:recovery:${last.id}:1`])
  })

  it('26 minutes without vitals across the stop raise an alert that stays until vitals are taken', () => {
    vitals(-1)
    start(0)
    vitals(10)
    const last = vitals(18)
    record({ type: 'infusion_stopped' }, 26)
    expect(keys(44).filter((k) => k.startsWith('vitals_overdue'))).toEqual([`vitals_overdue:infusion:${last.id}:2`])
  })
})

/** The alerts section of the report, as text. */
function reportAlerts(): string {
  const html = reportDocument(t.ctx, { sessionId: s.id }).html
  const m = /<section id="alerts">([\s\S]*?)<\/section>/.exec(html)
  return m![1]!.replace(/<[^>]+>/g, ' ').replace(/&#39;/g, "'").replace(/\s+/g, ' ')
}

describe('the report', () => {
  it('keeps a row for an alert withdrawn by a correction, saying so', () => {
    vitals(-5)
    start(0)
    const high = vitals(8, { systolic: 185 })
    correct(high, { systolic: 150 }, 9)
    const text = reportAlerts()
    expect(text).toContain('1 alert raised: 0 acknowledged, 1 NOT ACKNOWLEDGED.')
    expect(text).toMatch(/Systolic 185 mmHg at \d\d:\d\d:\d\d is above the limit of 180 NOT ACKNOWLEDGED Ended \d\d:\d\d:\d\d: withdrawn by a correction/)
  })

  it('states the baseline with its time, and says when it is the first reading after the start', () => {
    start(0)
    expect(reportAlerts()).toContain('No baseline: rise alerts inactive.')
    vitals(5)
    expect(reportAlerts()).toContain(`Baseline 127/80 mmHg at ${formatClock(at(5))} (first reading after the start).`)
  })

  it('states a baseline taken before the start as such', () => {
    vitals(-5)
    start(0)
    expect(reportAlerts()).toContain(`Baseline 127/80 mmHg at ${formatClock(at(-5))} (before the start).`)
  })
})

describe('sedation alerts', () => {
  const moaas = (score: number, m: number) => record({ type: 'scale', scale: { kind: 'moaas', score } }, m)
  const sedation = (m: number, safety: SafetySettings = REFERENCE_SAFETY) =>
    alertsAt(entries(), STANDARD_PLAN, safety, at(m))
      .filter((a) => a.rule === 'sedation')
      .map((a) => [a.severity, a.value])

  it('MOAA/S 0 on the scale raises a high-priority alert', () => {
    const e = moaas(0, 1)
    const [alert] = active(1)
    expect(alert).toMatchObject({ key: `sedation:${e.id}`, rule: 'sedation', severity: 'critical', value: 0 })
    expect(alert!.message).toMatch(/^MOAA\/S 0 at \d\d:\d\d:\d\d: deep sedation \(high priority at 2 or below\)$/)
  })

  it('by the default limits: 2 is high priority, 3 medium, 4 nothing', () => {
    moaas(4, 1)
    expect(sedation(1)).toEqual([])
    moaas(3, 2)
    expect(sedation(2)).toEqual([['warning', 3]])
    moaas(2, 3)
    expect(sedation(3)).toEqual([['critical', 2], ['warning', 3]])
  })

  it('recorded with the vitals, it alerts the same way', () => {
    const e = vitals(1, { sedation: 3 } as Partial<typeof VITALS>)
    expect(active(1).find((a) => a.rule === 'sedation')).toMatchObject({ key: `sedation:${e.id}`, severity: 'warning', value: 3 })
    expect(active(1).find((a) => a.rule === 'sedation')!.message).toMatch(/^MOAA\/S 3 at \d\d:\d\d:\d\d \(with the vitals\): sedation \(medium priority at 3 or below\)$/)
  })

  it("a protocol's own limits apply, and a blank limit raises nothing", () => {
    moaas(2, 1)
    const strict = { ...REFERENCE_SAFETY, sedation: { highAtOrBelow: 1, mediumAtOrBelow: 2 } }
    expect(sedation(1, strict)).toEqual([['warning', 2]])
    const none = { ...REFERENCE_SAFETY, sedation: { highAtOrBelow: null, mediumAtOrBelow: null } }
    expect(sedation(1, none)).toEqual([])
  })

  it('a protocol version stored before sedation limits existed reads, and alerts with the defaults', () => {
    const shipped = listProtocols(t.ctx)[0]!
    expect('sedation' in shipped.definition).toBe(false)
    expect(protocolDefinitionSchema.safeParse(shipped.definition).success).toBe(true)
    moaas(0, 1)
    expect(sedation(1, shipped.definition)).toEqual([['critical', 0]])
  })

  it('the schema wants whole scores from 0 to 5, the high-priority limit below the medium one', () => {
    const base = listProtocols(t.ctx)[0]!.definition
    const parse = (sedation: unknown) => protocolDefinitionSchema.safeParse({ ...base, sedation })
    expect(parse({ highAtOrBelow: 2, mediumAtOrBelow: 3 }).success).toBe(true)
    expect(parse({ highAtOrBelow: null, mediumAtOrBelow: 3 }).success).toBe(true)
    expect(parse({ highAtOrBelow: 5, mediumAtOrBelow: null }).success).toBe(true)
    expect(parse({ highAtOrBelow: 6, mediumAtOrBelow: null }).success).toBe(false)
    expect(parse({ highAtOrBelow: 1.5, mediumAtOrBelow: null }).success).toBe(false)
    const same = parse({ highAtOrBelow: 3, mediumAtOrBelow: 3 })
    expect(same.success).toBe(false)
    expect(same.error!.issues[0]).toMatchObject({ path: ['sedation', 'mediumAtOrBelow'], message: 'The medium-priority sedation limit must be above the high-priority one' })
  })

  it('an acknowledged MOAA/S 3 corrected to 1 raises the alert again', () => {
    const e = moaas(3, 1)
    acknowledge(`sedation:${e.id}`, 2)
    expect(sedation(2)).toEqual([])
    t.clock.set(at(3))
    correctEntry(t.ctx, { sessionId: s.id, authorId: team.nurse.id, eventId: e.id, reason: 'Wrong score', entry: { type: 'scale', scale: { kind: 'moaas', score: 1 } } })
    expect(sedation(3)).toEqual([['critical', 1]])
  })
})
