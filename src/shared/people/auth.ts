/** Sign-in at the shared bedside workstation: PINs, the workstation's state, the clinic's settings. */
import { z } from 'zod'
import { newStaffSchema, type Role, type Staff } from './people'
import { permissionTableSchema, type PermissionTable } from './permissions'

export const MIN_PIN_DIGITS = 4
export const MAX_PIN_DIGITS = 12

/** Runs like 1111 or 1234 / 4321 are the first guesses anyone tries. */
export function isGuessablePin(pin: string): boolean {
  const d = [...pin].map(Number)
  const steps = d.slice(1).map((x, i) => x - d[i]!)
  return steps.every((s) => s === 0) || steps.every((s) => s === 1) || steps.every((s) => s === -1)
}

/** A PIN as typed to sign in: only its shape is checked, so a wrong PIN is told "wrong", not "invalid". */
export const pinSchema = z
  .string({ error: 'Enter your PIN' })
  .min(1, 'Enter your PIN')
  .max(MAX_PIN_DIGITS, `A PIN has at most ${MAX_PIN_DIGITS} digits`)
  .regex(/^\d+$/, 'A PIN is digits only')

/** A PIN being chosen: at least four digits, and not a run anyone would try first. */
export const newPinSchema = z
  .string({ error: 'Choose a PIN' })
  .regex(new RegExp(`^\\d{${MIN_PIN_DIGITS},${MAX_PIN_DIGITS}}$`), `The PIN must be ${MIN_PIN_DIGITS} to ${MAX_PIN_DIGITS} digits`)
  .refine((p) => !isGuessablePin(p), 'Choose a PIN that is not a run like 1111 or 1234')

const staffId = (what: string) => z.number({ error: `Choose ${what}` }).int(`Choose ${what}`).positive(`Choose ${what}`)
/** The signed-in person making the change: main checks that it is who is signed in. */
export const actorIdSchema = z.number({ error: 'Sign in first' }).int('Sign in first').positive('Sign in first')

export const firstAdministratorSchema = z.strictObject({ name: newStaffSchema.shape.name, pin: newPinSchema })
export type FirstAdministrator = z.infer<typeof firstAdministratorSchema>

export const signInSchema = z.strictObject({
  staffId: staffId('your name'),
  pin: pinSchema,
  /** Needed when the PIN was set by an administrator: its owner's own PIN, which replaces it. */
  newPin: newPinSchema.optional()
})
export type SignInInput = z.infer<typeof signInSchema>

export const newStaffMemberSchema = z.strictObject({
  authorId: actorIdSchema,
  name: newStaffSchema.shape.name,
  role: newStaffSchema.shape.role,
  pin: newPinSchema
})
export type NewStaffMember = z.infer<typeof newStaffMemberSchema>

export const setStaffActiveSchema = z.strictObject({
  authorId: actorIdSchema,
  staffId: staffId('a staff member'),
  active: z.boolean({ error: 'Say whether the staff member is active' })
})
export const resetPinSchema = z.strictObject({ authorId: actorIdSchema, staffId: staffId('a staff member'), pin: newPinSchema })

export const DEFAULT_IDLE_LOCK_MINUTES = 5
/** Wrong PINs in a row at one workstation (any names) that make a burst, reported to administrators. */
export const MAX_WRONG_PINS = 5
/** Kept in the settings for older tables; no account is ever locked out for minutes any more. */
export const DEFAULT_LOCKOUT_MINUTES = 15
/** Wrong PINs in a row at a workstation before the next try has to wait. */
export const FREE_WRONG_PINS = 3
/** The longest wait between tries: seconds, so a physician is never kept from a patient for minutes. */
export const MAX_PIN_DELAY_MS = 30_000

/**
 * How long the workstation waits before the next PIN after `wrongInARow` wrong ones (any
 * names): none for the first few slips, then 2, 4, 8, 16 s, and at most 30 s however many.
 * A delay per workstation, not a lock per account, so guessing is slowed while nobody can lock
 * the physician out of the infusion by typing wrong PINs under their name.
 */
export function pinRetryDelayMs(wrongInARow: number): number {
  if (wrongInARow < FREE_WRONG_PINS) return 0
  const exponent = Math.min(wrongInARow - FREE_WRONG_PINS + 1, 5)
  return Math.min(1000 * 2 ** exponent, MAX_PIN_DELAY_MS)
}

/** What an administrator is told at sign-in: wrong PINs since their previous sign-in. */
export interface MisuseReport {
  /** Their previous sign-in (null: never signed in before). */
  since: number | null
  wrongPins: number
  /** Runs of MAX_WRONG_PINS wrong PINs in a row at a workstation. */
  bursts: number
  /** Names the wrong PINs were typed under, most tried first. */
  names: string[]
}

const minutes = (label: string, max: number) =>
  z
    .number({ error: `${label} must be a number of minutes` })
    .int(`${label} must be whole minutes`)
    .min(1, `${label} must be at least 1 minute`)
    .max(max, `${label} must be at most ${max} minutes`)

export const clinicSettingsSchema = z.strictObject({
  idleLockMinutes: minutes('Idle lock', 240),
  lockoutMinutes: minutes('Lock-out', 24 * 60),
  permissions: permissionTableSchema
})
export type ClinicSettings = { idleLockMinutes: number; lockoutMinutes: number; permissions: PermissionTable }
export const updateSettingsSchema = clinicSettingsSchema.extend({ authorId: actorIdSchema })

export type WorkstationStatus = 'signed_out' | 'active' | 'locked'

/** Who can be picked on the sign-in screen. */
export interface SignInChoice {
  id: number
  name: string
  role: Role
}

export interface WorkstationState {
  /** No administrator can sign in yet: the first start asks for one. */
  setupRequired: boolean
  status: WorkstationStatus
  /** Signed in (active), or whose session the lock is holding (locked). */
  staff: Staff | null
  lockedAt: number | null
  idleLockMs: number
  choices: SignInChoice[]
  permissions: PermissionTable
  now: number
  /** For a signed-in administrator: wrong PINs since their previous sign-in; otherwise null. */
  misuse: MisuseReport | null
  /** When the next PIN is accepted at this workstation (after wrong ones); null when at once. */
  pinRetryAt: number | null
}

export const SIGN_OFF_MEANING = 'I have reviewed this record and it is complete'

export const signOffSchema = z.strictObject({
  sessionId: z.number({ error: 'Choose a session' }).int().positive('Choose a session'),
  authorId: actorIdSchema,
  pin: pinSchema
})
export type SignOffInput = z.infer<typeof signOffSchema>

export interface SignOff {
  id: number
  sessionId: number
  staffId: number
  signedAt: number
  meaning: string
  /** The record as signed: entries 1 to lastSeq. Later entries are addenda. */
  lastSeq: number
  /** The hash chain's head at signing. */
  chainHash: string
}

