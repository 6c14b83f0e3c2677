import { describe, expect, it } from 'vitest'
import { CLINICAL_TYPES } from '../../../src/shared/record/events'
import { ROLES, type Role } from '../../../src/shared/people/people'
import {
  defaultPermissionTable,
  ENTRY_PERMISSIONS,
  mergePermissionTable,
  PERMISSION_NAMES,
  permissionProblem,
  permissionTableSchema,
  type Permission
} from '../../../src/shared/people/permissions'

const person = (role: Role) => ({ name: `Pat ${role}`, role })
const allowed = (permission: Permission) => ROLES.filter((r) => permissionProblem(defaultPermissionTable(), person(r), permission) === null)

describe('the default permission table (as the issue sets it)', () => {
  it('the infusion is started, changed, paused and stopped by physicians only', () => {
    expect(allowed('infusion.control')).toEqual(['physician'])
    for (const type of ['infusion_started', 'rate_changed', 'infusion_paused', 'infusion_resumed', 'infusion_stopped'] as const)
      expect(ENTRY_PERMISSIONS[type]).toBe('infusion.control')
  })

  it('vitals by nurses and physicians; notes by everyone', () => {
    expect(ENTRY_PERMISSIONS.vitals).toBe('vitals.record')
    expect(allowed('vitals.record')).toEqual(['physician', 'nurse'])
    expect(ENTRY_PERMISSIONS.note).toBe('note.record')
    expect(allowed('note.record')).toEqual([...ROLES])
  })

  it('protocols, staff and settings by administrators; sign-off by physicians', () => {
    expect(allowed('protocols.manage')).toEqual(['administrator'])
    expect(allowed('staff.manage')).toEqual(['administrator'])
    expect(allowed('settings.manage')).toEqual(['administrator'])
    expect(allowed('record.signOff')).toEqual(['physician'])
  })

  it('every clinical entry type needs a permission', () => {
    expect(Object.keys(ENTRY_PERMISSIONS).sort()).toEqual([...CLINICAL_TYPES].sort())
  })
})

describe('a refusal says why', () => {
  it('names who may, and who is signed in', () => {
    expect(permissionProblem(defaultPermissionTable(), { name: 'Nurse Joy', role: 'nurse' }, 'infusion.control')).toBe(
      'Only a physician can start, change, pause, resume or stop the infusion. You are signed in as Nurse Joy (Nurse).'
    )
    expect(permissionProblem(defaultPermissionTable(), { name: 'Theo', role: 'therapist' }, 'vitals.record')).toBe(
      'Only a physician or a nurse can record vitals. You are signed in as Theo (Therapist).'
    )
    expect(permissionProblem(defaultPermissionTable(), { name: 'Dr Grey', role: 'physician' }, 'staff.manage')).toMatch(/^Only an administrator can/)
  })

  it('a permission nobody holds says so', () => {
    const table = { ...defaultPermissionTable(), 'record.export': [] }
    expect(permissionProblem(table, person('nurse'), 'record.export')).toMatch(/^Nobody can export/)
  })
})

describe('the clinic adjusts the table', () => {
  it('an adjusted table is valid when administrators keep staff and settings management', () => {
    const table = { ...defaultPermissionTable(), 'infusion.control': ['physician', 'nurse'] as Role[] }
    expect(permissionTableSchema.safeParse(table).success).toBe(true)
    expect(permissionProblem(table, person('nurse'), 'infusion.control')).toBeNull()
  })

  it('administrators cannot be removed from staff or settings management', () => {
    for (const p of ['staff.manage', 'settings.manage'] as const) {
      const r = permissionTableSchema.safeParse({ ...defaultPermissionTable(), [p]: ['physician'] })
      expect(r.success, p).toBe(false)
      if (!r.success) expect(r.error.issues[0]!.path).toEqual([p])
    }
  })

  it('an unknown role or permission is refused', () => {
    expect(permissionTableSchema.safeParse({ ...defaultPermissionTable(), 'vitals.record': ['janitor'] }).success).toBe(false)
    expect(permissionTableSchema.safeParse({ ...defaultPermissionTable(), 'bolus.give': ['physician'] }).success).toBe(false)
  })

  it('a stored table from before a permission existed keeps that permission at its default', () => {
    const merged = mergePermissionTable({ 'scales.record': ['nurse'] })
    expect(merged['scales.record']).toEqual(['nurse'])
    expect(merged['record.signOff']).toEqual(['physician'])
    expect(Object.keys(merged).sort()).toEqual([...PERMISSION_NAMES].sort())
  })

  it('a stored table that lost the physicians from the infusion, the alerts or the vitals gets them back, first', () => {
    const merged = mergePermissionTable({ 'infusion.control': ['nurse'], 'alerts.acknowledge': [], 'vitals.record': ['nurse', 'therapist'] })
    expect(merged['infusion.control']).toEqual(['physician', 'nurse'])
    expect(merged['alerts.acknowledge']).toEqual(['physician'])
    expect(merged['vitals.record']).toEqual(['physician', 'nurse', 'therapist'])
    // Only those three: the others are the clinic's to give.
    expect(mergePermissionTable({ 'record.signOff': ['nurse'] })['record.signOff']).toEqual(['nurse'])
  })

  it('a stored table that lost the administrators gets them back (no lock-out of the clinic)', () => {
    expect(mergePermissionTable({ 'staff.manage': [] })['staff.manage']).toEqual(['administrator'])
  })

  it('the defaults are a fresh copy each time', () => {
    const a = defaultPermissionTable()
    a['vitals.record'].push('therapist')
    expect(defaultPermissionTable()['vitals.record']).toEqual(['physician', 'nurse'])
  })
})
