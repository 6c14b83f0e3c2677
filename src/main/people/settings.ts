/** The clinic's adjustable settings, stored as key/value rows; anything not stored is the default. */
import { DEFAULT_IDLE_LOCK_MINUTES, DEFAULT_LOCKOUT_MINUTES, type ClinicSettings } from '../../shared/people/auth'
import { DEFAULT_PERMISSIONS, mergePermissionTable, PERMISSION_NAMES } from '../../shared/people/permissions'
import type { Role } from '../../shared/people/people'
import { appendAudit } from './audit'
import type { ServiceContext } from '../app/context'
import { cached } from '../db/statements'
import { notePeopleChanged } from '../db/changes'

const KEYS = { idleLockMinutes: 'idle_lock_minutes', lockoutMinutes: 'lockout_minutes', permissions: 'permissions' } as const

function stored(ctx: ServiceContext, key: string): unknown {
  const row = cached(ctx.db, 'SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined
  return row ? (JSON.parse(row.value) as unknown) : undefined
}

const wholeMinutes = (v: unknown, fallback: number) => (typeof v === 'number' && Number.isInteger(v) && v >= 1 ? v : fallback)

export function getSettings(ctx: ServiceContext): ClinicSettings {
  const perms = stored(ctx, KEYS.permissions)
  return {
    idleLockMinutes: wholeMinutes(stored(ctx, KEYS.idleLockMinutes), DEFAULT_IDLE_LOCK_MINUTES),
    lockoutMinutes: wholeMinutes(stored(ctx, KEYS.lockoutMinutes), DEFAULT_LOCKOUT_MINUTES),
    permissions: mergePermissionTable(typeof perms === 'object' && perms !== null ? (perms as Record<string, Role[]>) : null)
  }
}

const roles = (r: readonly Role[]) => (r.length === 0 ? 'nobody' : r.join(', '))

/** Stores what changed, in one transaction with its audit row. */
export function updateSettings(ctx: ServiceContext, actorId: number, next: ClinicSettings): ClinicSettings {
  const { db, clock } = ctx
  return db.transaction(() => {
    const before = getSettings(ctx)
    const now = clock.now()
    // The idle time and the permission table are part of what every window's sign-in state shows.
    notePeopleChanged(db)
    const changes: string[] = []
    const put = (key: string, value: unknown) =>
      db
        .prepare(
          `INSERT INTO settings (key, value, updated_at, updated_by) VALUES (?, ?, ?, ?)
           ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at, updated_by = excluded.updated_by`
        )
        .run(key, JSON.stringify(value), now, actorId)
    if (next.idleLockMinutes !== before.idleLockMinutes) {
      put(KEYS.idleLockMinutes, next.idleLockMinutes)
      changes.push(`idle lock ${before.idleLockMinutes} → ${next.idleLockMinutes} min`)
    }
    if (next.lockoutMinutes !== before.lockoutMinutes) {
      put(KEYS.lockoutMinutes, next.lockoutMinutes)
      changes.push(`lock-out ${before.lockoutMinutes} → ${next.lockoutMinutes} min`)
    }
    const permissions = mergePermissionTable(next.permissions)
    const changed = PERMISSION_NAMES.filter((p) => roles(permissions[p]) !== roles(before.permissions[p]))
    if (changed.length > 0) {
      put(KEYS.permissions, permissions)
      for (const p of changed) changes.push(`${DEFAULT_PERMISSIONS[p].does}: ${roles(before.permissions[p])} → ${roles(permissions[p])}`)
    }
    if (changes.length > 0) appendAudit(ctx, { kind: 'settings_changed', actorId, detail: { summary: `Changed ${changes.join('; ')}` } }, now)
    return getSettings(ctx)
  })()
}
