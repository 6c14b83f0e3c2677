/** Patients and staff, sign-in at the workstation, the clinic's settings, and a session's audit trail. */
import { z } from 'zod'
import { channel, idOf, none, returns } from '../kernel/channel'
import type { SessionAudit } from './audit'
import {
  firstAdministratorSchema,
  newStaffMemberSchema,
  resetPinSchema,
  setStaffActiveSchema,
  signInSchema,
  updateSettingsSchema,
  type ClinicSettings,
  type WorkstationState
} from './auth'
import { newPatientSchema, type Patient, type Staff } from './people'

export const peopleChannels = {
  'patients.list': channel(none, returns<Patient[]>()),
  'patients.get': channel(z.strictObject({ patientId: idOf('patient') }), returns<Patient>()),
  'patients.create': channel(newPatientSchema, returns<Patient>()),
  'staff.list': channel(none, returns<Staff[]>()),
  'staff.create': channel(newStaffMemberSchema, returns<Staff>()),
  'staff.setActive': channel(setStaffActiveSchema, returns<Staff>()),
  'staff.resetPin': channel(resetPinSchema, returns<Staff>()),
  'auth.state': channel(none, returns<WorkstationState>()),
  'auth.setUp': channel(firstAdministratorSchema, returns<WorkstationState>()),
  'auth.signIn': channel(signInSchema, returns<WorkstationState>()),
  'auth.signOut': channel(none, returns<WorkstationState>()),
  'auth.lock': channel(none, returns<WorkstationState>()),
  'auth.activity': channel(none, returns<null>()),
  'settings.get': channel(none, returns<ClinicSettings>()),
  'settings.update': channel(updateSettingsSchema, returns<ClinicSettings>()),
  'audit.session': channel(z.strictObject({ sessionId: idOf('session') }), returns<SessionAudit>())
} as const
