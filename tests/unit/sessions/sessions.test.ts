import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { correctEntry, recordEntry } from '../../../src/main/record/entries'
import { createSession, getSessionRecord, listOpenSessions, listSessionsForPatient } from '../../../src/main/sessions/sessions'
import type { NewSession } from '../../../src/shared/sessions/session'
import { catchError, countRows, makeTestContext, MIN, seedPatient, seedStaff, STANDARD_PLAN, T0, type Team, type TestContext } from '../helpers'
import type { Patient } from '../../../src/shared/people/people'

let t: TestContext
let team: Team
let patient: Patient
beforeEach(() => {
  t = makeTestContext()
  team = seedStaff(t.ctx)
  patient = seedPatient(t.ctx)
})
afterEach(() => t.cleanup())

const newSession = (over: Partial<NewSession> = {}): NewSession => ({
  patientId: patient.id,
  authorId: team.nurse.id,
  plan: STANDARD_PLAN,
  team: { physicianId: team.physician.id, nurseId: team.nurse.id, therapistId: team.therapist.id },
  ...over
})

describe('creating a session', () => {
  it('stores the plan, the team, the author and the time', () => {
    t.clock.set(T0 + 3 * MIN)
    const s = createSession(t.ctx, newSession())
    expect(s).toEqual({
      id: s.id,
      patientId: patient.id,
      plan: STANDARD_PLAN,
      team: { physicianId: team.physician.id, nurseId: team.nurse.id, therapistId: team.therapist.id },
      createdBy: team.nurse.id,
      createdAt: T0 + 3 * MIN
    })
    const record = getSessionRecord(t.ctx, s.id)
    expect(record.session).toEqual(s)
    expect(record.patient).toEqual(patient)
    expect(record.events).toEqual([])
  })

  it('a therapist is optional', () => {
    const s = createSession(t.ctx, newSession({ team: { physicianId: team.physician.id, nurseId: team.nurse.id, therapistId: null } }))
    expect(s.team.therapistId).toBeNull()
  })

  it('the physician must be a physician', () => {
    const err = catchError(() => createSession(t.ctx, newSession({ team: { physicianId: team.nurse.id, nurseId: team.nurse.id, therapistId: null } })))
    expect(err.code).toBe('INVALID_INPUT')
    expect(err.field).toBe('team.physicianId')
    expect(countRows(t.db, 'sessions')).toBe(0)
  })

  it('the nurse must be a nurse or a physician', () => {
    expect(createSession(t.ctx, newSession({ team: { physicianId: team.physician.id, nurseId: team.physician.id, therapistId: null } })).id).toBeGreaterThan(0)
    const err = catchError(() =>
      createSession(t.ctx, newSession({ team: { physicianId: team.physician.id, nurseId: team.therapist.id, therapistId: null } }))
    )
    expect(err.field).toBe('team.nurseId')
  })

  it('the therapist must be a therapist', () => {
    const err = catchError(() =>
      createSession(t.ctx, newSession({ team: { physicianId: team.physician.id, nurseId: team.nurse.id, therapistId: team.admin.id } }))
    )
    expect(err.field).toBe('team.therapistId')
  })

  it('an unknown author or staff member is refused', () => {
    expect(catchError(() => createSession(t.ctx, newSession({ authorId: 9999 }))).field).toBe('authorId')
    expect(catchError(() => createSession(t.ctx, newSession({ team: { physicianId: 9999, nurseId: team.nurse.id, therapistId: null } }))).field).toBe(
      'team.physicianId'
    )
    expect(countRows(t.db, 'sessions')).toBe(0)
  })

  it('an unknown patient is not found', () => {
    const err = catchError(() => createSession(t.ctx, newSession({ patientId: 9999 })))
    expect(err.code).toBe('NOT_FOUND')
    expect(err.field).toBe('patientId')
  })

  it('a bag too small for the planned total is refused on the bag volume', () => {
    // 35 mg planned; 1 mg/mL x 30 mL = 30 mg.
    const err = catchError(() => createSession(t.ctx, newSession({ plan: { ...STANDARD_PLAN, bagVolumeMl: 30 } })))
    expect(err.code).toBe('INVALID_INPUT')
    expect(err.field).toBe('plan.bagVolumeMl')
    expect(countRows(t.db, 'sessions')).toBe(0)
  })

  it('an unknown session is not found', () => {
    const err = catchError(() => getSessionRecord(t.ctx, 9999))
    expect(err.code).toBe('NOT_FOUND')
    expect(err.field).toBe('sessionId')
  })
})

describe('listing sessions', () => {
  it('open sessions are listed newest first until they end', () => {
    const first = createSession(t.ctx, newSession())
    t.clock.advance(MIN)
    const second = createSession(t.ctx, newSession())
    expect(listOpenSessions(t.ctx).map((s) => s.id)).toEqual([second.id, first.id])
    t.clock.advance(MIN)
    recordEntry(t.ctx, { sessionId: first.id, authorId: team.nurse.id, entry: { type: 'session_ended' } })
    const open = listOpenSessions(t.ctx)
    expect(open.map((s) => s.id)).toEqual([second.id])
    expect(open[0]).toMatchObject({ patientCode: 'P-0001', patientName: 'Pat Example', endedAt: null })
  })

  it("a patient's sessions are listed newest first with their end time", () => {
    const other = seedPatient(t.ctx, { patientCode: 'P-0002', fullName: 'Other Person' })
    const first = createSession(t.ctx, newSession())
    createSession(t.ctx, newSession({ patientId: other.id }))
    t.clock.advance(10 * MIN)
    recordEntry(t.ctx, { sessionId: first.id, authorId: team.nurse.id, entry: { type: 'session_ended' }, occurredAt: T0 + 8 * MIN })
    t.clock.advance(MIN)
    const second = createSession(t.ctx, newSession())
    const list = listSessionsForPatient(t.ctx, patient.id)
    expect(list.map((s) => s.id)).toEqual([second.id, first.id])
    expect(list.map((s) => s.endedAt)).toEqual([null, T0 + 8 * MIN])
    expect(listSessionsForPatient(t.ctx, 9999)).toEqual([])
  })

  it('a corrected end time is the end time listed', () => {
    const s = createSession(t.ctx, newSession())
    t.clock.advance(30 * MIN)
    const end = recordEntry(t.ctx, { sessionId: s.id, authorId: team.nurse.id, entry: { type: 'session_ended' } })
    t.clock.advance(MIN)
    correctEntry(t.ctx, { sessionId: s.id, authorId: team.nurse.id, eventId: end.id, reason: 'ended earlier', entry: { type: 'session_ended' }, occurredAt: T0 + 20 * MIN })
    t.clock.advance(MIN)
    correctEntry(t.ctx, { sessionId: s.id, authorId: team.nurse.id, eventId: end.id, reason: 'ended a bit later', entry: { type: 'session_ended' }, occurredAt: T0 + 25 * MIN })
    expect(listSessionsForPatient(t.ctx, patient.id).map((x) => x.endedAt)).toEqual([T0 + 25 * MIN])
    expect(listOpenSessions(t.ctx)).toEqual([])
  })
})
