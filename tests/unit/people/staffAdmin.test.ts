import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createWorkstation, type Workstation } from '../../../src/main/people/workstation'
import { createHandlers, type Handlers } from '../../../src/main/app/handlers'
import { listAudit } from '../../../src/main/people/audit'
import { recordEntry } from '../../../src/main/record/entries'
import { addStaffMember, resetPin, setStaffActive, staffHistory } from '../../../src/main/people/staffAdmin'
import type { Channel, InputOf, OutputOf } from '../../../src/shared/contract'
import type { Result } from '../../../src/shared/kernel/result'
import { CHEAP_PIN_COST, givePin, sitDown } from '../authHelpers'
import { catchError, countRows, makeSeededContext, MIN } from '../helpers'

let t: ReturnType<typeof makeSeededContext>
let ws: Workstation
let handlers: Handlers
const call = <C extends Channel>(channel: C, input: InputOf<C>) => handlers[channel](input) as Result<OutputOf<C>>

beforeEach(() => {
  t = makeSeededContext()
  ws = createWorkstation()
  handlers = createHandlers(t.ctx, { workstation: ws })
  givePin(t.ctx, t.team.admin.id, '1357')
  sitDown(ws, t.ctx, t.team.admin.id)
})
afterEach(() => t.cleanup())

describe('administrators manage staff', () => {
  it('a new staff member is added with a PIN they can sign in with, in the audit log and the history', () => {
    const nora = addStaffMember(t.ctx, t.team.admin, { name: 'Nora Nurse', role: 'nurse', pin: '2580' }, CHEAP_PIN_COST)
    expect(nora).toMatchObject({ name: 'Nora Nurse', role: 'nurse', active: true })
    const stored = t.db.prepare('SELECT pin_hash FROM staff_credentials WHERE staff_id = ?').get(nora.id) as { pin_hash: string }
    expect(stored.pin_hash).not.toContain('2580')
    expect(call('auth.signIn', { staffId: nora.id, pin: '2580' })).toMatchObject({ ok: true, value: { staff: { id: nora.id } } })
    expect(listAudit(t.db).find((a) => a.kind === 'staff_added')).toMatchObject({ actorId: t.team.admin.id, subjectId: nora.id, detail: { role: 'nurse' } })
    expect(staffHistory(t.ctx, nora.id)).toEqual([{ name: 'Nora Nurse', role: 'nurse', active: true, changedAt: t.clock.now(), changedBy: t.team.admin.id }])
  })

  it('a second active staff member with the same name is refused', () => {
    const err = catchError(() => addStaffMember(t.ctx, t.team.admin, { name: 'nina nurse', role: 'nurse', pin: '2580' }, CHEAP_PIN_COST))
    expect(err).toMatchObject({ code: 'CONFLICT', field: 'name' })
  })

  it('deactivating keeps the person and their entries; each change is a new version in the history', () => {
    recordEntry(t.ctx, { sessionId: t.session.id, authorId: t.team.nurse.id, entry: { type: 'note', note: { noteType: 'other', text: 'x' } } })
    t.clock.advance(MIN)
    expect(call('staff.setActive', { authorId: t.team.admin.id, staffId: t.team.nurse.id, active: false })).toMatchObject({ ok: true, value: { active: false } })
    t.clock.advance(MIN)
    expect(setStaffActive(t.ctx, t.team.admin, t.team.nurse.id, true).active).toBe(true)
    expect(staffHistory(t.ctx, t.team.nurse.id).map((v) => [v.active, v.changedBy])).toEqual([
      [true, null],
      [false, t.team.admin.id],
      [true, t.team.admin.id]
    ])
    expect(listAudit(t.db).map((a) => a.kind)).toEqual(['staff_deactivated', 'staff_reactivated'])
    expect(countRows(t.db, 'events')).toBe(1)
  })

  it('no staff member can be deleted, not even by SQL', () => {
    expect(() => t.db.prepare('DELETE FROM staff WHERE id = ?').run(t.team.therapist.id)).toThrow(/never deleted: deactivate them instead/)
    expect(() => t.db.prepare('UPDATE staff SET id = 99 WHERE id = ?').run(t.team.therapist.id)).toThrow(/cannot be changed/)
  })

  it('the last administrator who can sign in cannot be deactivated, nor can you deactivate yourself', () => {
    expect(catchError(() => setStaffActive(t.ctx, t.team.admin, t.team.admin.id, false))).toMatchObject({ code: 'INVALID_STATE' })
    const other = addStaffMember(t.ctx, t.team.admin, { name: 'Otto Admin', role: 'administrator', pin: '9753' }, CHEAP_PIN_COST)
    expect(setStaffActive(t.ctx, other, t.team.admin.id, false).active).toBe(false)
    expect(catchError(() => setStaffActive(t.ctx, other, other.id, false)).message).toMatch(/cannot deactivate yourself/)
  })

  it('a PIN reset is logged without the PIN', () => {
    resetPin(t.ctx, t.team.admin, t.team.nurse.id, '3690', CHEAP_PIN_COST)
    const entry = listAudit(t.db).at(-1)!
    expect(entry).toMatchObject({ kind: 'pin_reset', actorId: t.team.admin.id, subjectId: t.team.nurse.id })
    expect(JSON.stringify(listAudit(t.db))).not.toContain('3690')
  })

  it('staff channels refuse an unknown staff member', () => {
    expect(call('staff.setActive', { authorId: t.team.admin.id, staffId: 999, active: false })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', field: 'staffId' } })
  })
})
