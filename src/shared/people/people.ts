import { z } from 'zod'
import { weightKgSchema } from '../record/plan'

export const ROLES = ['physician', 'nurse', 'therapist', 'administrator'] as const
export type Role = (typeof ROLES)[number]

export interface Patient {
  id: number
  patientCode: string
  fullName: string
  dateOfBirth: string
  weightKg: number
  createdAt: number
}

export interface Staff {
  id: number
  name: string
  role: Role
  active: boolean
  createdAt: number
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/

/** A real calendar date written YYYY-MM-DD (no 31 February). */
export function isCalendarDate(s: string): boolean {
  const m = ISO_DATE.exec(s)
  if (!m) return false
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  const date = new Date(Date.UTC(y, mo - 1, d))
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d
}

export const newPatientSchema = z.strictObject({
  patientCode: z
    .string({ error: 'Enter the Patient ID' })
    .trim()
    .min(1, 'Enter the Patient ID')
    .max(32, 'Patient ID must be at most 32 characters')
    .regex(/^[A-Za-z0-9._-]+$/, 'Patient ID may use only letters, digits, dots, dashes and underscores'),
  fullName: z
    .string({ error: 'Enter the full name' })
    .trim()
    .min(1, 'Enter the full name')
    .max(200, 'Full name must be at most 200 characters'),
  dateOfBirth: z
    .string({ error: 'Enter the date of birth' })
    .refine(isCalendarDate, 'Enter the date of birth as a real date (YYYY-MM-DD)')
    .refine((s) => s >= '1900-01-01', 'Date of birth must be after 1900'),
  weightKg: weightKgSchema
})
export type NewPatient = z.infer<typeof newPatientSchema>

export const newStaffSchema = z.strictObject({
  name: z.string({ error: 'Enter a name' }).trim().min(1, 'Enter a name').max(200, 'Name must be at most 200 characters'),
  role: z.enum(ROLES, { error: 'Choose a role' })
})
export type NewStaff = z.infer<typeof newStaffSchema>

/** Local calendar date of an instant, YYYY-MM-DD, for comparing with a date of birth. */
export function localDate(epochMs: number): string {
  const d = new Date(epochMs)
  const p = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`
}
