import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createPatient, createStaff, getPatient, listPatients, listStaff, requireActiveStaff } from '../../../src/main/people/people'
import { DomainError } from '../../../src/shared/kernel/result'
import { catchError, countRows, makeTestContext, T0, type TestContext } from '../helpers'

let t: TestContext
beforeEach(() => {
  t = makeTestContext()
})
afterEach(() => t.cleanup())

const PATIENT = { patientCode: 'P-0001', fullName: 'Pat Example', dateOfBirth: '1980-05-17', weightKg: 70 }

/** The local calendar date `days` from the clock's now, YYYY-MM-DD, worked out with Date alone. */
function localDay(days: number): string {
  const d = new Date(T0)
  d.setDate(d.getDate() + days)
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`
}

describe('patients', () => {
  it('a new patient is stored with the time it was created', () => {
    const p = createPatient(t.ctx, PATIENT)
    expect(p).toEqual({ id: p.id, ...PATIENT, createdAt: T0 })
    expect(getPatient(t.ctx, p.id)).toEqual(p)
    expect(listPatients(t.ctx)).toEqual([p])
  })

  it('a Patient ID already in use is refused as a conflict on patientCode', () => {
    createPatient(t.ctx, PATIENT)
    const err = catchError(() => createPatient(t.ctx, { ...PATIENT, fullName: 'Someone Else' }))
    expect(err).toBeInstanceOf(DomainError)
    expect(err.code).toBe('CONFLICT')
    expect(err.field).toBe('patientCode')
    expect(err.message).toContain('P-0001')
    expect(countRows(t.db, 'patients')).toBe(1)
  })

  it('a Patient ID differing only in letter case is the same Patient ID', () => {
    createPatient(t.ctx, { ...PATIENT, patientCode: 'abc-7' })
    const err = catchError(() => createPatient(t.ctx, { ...PATIENT, patientCode: 'ABC-7' }))
    expect(err.code).toBe('CONFLICT')
    expect(err.field).toBe('patientCode')
    expect(countRows(t.db, 'patients')).toBe(1)
  })

  it('a date of birth in the future is refused', () => {
    const err = catchError(() => createPatient(t.ctx, { ...PATIENT, dateOfBirth: localDay(1) }))
    expect(err.code).toBe('INVALID_INPUT')
    expect(err.field).toBe('dateOfBirth')
    expect(countRows(t.db, 'patients')).toBe(0)
  })

  it('a date of birth of today is accepted', () => {
    expect(createPatient(t.ctx, { ...PATIENT, dateOfBirth: localDay(0) }).dateOfBirth).toBe(localDay(0))
  })

  it('an unknown patient is not found', () => {
    const err = catchError(() => getPatient(t.ctx, 424242))
    expect(err.code).toBe('NOT_FOUND')
  })

  it('patients are listed by name, ignoring case', () => {
    createPatient(t.ctx, { ...PATIENT, patientCode: 'A1', fullName: 'zoe Zed' })
    createPatient(t.ctx, { ...PATIENT, patientCode: 'A2', fullName: 'Adam Ant' })
    createPatient(t.ctx, { ...PATIENT, patientCode: 'A3', fullName: 'bea Bee' })
    expect(listPatients(t.ctx).map((p) => p.fullName)).toEqual(['Adam Ant', 'bea Bee', 'zoe Zed'])
  })
})

describe('staff', () => {
  it('a new staff member is active', () => {
    t.clock.advance(5000)
    const s = createStaff(t.ctx, { name: 'Nina Nurse', role: 'nurse' })
    expect(s).toEqual({ id: s.id, name: 'Nina Nurse', role: 'nurse', active: true, createdAt: T0 + 5000 })
    expect(listStaff(t.ctx)).toEqual([s])
  })

  it('an author must be a known staff member', () => {
    const err = catchError(() => requireActiveStaff(t.ctx, 999, 'authorId'))
    expect(err.code).toBe('INVALID_INPUT')
    expect(err.field).toBe('authorId')
  })

  it('an inactive staff member cannot be chosen', () => {
    const s = createStaff(t.ctx, { name: 'Old Hand', role: 'nurse' })
    t.db.prepare('UPDATE staff SET active = 0 WHERE id = ?').run(s.id)
    const err = catchError(() => requireActiveStaff(t.ctx, s.id, 'team.nurseId'))
    expect(err.code).toBe('INVALID_INPUT')
    expect(err.field).toBe('team.nurseId')
    expect(err.message).toContain('no longer active')
  })

  it('a staff member of the wrong role is refused with the role named', () => {
    const n = createStaff(t.ctx, { name: 'Nina Nurse', role: 'nurse' })
    const err = catchError(() => requireActiveStaff(t.ctx, n.id, 'team.physicianId', ['physician']))
    expect(err.code).toBe('INVALID_INPUT')
    expect(err.field).toBe('team.physicianId')
    expect(err.message).toMatch(/nurse.*physician/)
    expect(requireActiveStaff(t.ctx, n.id, 'team.nurseId', ['nurse', 'physician']).id).toBe(n.id)
  })
})
