import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { correctEntry, markInError, recordEntry } from '../../../src/main/record/entries'
import { monitorOpenSessions } from '../../../src/main/safety/monitor'
import { createProtocol, listProtocols, updateProtocol } from '../../../src/main/protocols/protocols'
import { acknowledgeAlert, recordDischarge } from '../../../src/main/safety/safety'
import { createSession, getSessionRecord } from '../../../src/main/sessions/sessions'
import { alertsAt } from '../../../src/shared/safety/alerts'
import type { EntryInput } from '../../../src/shared/record/events'
import { monitoredSnapshot, type MonitoredSession } from '../../../src/shared/safety/monitor'
import { safetyOf, type ProtocolVersion } from '../../../src/shared/protocols/protocols'
import { effectiveEntries, sessionSnapshot } from '../../../src/shared/record/record'
import type { Session } from '../../../src/shared/sessions/session'
import { makeTestContext, MIN, seedPatient, seedStaff, STANDARD_PLAN, type Team, type TestContext } from '../helpers'

let t: TestContext
let team: Team
let iv: ProtocolVersion
let patientId: number
beforeEach(() => {
  t = makeTestContext()
  team = seedStaff(t.ctx)
  patientId = seedPatient(t.ctx, { fullName: 'Pat Example', patientCode: 'P-0001', dateOfBirth: '1980-05-17' }).id
  iv = listProtocols(t.ctx)[0]!
})
afterEach(() => t.cleanup())

const VITALS = { systolic: 124, diastolic: 78, heartRate: 72, spo2: 98, respiratoryRate: 14 }
const START: EntryInput = { type: 'infusion_started', rate: { value: 52.5, unit: 'mg/h' }, override: { reason: 'Checks on paper' } }

function newSession(protocol: ProtocolVersion = iv): Session {
  return createSession(t.ctx, {
    patientId,
    authorId: team.nurse.id,
    plan: STANDARD_PLAN,
    team: { physicianId: team.physician.id, nurseId: team.nurse.id, therapistId: null },
    protocolId: protocol.id
  })
}
const record = (s: Session, entry: EntryInput, authorId = team.physician.id) => recordEntry(t.ctx, { sessionId: s.id, authorId, entry })
const monitored = (s: Session): MonitoredSession => {
  const m = monitorOpenSessions(t.ctx).find((x) => x.sessionId === s.id)
  if (!m) throw new Error(`session ${s.id} is not monitored`)
  return m
}
/** What the console shows: its own derivation, from the full record, with the session's protocol copy. */
function consoleAlerts(s: Session) {
  const { session, events } = getSessionRecord(t.ctx, s.id)
  return alertsAt(effectiveEntries(events), session.plan, safetyOf(session.protocol ?? null), t.clock.now())
}

describe('the alerts the lock screen gets', () => {
  it('are the console’s: the session’s own protocol copy, its effective entries, main’s clock', () => {
    const tight = createProtocol(t.ctx, {
      authorId: team.admin.id,
      definition: { ...iv.definition, name: 'Tight BP', limits: { ...iv.definition.limits, systolic: { low: 90, high: 160 } } }
    })
    const s = newSession(tight)
    record(s, START)
    t.clock.advance(MIN)
    record(s, { type: 'vitals', vitals: { ...VITALS, systolic: 170 } }, team.nurse.id)
    // Loosened after the session started: the session keeps the limit it started with.
    updateProtocol(t.ctx, {
      authorId: team.admin.id,
      protocolId: tight.id,
      reason: 'Too many alerts',
      definition: { ...tight.definition, limits: { ...tight.definition.limits, systolic: { low: 90, high: 200 } } }
    })
    t.clock.advance(MIN)
    const m = monitored(s)
    expect(m.at).toBe(t.clock.now())
    expect(m.alerts).toEqual(consoleAlerts(s))
    expect(m.alerts.map((a) => a.rule)).toEqual(['vital_limit'])
    expect(m.alerts[0]!.message).toMatch(/^Systolic 170 mmHg at \d\d:\d\d:\d\d is above the limit of 160$/)
  })

  it('time-driven alerts follow main’s clock while the record stands still', () => {
    const s = newSession()
    record(s, START)
    record(s, { type: 'vitals', vitals: VITALS }, team.nurse.id)
    t.clock.advance(10 * MIN)
    expect(monitored(s).alerts).toEqual([])
    t.clock.advance(1)
    expect(monitored(s).alerts.map((a) => a.rule)).toEqual(['vitals_overdue'])
    // Past the planned 40 min at the planned rate: the planned total is reached and the duration passed.
    t.clock.advance(31 * MIN)
    const m = monitored(s)
    expect(m.alerts.map((a) => a.rule).sort()).toEqual(['dose_reached', 'duration_exceeded', 'vitals_overdue'])
    expect(m.alerts).toEqual(consoleAlerts(s))
  })

  it('a new entry shows at the next poll: an acknowledged alert goes, a corrected reading takes its alert with it', () => {
    const s = newSession()
    record(s, START)
    const high = record(s, { type: 'vitals', vitals: { ...VITALS, systolic: 190 } }, team.nurse.id)
    const high2 = record(s, { type: 'vitals', vitals: { ...VITALS, systolic: 185 } }, team.nurse.id)
    expect(monitored(s).alerts.map((a) => a.message)).toEqual([expect.stringMatching(/^Systolic 190 mmHg/), expect.stringMatching(/^Systolic 185 mmHg/)])
    const [first] = monitored(s).alerts
    acknowledgeAlert(t.ctx, { sessionId: s.id, authorId: team.nurse.id, alertKey: first!.key, response: 'recheck_vitals' })
    expect(monitored(s).alerts.map((a) => a.message)).toEqual([expect.stringMatching(/^Systolic 185 mmHg/)])
    correctEntry(t.ctx, { sessionId: s.id, authorId: team.nurse.id, eventId: high2.id, reason: 'Cuff too small', entry: { type: 'vitals', vitals: { ...VITALS, systolic: 150 } } })
    expect(monitored(s).alerts).toEqual([])
    expect(consoleAlerts(s)).toEqual([])
    expect(high.id).toBeLessThan(high2.id)
  })

  it('each open session gets its own; an ended one drops out', () => {
    const a = newSession()
    const b = newSession()
    record(a, START)
    record(b, { type: 'vitals', vitals: { ...VITALS, heartRate: 130 } }, team.nurse.id)
    expect(monitorOpenSessions(t.ctx).map((m) => [m.sessionId, m.alerts.map((x) => x.rule)])).toEqual([
      [b.id, ['vital_limit']],
      [a.id, []]
    ])
    record(b, { type: 'session_ended' })
    expect(monitorOpenSessions(t.ctx).map((m) => m.sessionId)).toEqual([a.id])
  })
})

describe('the figures the lock screen gets', () => {
  it('give the console’s readouts, corrections and entries in error applied, and keep running between polls', () => {
    const s = newSession()
    const start = record(s, START)
    t.clock.advance(5 * MIN)
    correctEntry(t.ctx, { sessionId: s.id, authorId: team.physician.id, eventId: start.id, reason: 'Pump read 0.6', entry: { type: 'infusion_started', rate: { value: 0.6, unit: 'mg/kg/h' } } })
    t.clock.advance(5 * MIN)
    record(s, { type: 'infusion_paused', reason: 'Nausea' })
    t.clock.advance(3 * MIN)
    record(s, { type: 'infusion_resumed' })
    const change = record(s, { type: 'rate_changed', rate: { value: 30, unit: 'mg/h' } })
    markInError(t.ctx, { sessionId: s.id, authorId: team.physician.id, eventId: change.id, reason: 'Wrong session' })
    const m = monitored(s)
    for (const later of [0, 7 * MIN, 50 * MIN]) {
      const at = t.clock.now() + later
      expect(monitoredSnapshot(m, at)).toEqual(sessionSnapshot(getSessionRecord(t.ctx, s.id).events, s.plan, at))
    }
    expect(monitoredSnapshot(m, t.clock.now()).deliveredMg).toBeCloseTo((0.6 * 70 * 10) / 60, 9)
  })
})

describe('nothing on the lock screen identifies the patient', () => {
  it('no name, patient code, date of birth, note text or any other free text, even with a patient-reported alert active', () => {
    const s = newSession()
    // Free text everywhere it can go, each with the patient's name in it.
    const texts = {
      note: 'Pat Example says her husband Bob drove her',
      noteFix: 'Pat Example says her sister drove her',
      noteFixReason: 'Pat Example corrected me',
      checklist: 'Toast with Pat Example’s mother at 07:00',
      override: 'Pat Example consented on paper',
      pause: 'Pat Example felt sick',
      vitalsFix: 'Pat Example moved her arm',
      ackNote: 'Spoke with Pat Example about the answer',
      report: 'Pat Example feels clear-headed'
    }
    record(s, { type: 'checklist', checklist: { consent: true, escort: true, screening: {}, lastFoodDrink: texts.checklist } }, team.nurse.id)
    record(s, { type: 'infusion_started', rate: { value: 52.5, unit: 'mg/h' }, override: { reason: texts.override } })
    const note = record(s, { type: 'note', note: { noteType: 'subjective_report', text: texts.note, intensity: 6, intensityOf: 'anxiety' } }, team.nurse.id)
    correctEntry(t.ctx, { sessionId: s.id, authorId: team.nurse.id, eventId: note.id, reason: texts.noteFixReason, entry: { type: 'note', note: { noteType: 'subjective_report', text: texts.noteFix } } })
    record(s, { type: 'infusion_paused', reason: texts.pause })
    const vitals = record(s, { type: 'vitals', vitals: { ...VITALS, systolic: 195 } }, team.nurse.id)
    correctEntry(t.ctx, { sessionId: s.id, authorId: team.nurse.id, eventId: vitals.id, reason: texts.vitalsFix, entry: { type: 'vitals', vitals: { ...VITALS, systolic: 190 } } })
    // What the patient reported raises an alert of its own (PHQ-9 item 9); acknowledged with a note, then raised again.
    const phq = { type: 'scale' as const, scale: { kind: 'phq9' as const, timing: 'before' as const, items: [1, 1, 1, 1, 1, 1, 1, 1, 2] } }
    record(s, phq, team.nurse.id)
    const self = monitored(s).alerts.find((a) => a.rule === 'phq9_self_harm')!
    acknowledgeAlert(t.ctx, { sessionId: s.id, authorId: team.physician.id, alertKey: self.key, response: 'treat', note: texts.ackNote })
    record(s, phq, team.nurse.id)
    record(s, { type: 'infusion_stopped' })
    t.clock.advance(61 * MIN)
    record(s, { type: 'vitals', vitals: VITALS }, team.nurse.id)
    const assessment = {
      aldrete: { activity: 2, respiration: 2, circulation: 2, consciousness: 2, oxygenSaturation: 2 },
      escortPresent: true,
      noDrivingAdviceGiven: true,
      patientReport: texts.report
    }
    recordDischarge(t.ctx, { sessionId: s.id, authorId: team.physician.id, assessment, override: { reason: 'Alerts seen by the physician' } })

    const payload = monitorOpenSessions(t.ctx)
    expect(payload).toHaveLength(1)
    const m = payload[0]!
    expect(m.alerts.map((a) => a.rule).sort()).toEqual(['phq9_self_harm', 'vital_limit'])
    expect(m.alerts).toEqual(consoleAlerts(s))

    const json = JSON.stringify(payload)
    for (const secret of ['Pat', 'Example', 'P-0001', '1980-05-17', '17/05/1980', '05/17/1980', 'Bob', 'sister', 'Toast', 'paper', 'sick', 'moved her', 'clear-headed', 'Spoke'])
      expect(json, secret).not.toContain(secret)
    for (const text of [...Object.values(texts), 'Alerts seen by the physician']) expect(json).not.toContain(text)

    // Only the fields the lock screen needs, so nothing new slips through unnoticed.
    expect(Object.keys(m).sort()).toEqual(['actions', 'alerts', 'at', 'endedAt', 'plan', 'sessionId'])
    // A value is a figure already in the message (a reading, a rise).
    for (const a of m.alerts) expect(Object.keys(a).filter((k) => k !== 'value').sort()).toEqual(['key', 'message', 'rule', 'severity', 'since'])
    for (const a of m.alerts) expect(a.value === undefined || typeof a.value === 'number').toBe(true)
    for (const a of m.actions) expect(Object.keys(a).every((k) => ['type', 'at', 'rate'].includes(k))).toBe(true)
    expect(m.actions.map((a) => a.type)).toEqual(['infusion_started', 'infusion_paused', 'infusion_stopped'])
  })
})
