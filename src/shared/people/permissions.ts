/**
 * Who may do what, by role. The defaults below are data; a clinic adjusts them in Settings and
 * the adjusted table is stored in the database. Main enforces the table in one place (the guard
 * around the handlers); the UI reads the same table only to explain and disable in advance.
 */
import { z } from 'zod'
import type { ClinicalType } from '../record/events'
import { ROLES, type Role, type Staff } from './people'

interface PermissionInfo {
  /** Completes "Only a physician can …". */
  does: string
  roles: readonly Role[]
  /** Administrators must always keep this one, or nobody could undo a bad setting. */
  keepsAdministrator?: true
  /**
   * Physicians always keep this one: whatever the clinic's table says, the physician at the
   * bedside can stop the infusion, answer its alarms and record the vitals that show why.
   */
  keepsPhysician?: true
}

export const DEFAULT_PERMISSIONS = {
  'infusion.control': { does: 'start, change, pause, resume or stop the infusion', roles: ['physician'], keepsPhysician: true },
  'session.start': { does: 'start a session', roles: ['physician', 'nurse'] },
  'session.end': { does: 'end a session', roles: ['physician', 'nurse'] },
  'vitals.record': { does: 'record vitals', roles: ['physician', 'nurse'], keepsPhysician: true },
  'note.record': { does: 'write notes', roles: ['physician', 'nurse', 'therapist', 'administrator'] },
  'patients.manage': { does: 'add patients', roles: ['physician', 'nurse', 'administrator'] },
  'record.signOff': { does: 'sign off a session record', roles: ['physician'] },
  'record.export': { does: 'export session records', roles: ['physician', 'nurse', 'administrator'] },
  'audit.view': { does: 'view the audit trail', roles: ['physician', 'nurse', 'therapist', 'administrator'] },
  'protocols.manage': { does: 'manage protocols', roles: ['administrator'] },
  'checklist.record': { does: 'record the pre-infusion checks', roles: ['physician', 'nurse'] },
  'scales.record': { does: 'record scales', roles: ['physician', 'nurse', 'therapist'] },
  'alerts.acknowledge': { does: 'acknowledge alerts', roles: ['physician', 'nurse'], keepsPhysician: true },
  'discharge.record': { does: 'discharge a patient', roles: ['physician', 'nurse'] },
  'backups.create': { does: 'take a backup', roles: ['physician', 'nurse', 'administrator'] },
  'backups.restore': { does: 'restore from a backup', roles: ['administrator'], keepsAdministrator: true },
  'staff.manage': { does: 'add and deactivate staff', roles: ['administrator'], keepsAdministrator: true },
  'settings.manage': { does: 'change settings and permissions', roles: ['administrator'], keepsAdministrator: true }
} as const satisfies Record<string, PermissionInfo>

export type Permission = keyof typeof DEFAULT_PERMISSIONS
export const PERMISSION_NAMES = Object.keys(DEFAULT_PERMISSIONS) as Permission[]
export type PermissionTable = Record<Permission, Role[]>

export function defaultPermissionTable(): PermissionTable {
  return Object.fromEntries(PERMISSION_NAMES.map((p) => [p, [...DEFAULT_PERMISSIONS[p].roles]])) as unknown as PermissionTable
}

/** The roles that make clinical entries: voiding someone else's clinical entry takes one of them. */
export const CLINICIAN_ROLES: readonly Role[] = ['physician', 'nurse', 'therapist']

/** Why `staff` may not void or correct an entry `authorId` made; null when they may (the permission is checked as well). */
export function amendProblem(staff: Pick<Staff, 'id' | 'name' | 'role'>, authorId: number): string | null {
  if (authorId === staff.id || CLINICIAN_ROLES.includes(staff.role)) return null
  return `Only a clinician can correct or void another person's clinical entry. You are signed in as ${describeStaff(staff)}.`
}

/** What it takes to make an entry of each clinical type (and to correct or void one). */
export const ENTRY_PERMISSIONS: Record<ClinicalType, Permission> = {
  infusion_started: 'infusion.control',
  rate_changed: 'infusion.control',
  infusion_paused: 'infusion.control',
  infusion_resumed: 'infusion.control',
  infusion_stopped: 'infusion.control',
  session_ended: 'session.end',
  vitals: 'vitals.record',
  note: 'note.record',
  checklist: 'checklist.record',
  scale: 'scales.record',
  alert_acknowledged: 'alerts.acknowledge',
  discharge: 'discharge.record'
}

const ARTICLE: Record<Role, string> = { physician: 'a physician', nurse: 'a nurse', therapist: 'a therapist', administrator: 'an administrator' }

function roleList(roles: readonly Role[]): string {
  const names = ROLES.filter((r) => roles.includes(r)).map((r) => ARTICLE[r])
  if (names.length <= 1) return names[0] ?? 'nobody'
  return `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`
}

export const describeStaff = (s: Pick<Staff, 'name' | 'role'>): string => `${s.name} (${s.role.charAt(0).toUpperCase()}${s.role.slice(1)})`

/** Why `staff` may not do `permission`, in a sentence; null when they may. */
export function permissionProblem(table: PermissionTable, staff: Pick<Staff, 'name' | 'role'>, permission: Permission): string | null {
  const roles = table[permission]
  if (roles.includes(staff.role)) return null
  const who = roles.length === 0 ? 'Nobody can' : `Only ${roleList(roles)} can`
  return `${who} ${DEFAULT_PERMISSIONS[permission].does}. You are signed in as ${describeStaff(staff)}.`
}

export const permissionTableSchema = z
  .strictObject(
    Object.fromEntries(
      PERMISSION_NAMES.map((p) => [
        p,
        z.array(z.enum(ROLES, { error: 'Choose roles from the list' }), { error: 'Give the roles as a list' }).max(ROLES.length)
      ])
    ) as Record<Permission, z.ZodArray<z.ZodEnum<{ [R in Role]: R }>>>
  )
  .superRefine((table, ctx) => {
    for (const p of PERMISSION_NAMES) {
      const info: PermissionInfo = DEFAULT_PERMISSIONS[p]
      if (info.keepsAdministrator && !table[p].includes('administrator'))
        ctx.addIssue({ code: 'custom', message: `Administrators must keep the right to ${info.does}`, path: [p] })
      if (info.keepsPhysician && !table[p].includes('physician'))
        ctx.addIssue({ code: 'custom', message: `Physicians must keep the right to ${info.does}`, path: [p] })
    }
  })

/**
 * The stored table may predate a permission added later: those keep their defaults. The rights
 * administrators and physicians always keep are put back whatever was stored (a table written
 * into the file by hand cannot take them away).
 */
export function mergePermissionTable(stored: Partial<Record<string, readonly Role[]>> | null): PermissionTable {
  const table = defaultPermissionTable()
  if (!stored) return table
  for (const p of PERMISSION_NAMES) {
    const roles = stored[p]
    if (Array.isArray(roles)) table[p] = ROLES.filter((r) => roles.includes(r))
  }
  for (const p of PERMISSION_NAMES) {
    const info: PermissionInfo = DEFAULT_PERMISSIONS[p]
    if (info.keepsAdministrator && !table[p].includes('administrator')) table[p] = [...table[p], 'administrator']
    if (info.keepsPhysician && !table[p].includes('physician')) table[p] = ROLES.filter((r) => r === 'physician' || table[p].includes(r))
  }
  return table
}
