import type { peopleChannels } from '../../shared/people/channels'
import type { ModuleHandlers } from '../app/channelHandler'
import { lockScreen, noteActivity, requireSignedIn, setUpFirstAdministrator, signIn, signOut, workstationState } from './auth'
import { createPatient, getPatient, listPatients, listStaff } from './people'
import { sessionAudit } from './sessionAudit'
import { getSettings, updateSettings } from './settings'
import { addStaffMember, resetPin, setStaffActive } from './staffAdmin'

export const peopleHandlers: ModuleHandlers<typeof peopleChannels> = {
  'patients.list': { rule: { signedIn: true }, run: (ctx) => listPatients(ctx) },
  'patients.get': { rule: { signedIn: true }, run: (ctx, input) => getPatient(ctx, input.patientId) },
  'patients.create': { rule: { permission: 'patients.manage' }, run: (ctx, input) => createPatient(ctx, input) },
  // Names and roles are not patient data, and the sign-in screen needs them.
  'staff.list': { rule: { open: true }, run: (ctx) => listStaff(ctx) },
  'staff.create': {
    rule: { permission: 'staff.manage' },
    run: (ctx, { authorId: _, ...input }) => addStaffMember(ctx, requireSignedIn(ctx), input, ctx.pinCost)
  },
  'staff.setActive': {
    rule: { permission: 'staff.manage' },
    run: (ctx, input) => setStaffActive(ctx, requireSignedIn(ctx), input.staffId, input.active)
  },
  'staff.resetPin': {
    rule: { permission: 'staff.manage' },
    run: (ctx, input) => resetPin(ctx, requireSignedIn(ctx), input.staffId, input.pin, ctx.pinCost)
  },
  'auth.state': { rule: { open: true }, run: (ctx) => workstationState(ctx) },
  'auth.setUp': { rule: { open: true }, run: (ctx, input) => setUpFirstAdministrator(ctx, input) },
  'auth.signIn': { rule: { open: true }, run: (ctx, input) => signIn(ctx, input) },
  'auth.signOut': { rule: { open: true }, run: (ctx) => signOut(ctx) },
  'auth.lock': { rule: { open: true }, run: (ctx) => lockScreen(ctx) },
  'auth.activity': { rule: { open: true }, run: (ctx) => noteActivity(ctx) },
  'settings.get': { rule: { signedIn: true }, run: (ctx) => getSettings(ctx) },
  'settings.update': { rule: { permission: 'settings.manage' }, run: (ctx, { authorId: _, ...settings }) => updateSettings(ctx, requireSignedIn(ctx).id, settings) },
  'audit.session': { rule: { permission: 'audit.view' }, run: (ctx, input) => sessionAudit(ctx, input.sessionId) }
}
