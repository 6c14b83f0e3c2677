import { DomainError } from '../../shared/kernel/result'
import { localDate, type NewPatient, type NewStaff, type Patient, type Staff, type Role } from '../../shared/people/people'
import { cached } from '../db/statements'
import { toPatient, toStaff, type PatientRow, type StaffRow } from '../db/rows'
import type { ServiceContext } from '../app/context'

export function listPatients({ db }: ServiceContext): Patient[] {
  return (db.prepare('SELECT * FROM patients ORDER BY full_name COLLATE NOCASE, id').all() as PatientRow[]).map(toPatient)
}

export function getPatient({ db }: ServiceContext, id: number): Patient {
  const row = cached(db, 'SELECT * FROM patients WHERE id = ?').get(id) as PatientRow | undefined
  if (!row) throw new DomainError('NOT_FOUND', 'No such patient', 'patientId')
  return toPatient(row)
}

export function createPatient({ db, clock }: ServiceContext, input: NewPatient): Patient {
  const now = clock.now()
  if (input.dateOfBirth > localDate(now)) throw new DomainError('INVALID_INPUT', 'Date of birth cannot be in the future', 'dateOfBirth')
  return db.transaction(() => {
    const clash = db.prepare('SELECT 1 FROM patients WHERE patient_code = ?').get(input.patientCode)
    if (clash) throw new DomainError('CONFLICT', `Patient ID ${input.patientCode} is already in use`, 'patientCode')
    const row = db
      .prepare(
        'INSERT INTO patients (patient_code, full_name, date_of_birth, weight_kg, created_at) VALUES (?, ?, ?, ?, ?) RETURNING *'
      )
      .get(input.patientCode, input.fullName, input.dateOfBirth, input.weightKg, now) as PatientRow
    return toPatient(row)
  })()
}

export function listStaff({ db }: ServiceContext): Staff[] {
  return (db.prepare('SELECT * FROM staff ORDER BY name COLLATE NOCASE, id').all() as StaffRow[]).map(toStaff)
}

export function createStaff({ db, clock }: ServiceContext, input: NewStaff): Staff {
  const row = db
    .prepare('INSERT INTO staff (name, role, active, created_at) VALUES (?, ?, 1, ?) RETURNING *')
    .get(input.name, input.role, clock.now()) as StaffRow
  return toStaff(row)
}

/** The author of a clinical entry must be a known, active staff member. */
export function requireActiveStaff({ db }: ServiceContext, id: number, field: string, roles?: readonly Role[]): Staff {
  const row = cached(db, 'SELECT * FROM staff WHERE id = ?').get(id) as StaffRow | undefined
  if (!row) throw new DomainError('INVALID_INPUT', 'Choose a staff member from the list', field)
  if (row.active !== 1) throw new DomainError('INVALID_INPUT', `${row.name} is no longer active`, field)
  if (roles && !roles.includes(row.role))
    throw new DomainError('INVALID_INPUT', `${row.name} is a ${row.role}, not a ${roles.join(' or ')}`, field)
  return toStaff(row)
}
