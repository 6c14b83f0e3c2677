/**
 * Staff management by administrators: add (with a PIN), deactivate and reactivate, reset a PIN.
 * Staff rows are never deleted; every version of a row is kept in staff_history by triggers.
 */
import type { Staff } from '../../shared/people/people'
import { DomainError } from '../../shared/kernel/result'
import type { ScryptCost } from './pin'
import { appendAudit } from './audit'
import { findStaff } from './auth'
import type { ServiceContext } from '../app/context'
import { setPin } from './credentials'
import { notePeopleChanged } from '../db/changes'

export function addStaffMember(ctx: ServiceContext, actor: Staff, input: { name: string; role: Staff['role']; pin: string }, cost?: ScryptCost): Staff {
  const { db, clock } = ctx
  return db.transaction(() => {
    // Two active people with one name could not tell themselves apart on the sign-in list.
    const clash = db.prepare('SELECT 1 FROM staff WHERE name = ? COLLATE NOCASE AND active = 1').get(input.name)
    if (clash) throw new DomainError('CONFLICT', `An active staff member is already called ${input.name}: add a distinguishing initial`, 'name')
    const now = clock.now()
    const { id } = db
      .prepare('INSERT INTO staff (name, role, active, created_at, updated_at, updated_by) VALUES (?, ?, 1, ?, ?, ?) RETURNING id')
      .get(input.name, input.role, now, now, actor.id) as { id: number }
    setPin(ctx, id, input.pin, actor.id, cost)
    appendAudit(ctx, { kind: 'staff_added', actorId: actor.id, subjectId: id, detail: { role: input.role } }, now)
    return findStaff(db, id)!
  })()
}

function requireStaff(ctx: ServiceContext, staffId: number): Staff {
  const staff = findStaff(ctx.db, staffId)
  if (!staff) throw new DomainError('NOT_FOUND', 'No such staff member', 'staffId')
  return staff
}

export function setStaffActive(ctx: ServiceContext, actor: Staff, staffId: number, active: boolean): Staff {
  const { db, clock } = ctx
  return db.transaction(() => {
    const staff = requireStaff(ctx, staffId)
    if (staff.active === active) return staff
    notePeopleChanged(db)
    if (!active && staff.id === actor.id) throw new DomainError('INVALID_STATE', 'You cannot deactivate yourself: ask another administrator', 'staffId')
    if (!active && staff.role === 'administrator') {
      const others = db
        .prepare("SELECT count(*) AS n FROM staff s JOIN staff_credentials c ON c.staff_id = s.id WHERE s.role = 'administrator' AND s.active = 1 AND s.id <> ?")
        .get(staff.id) as { n: number }
      if (others.n === 0) throw new DomainError('INVALID_STATE', `${staff.name} is the last administrator who can sign in and stays active`, 'staffId')
    }
    if (active) {
      const clash = db.prepare('SELECT 1 FROM staff WHERE name = ? COLLATE NOCASE AND active = 1 AND id <> ?').get(staff.name, staff.id)
      if (clash) throw new DomainError('CONFLICT', `Another active staff member is called ${staff.name}`, 'staffId')
    }
    const now = clock.now()
    db.prepare('UPDATE staff SET active = ?, updated_at = ?, updated_by = ? WHERE id = ?').run(active ? 1 : 0, now, actor.id, staff.id)
    appendAudit(ctx, { kind: active ? 'staff_reactivated' : 'staff_deactivated', actorId: actor.id, subjectId: staff.id, detail: {} }, now)
    return findStaff(db, staff.id)!
  })()
}

/** Sets a new PIN (the person should change it to one only they know) and lifts a lock-out. */
export function resetPin(ctx: ServiceContext, actor: Staff, staffId: number, pin: string, cost?: ScryptCost): Staff {
  return ctx.db.transaction(() => {
    const staff = requireStaff(ctx, staffId)
    // Known to the administrator too: single-use, replaced by its owner at their next sign-in.
    setPin(ctx, staff.id, pin, actor.id, cost, staff.id !== actor.id)
    appendAudit(ctx, { kind: 'pin_reset', actorId: actor.id, subjectId: staff.id, detail: {} })
    return staff
  })()
}

export interface StaffVersion {
  name: string
  role: Staff['role']
  active: boolean
  changedAt: number
  changedBy: number | null
}

export function staffHistory(ctx: ServiceContext, staffId: number): StaffVersion[] {
  return (
    ctx.db.prepare('SELECT name, role, active, changed_at, changed_by FROM staff_history WHERE staff_id = ? ORDER BY id').all(staffId) as {
      name: string
      role: Staff['role']
      active: number
      changed_at: number
      changed_by: number | null
    }[]
  ).map((r) => ({ name: r.name, role: r.role, active: r.active === 1, changedAt: r.changed_at, changedBy: r.changed_by }))
}
