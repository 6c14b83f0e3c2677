import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { correctEntry, markInError, recordEntry } from '../../../src/main/record/entries'
import { createProtocol, listProtocols, protocolHistory, retireProtocol, updateProtocol } from '../../../src/main/protocols/protocols'
import { acknowledgeAlert, recordDischarge } from '../../../src/main/safety/safety'
import { createSession, getSessionRecord } from '../../../src/main/sessions/sessions'
import { scalesForPatient } from '../../../src/main/therapy/scales'
import { alertsAt } from '../../../src/shared/safety/alerts'
import type { EntryInput } from '../../../src/shared/record/events'
import type { ProtocolVersion } from '../../../src/shared/protocols/protocols'
import { effectiveEntries, sessionSnapshot } from '../../../src/shared/record/record'
import type { Checklist } from '../../../src/shared/record/safetyPayloads'
import type { Session } from '../../../src/shared/sessions/session'
import { catchError, countEvents, countRows, makeTestContext, MIN, seedPatient, seedStaff, STANDARD_PLAN, T0, type Team, type TestContext } from '../helpers'

let t: TestContext
let team: Team
let iv: ProtocolVersion
let patientId: number
beforeEach(() => {
  t = makeTestContext()
  team = seedStaff(t.ctx)
  patientId = seedPatient(t.ctx).id
  iv = listProtocols(t.ctx)[0]!
})
afterEach(() => t.cleanup())

const COMPLETE: Checklist = {
  consent: true,
  escort: true,
  screening: { hypertension: 'no', psychosis: 'no', pregnancy: 'no', trauma: 'no' },
  lastFoodDrink: 'Breakfast 07:00'
}
const VITALS = { systolic: 124, diastolic: 78, heartRate: 72, spo2: 98, respiratoryRate: 14 }
const START: EntryInput = { type: 'infusion_started', rate: { value: 52.5, unit: 'mg/h' } }
const ASSESSMENT = {
  aldrete: { activity: 2, respiration: 2, circulation: 2, consciousness: 2, oxygenSaturation: 2 },
  escortPresent: true,
  noDrivingAdviceGiven: true,
  patientReport: 'Clear-headed, a little tired'
}

function newSession(protocol: ProtocolVersion | null = iv, plan = STANDARD_PLAN): Session {
  return createSession(t.ctx, {
    patientId,
    authorId: team.nurse.id,
    plan,
    team: { physicianId: team.physician.id, nurseId: team.nurse.id, therapistId: null },
    ...(protocol ? { protocolId: protocol.id } : {})
  })
}
const record = (s: Session, entry: EntryInput, authorId = team.nurse.id) => recordEntry(t.ctx, { sessionId: s.id, authorId, entry })

function readyToStart(s: Session) {
  record(s, { type: 'checklist', checklist: COMPLETE })
  record(s, { type: 'vitals', vitals: VITALS })
  record(s, { type: 'scale', scale: { kind: 'distress', score: 4 } })
}

describe('shipped protocols (migration 003)', () => {
  it('three protocols are seeded, each valid, in the order given', () => {
    expect(listProtocols(t.ctx).map((p) => p.definition.name)).toEqual([
      'IV ketamine 0.5 mg/kg over 40 min',
      'IM ketamine',
      'Intranasal esketamine (REMS monitoring)'
    ])
    const esk = listProtocols(t.ctx)[2]!.definition
    expect(esk.minRecoveryMin).toBe(120)
    expect(esk.discharge.rems).toBe(true)
    expect(esk.dose).toEqual({ kind: 'mg', value: 56 })
  })

  it('protocol versions cannot be changed or deleted in the database', () => {
    expect(() => t.db.prepare("UPDATE protocols SET name = 'x'").run()).toThrow(/cannot be changed/)
    expect(() => t.db.prepare('DELETE FROM protocols').run()).toThrow(/cannot be deleted/)
  })
})

describe('editing protocols', () => {
  it('an edit is a new version; the old one stays, and history lists both', () => {
    t.clock.set(T0 + MIN)
    const v2 = updateProtocol(t.ctx, {
      authorId: team.physician.id,
      protocolId: iv.id,
      definition: { ...iv.definition, minRecoveryMin: 90 },
      reason: 'Longer observation'
    })
    expect(v2).toMatchObject({ lineageId: iv.lineageId, version: 2, changeReason: 'Longer observation', createdBy: team.physician.id, createdAt: T0 + MIN })
    expect(listProtocols(t.ctx)[0]!.id).toBe(v2.id)
    expect(protocolHistory(t.ctx, iv.lineageId).map((v) => [v.version, v.definition.minRecoveryMin])).toEqual([
      [2, 90],
      [1, 60]
    ])
  })

  it('an edit based on an old version is refused, so no change is lost unseen', () => {
    updateProtocol(t.ctx, { authorId: team.physician.id, protocolId: iv.id, definition: { ...iv.definition, minRecoveryMin: 90 }, reason: 'a' })
    const err = catchError(() =>
      updateProtocol(t.ctx, { authorId: team.physician.id, protocolId: iv.id, definition: { ...iv.definition, minRecoveryMin: 75 }, reason: 'b' })
    )
    expect(err).toMatchObject({ code: 'CONFLICT', field: 'protocolId' })
  })

  it('nurses cannot change protocols; nothing is saved', () => {
    const before = countRows(t.db, 'protocols')
    const err = catchError(() => createProtocol(t.ctx, { authorId: team.nurse.id, definition: { ...iv.definition, name: 'Mine' } }))
    expect(err).toMatchObject({ code: 'INVALID_INPUT', field: 'authorId' })
    expect(countRows(t.db, 'protocols')).toBe(before)
  })

  it('a retired protocol leaves the list but cannot start a session', () => {
    retireProtocol(t.ctx, { authorId: team.admin.id, protocolId: iv.id, reason: 'No longer offered' })
    expect(listProtocols(t.ctx).map((p) => p.lineageId)).not.toContain(iv.lineageId)
    expect(catchError(() => newSession(iv))).toMatchObject({ field: 'protocolId' })
  })

  it('a protocol edited after a session leaves that session’s record unchanged', () => {
    const s = newSession()
    readyToStart(s)
    t.clock.set(T0 + 5 * MIN)
    record(s, { type: 'vitals', vitals: { ...VITALS, systolic: 150 } })
    const before = getSessionRecord(t.ctx, s.id)
    const beforeAlerts = alertsAt(effectiveEntries(before.events), before.session.plan, before.session.protocol!.definition, T0 + 6 * MIN)
    expect(beforeAlerts).toEqual([])

    const tighter = { ...iv.definition, limits: { ...iv.definition.limits, systolic: { low: 90, high: 140 } }, minRecoveryMin: 120 }
    updateProtocol(t.ctx, { authorId: team.physician.id, protocolId: iv.id, definition: tighter, reason: 'Tighter limits' })

    const after = getSessionRecord(t.ctx, s.id)
    expect(after).toEqual(before)
    expect(after.session.protocol).toEqual({ id: iv.id, lineageId: iv.lineageId, version: 1, definition: iv.definition })
    expect(alertsAt(effectiveEntries(after.events), after.session.plan, after.session.protocol!.definition, T0 + 6 * MIN)).toEqual([])
    // A session started now takes the new version.
    expect(newSession(listProtocols(t.ctx)[0]!).protocol!.version).toBe(2)
  })

  it('a plan whose drug or route contradicts the protocol is refused', () => {
    expect(catchError(() => newSession(iv, { ...STANDARD_PLAN, route: 'IM' }))).toMatchObject({ code: 'INVALID_INPUT', field: 'plan.route' })
  })
})

describe('the pre-infusion gate', () => {
  it('the start is refused while checks are unmet, and nothing is saved', () => {
    const s = newSession()
    const before = countEvents(t.db)
    const err = catchError(() => record(s, START, team.physician.id))
    expect(err).toMatchObject({ code: 'CONFIRMATION_REQUIRED', field: 'entry.override' })
    expect(err.message).toMatch(/Consent not confirmed.*No baseline vitals recorded/)
    expect(countEvents(t.db)).toBe(before)
  })

  it('with every check met the infusion starts without an override', () => {
    const s = newSession()
    readyToStart(s)
    expect(record(s, START, team.physician.id).type).toBe('infusion_started')
  })

  it('a physician’s override with a reason starts it, and the record says what was overridden', () => {
    const s = newSession()
    const e = record(s, { ...START, override: { reason: 'Consent on paper', problems: ['made up'] } } as EntryInput, team.physician.id)
    const p = e.payload as { override: { reason: string; problems: string[] } }
    expect(p.override.reason).toBe('Consent on paper')
    expect(p.override.problems).toContain('Consent not confirmed')
    expect(p.override.problems).not.toContain('made up')
  })

  it('a nurse cannot override the checks', () => {
    const s = newSession()
    expect(catchError(() => record(s, { ...START, override: { reason: 'x' } } as EntryInput, team.nurse.id))).toMatchObject({ field: 'authorId' })
  })

  it('an override where nothing needs overriding is refused', () => {
    const s = newSession()
    readyToStart(s)
    expect(catchError(() => record(s, { ...START, override: { reason: 'x' } } as EntryInput, team.physician.id))).toMatchObject({
      field: 'entry.override'
    })
  })

  it('a baseline above the protocol limit needs an override even with the checklist complete', () => {
    const s = newSession()
    readyToStart(s)
    record(s, { type: 'vitals', vitals: { ...VITALS, systolic: 185 } })
    expect(catchError(() => record(s, START, team.physician.id)).message).toMatch(/Baseline systolic 185 mmHg is above the limit of 180/)
  })

  it('a correction keeps the override as given and cannot change it', () => {
    const s = newSession()
    const e = record(s, { ...START, override: { reason: 'Consent on paper' } } as EntryInput, team.physician.id)
    t.clock.set(T0 + MIN)
    const c = correctEntry(t.ctx, { sessionId: s.id, authorId: team.nurse.id, eventId: e.id, reason: 'pump', entry: { type: 'infusion_started', rate: { value: 40, unit: 'mg/h' } } })
    expect((c.payload as { entry: { override: { reason: string } } }).entry.override.reason).toBe('Consent on paper')
    expect(
      catchError(() =>
        correctEntry(t.ctx, { sessionId: s.id, authorId: team.nurse.id, eventId: e.id, reason: 'x', entry: { ...START, override: { reason: 'other' } } as EntryInput })
      )
    ).toMatchObject({ field: 'entry.override' })
  })

  it('sessions without a protocol keep working as before (no gate)', () => {
    const s = newSession(null)
    expect(record(s, START).type).toBe('infusion_started')
  })
})

describe('acknowledging alerts', () => {
  function running(): Session {
    const s = newSession()
    readyToStart(s)
    record(s, START, team.physician.id)
    return s
  }

  it('"pause infusion" pauses the pump in the same transaction, and the dose stops accruing', () => {
    const s = running()
    t.clock.set(T0 + 10 * MIN)
    const high = record(s, { type: 'vitals', vitals: { ...VITALS, systolic: 190 } })
    const written = acknowledgeAlert(t.ctx, { sessionId: s.id, authorId: team.nurse.id, alertKey: `vital_limit:systolic:high:${high.id}`, response: 'pause_infusion' })
    expect(written.map((e) => e.type)).toEqual(['infusion_paused', 'alert_acknowledged'])
    expect((written[0]!.payload as { reason: string }).reason).toMatch(/^Alert: Systolic 190 mmHg/)
    expect(written[1]!.payload).toMatchObject({ ack: { response: 'pause_infusion', rule: 'vital_limit', alertKey: `vital_limit:systolic:high:${high.id}` } })
    const events = getSessionRecord(t.ctx, s.id).events
    // 52.5 mg/h for 10 min = 8.75 mg, and no more while paused.
    expect(sessionSnapshot(events, STANDARD_PLAN, T0 + 10 * MIN).deliveredMg).toBeCloseTo(8.75, 9)
    expect(sessionSnapshot(events, STANDARD_PLAN, T0 + 30 * MIN).deliveredMg).toBeCloseTo(8.75, 9)
    expect(alertsAt(effectiveEntries(events), STANDARD_PLAN, iv.definition, T0 + 10 * MIN).map((a) => a.key)).toEqual([])
  })

  it('an alert already acknowledged, or unknown, is refused and nothing is written', () => {
    const s = running()
    t.clock.set(T0 + 10 * MIN)
    const high = record(s, { type: 'vitals', vitals: { ...VITALS, systolic: 190 } })
    const key = `vital_limit:systolic:high:${high.id}`
    acknowledgeAlert(t.ctx, { sessionId: s.id, authorId: team.nurse.id, alertKey: key, response: 'continue' })
    const before = countEvents(t.db)
    expect(catchError(() => acknowledgeAlert(t.ctx, { sessionId: s.id, authorId: team.nurse.id, alertKey: key, response: 'continue' }))).toMatchObject({
      code: 'NOT_FOUND'
    })
    expect(countEvents(t.db)).toBe(before)
  })

  it('"pause infusion" when nothing is running is refused, and the acknowledgement is not half-saved', () => {
    const s = newSession(null)
    const high = record(s, { type: 'vitals', vitals: { ...VITALS, systolic: 190 } })
    const before = countEvents(t.db)
    expect(
      catchError(() => acknowledgeAlert(t.ctx, { sessionId: s.id, authorId: team.nurse.id, alertKey: `vital_limit:systolic:high:${high.id}`, response: 'pause_infusion' }))
    ).toMatchObject({ code: 'INVALID_STATE', field: 'response' })
    expect(countEvents(t.db)).toBe(before)
  })

  it('acknowledgements and discharges cannot be entered through entries.record', () => {
    const s = newSession()
    expect(catchError(() => record(s, { type: 'alert_acknowledged', ack: { alertKey: 'x', rule: 'vital_limit', message: 'm', response: 'continue' } }))).toMatchObject({
      field: 'entry.type'
    })
  })
})

describe('discharge', () => {
  function recovering(protocol = iv): Session {
    const s = newSession(protocol, protocol.definition.drug === 'esketamine' ? { ...STANDARD_PLAN, drug: 'esketamine', route: 'intranasal', plannedDose: { kind: 'mg', value: 56 } } : STANDARD_PLAN)
    readyToStart(s)
    record(s, START, team.physician.id)
    t.clock.set(T0 + 40 * MIN)
    record(s, { type: 'vitals', vitals: VITALS })
    record(s, { type: 'infusion_stopped' }, team.physician.id)
    return s
  }

  it('before the minimum recovery it is refused; a physician’s override with a reason discharges', () => {
    const s = recovering()
    t.clock.set(T0 + 50 * MIN)
    const before = countEvents(t.db)
    const err = catchError(() => recordDischarge(t.ctx, { sessionId: s.id, authorId: team.nurse.id, assessment: ASSESSMENT, override: null }))
    expect(err).toMatchObject({ code: 'CONFIRMATION_REQUIRED', field: 'override' })
    expect(err.message).toMatch(/Recovery observation 10 min is shorter than the protocol's minimum of 60 min/)
    expect(countEvents(t.db)).toBe(before)
    expect(catchError(() => recordDischarge(t.ctx, { sessionId: s.id, authorId: team.nurse.id, assessment: ASSESSMENT, override: { reason: 'x' } }))).toMatchObject({
      field: 'authorId'
    })
    const e = recordDischarge(t.ctx, { sessionId: s.id, authorId: team.physician.id, assessment: ASSESSMENT, override: { reason: 'Transport waiting, stable' } })
    expect(e.payload).toMatchObject({ discharge: { override: { reason: 'Transport waiting, stable', problems: [expect.stringMatching(/shorter than/)] } } })
    // Discharged once; the infusion can no longer change; the session is still open for End session.
    expect(catchError(() => recordDischarge(t.ctx, { sessionId: s.id, authorId: team.physician.id, assessment: ASSESSMENT, override: null }))).toMatchObject({
      code: 'INVALID_STATE'
    })
    expect(record(s, { type: 'session_ended' }).type).toBe('session_ended')
  })

  it('after the minimum recovery, with every criterion met, no override is needed (or accepted)', () => {
    const s = recovering()
    for (let m = 55; m <= 100; m += 15) {
      t.clock.set(T0 + m * MIN)
      record(s, { type: 'vitals', vitals: VITALS })
    }
    t.clock.set(T0 + 100 * MIN)
    expect(catchError(() => recordDischarge(t.ctx, { sessionId: s.id, authorId: team.physician.id, assessment: ASSESSMENT, override: { reason: 'x' } }))).toMatchObject({
      field: 'override'
    })
    expect(recordDischarge(t.ctx, { sessionId: s.id, authorId: team.nurse.id, assessment: ASSESSMENT, override: null }).type).toBe('discharge')
  })

  it('an esketamine session needs the REMS fields', () => {
    const s = recovering(listProtocols(t.ctx)[2]!)
    t.clock.set(T0 + 200 * MIN)
    expect(catchError(() => recordDischarge(t.ctx, { sessionId: s.id, authorId: team.physician.id, assessment: ASSESSMENT, override: { reason: 'x' } }))).toMatchObject({
      field: 'assessment.rems'
    })
  })

  it('a discharge marked entered in error can be recorded again; a discharge is never corrected', () => {
    const s = recovering()
    t.clock.set(T0 + 45 * MIN)
    const e = recordDischarge(t.ctx, { sessionId: s.id, authorId: team.physician.id, assessment: ASSESSMENT, override: { reason: 'Early' } })
    expect(catchError(() => correctEntry(t.ctx, { sessionId: s.id, authorId: team.physician.id, eventId: e.id, reason: 'x', entry: { type: 'discharge', discharge: ASSESSMENT } }))).toMatchObject({
      field: 'eventId'
    })
    markInError(t.ctx, { sessionId: s.id, authorId: team.physician.id, eventId: e.id, reason: 'Patient stayed' })
    expect(recordDischarge(t.ctx, { sessionId: s.id, authorId: team.physician.id, assessment: ASSESSMENT, override: { reason: 'Early again' } }).type).toBe('discharge')
  })
})

describe('scales across sessions', () => {
  it('the patient’s course lists live scale scores session by session, corrections applied', () => {
    const a = newSession(null)
    const phq = record(a, { type: 'scale', scale: { kind: 'phq9', timing: 'before', items: [2, 2, 2, 2, 2, 2, 2, 2, 0] } })
    correctEntry(t.ctx, { sessionId: a.id, authorId: team.nurse.id, eventId: phq.id, reason: 'item 1 misread', entry: { type: 'scale', scale: { kind: 'phq9', timing: 'before', items: [1, 2, 2, 2, 2, 2, 2, 2, 0] } } })
    const wrong = record(a, { type: 'scale', scale: { kind: 'distress', score: 9 } })
    markInError(t.ctx, { sessionId: a.id, authorId: team.nurse.id, eventId: wrong.id, reason: 'wrong patient' })
    t.clock.set(T0 + 3 * 24 * 60 * MIN)
    const b = newSession(null)
    record(b, { type: 'scale', scale: { kind: 'gad7', timing: 'after', items: [1, 1, 1, 1, 1, 1, 1] } })
    const course = scalesForPatient(t.ctx, patientId)
    expect(course.map((c) => [c.sessionId, c.scale.kind, 'items' in c.scale ? c.scale.items[0] : null])).toEqual([
      [a.id, 'phq9', 1],
      [b.id, 'gad7', 1]
    ])
  })
})
