import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { CHANNEL_RULES } from '../../../src/main/app/handlers'
import { createWorkstation, type Workstation } from '../../../src/main/people/workstation'
import { createHandlers, type Handlers } from '../../../src/main/app/handlers'
import { listAudit } from '../../../src/main/people/audit'
import { recordEntry } from '../../../src/main/record/entries'
import { CHANNELS, type Channel, type InputOf, type OutputOf } from '../../../src/shared/contract'
import { defaultPermissionTable } from '../../../src/shared/people/permissions'
import type { Result } from '../../../src/shared/kernel/result'
import { givePin, sitDown } from '../authHelpers'
import { countRows, makeSeededContext, MIN } from '../helpers'

let t: ReturnType<typeof makeSeededContext>
let ws: Workstation
let handlers: Handlers
const call = <C extends Channel>(channel: C, input: InputOf<C>) => handlers[channel](input) as Result<OutputOf<C>>
const VITALS = { systolic: 120, diastolic: 80, heartRate: 70, spo2: 98, respiratoryRate: 14 }
const RATE = { value: 0.75, unit: 'mg/kg/h' as const }

beforeEach(() => {
  t = makeSeededContext()
  ws = createWorkstation()
  handlers = createHandlers(t.ctx, { workstation: ws })
  recordEntry(t.ctx, { sessionId: t.session.id, authorId: t.team.physician.id, entry: { type: 'infusion_started', rate: RATE } })
  t.clock.advance(5 * MIN)
})
afterEach(() => t.cleanup())

const rowCounts = () => ['events', 'staff', 'patients', 'sessions', 'settings'].map((table) => countRows(t.db, table))

function expectForbidden(r: Result<unknown>, message: RegExp | string): void {
  expect(r).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  if (!r.ok) expect(r.error.message).toMatch(message)
}

describe('permissions are checked in main', () => {
  it('a nurse cannot change the infusion rate: refused, says why, changes nothing, logged', () => {
    sitDown(ws, t.ctx, t.team.nurse.id)
    const before = rowCounts()
    const r = call('entries.record', { sessionId: t.session.id, authorId: t.team.nurse.id, entry: { type: 'rate_changed', rate: { value: 0.5, unit: 'mg/kg/h' } } })
    expectForbidden(r, 'Only a physician can start, change, pause, resume or stop the infusion. You are signed in as Nina Nurse (Nurse).')
    expect(rowCounts()).toEqual(before)
    expect(listAudit(t.db).at(-1)).toMatchObject({ kind: 'action_refused', actorId: t.team.nurse.id, sessionId: t.session.id })
  })

  it('a nurse may record vitals, a therapist may not, everyone may write notes', () => {
    sitDown(ws, t.ctx, t.team.nurse.id)
    expect(call('entries.record', { sessionId: t.session.id, authorId: t.team.nurse.id, entry: { type: 'vitals', vitals: VITALS } }).ok).toBe(true)
    sitDown(ws, t.ctx, t.team.therapist.id)
    expectForbidden(call('entries.record', { sessionId: t.session.id, authorId: t.team.therapist.id, entry: { type: 'vitals', vitals: VITALS } }), /Only a physician or a nurse can record vitals/)
    for (const who of [t.team.physician, t.team.nurse, t.team.therapist, t.team.admin]) {
      sitDown(ws, t.ctx, who.id)
      const note = { noteType: 'observation' as const, text: `seen by ${who.name}` }
      expect(call('entries.record', { sessionId: t.session.id, authorId: who.id, entry: { type: 'note', note } }).ok, who.role).toBe(true)
    }
  })

  it('a correction needs the right to make the entry it corrects', () => {
    const started = t.db.prepare("SELECT id FROM events WHERE type = 'infusion_started'").get() as { id: number }
    sitDown(ws, t.ctx, t.team.nurse.id)
    const correction = { sessionId: t.session.id, authorId: t.team.nurse.id, eventId: started.id, reason: 'typo', entry: { type: 'infusion_started' as const, rate: { value: 0.6, unit: 'mg/kg/h' as const } } }
    expectForbidden(call('entries.correct', correction), /Only a physician can/)
    expectForbidden(call('entries.markInError', { sessionId: t.session.id, authorId: t.team.nurse.id, eventId: started.id, reason: 'wrong' }), /Only a physician can/)
    sitDown(ws, t.ctx, t.team.physician.id)
    expect(call('entries.correct', { ...correction, authorId: t.team.physician.id }).ok).toBe(true)
  })

  it('staff management is for administrators', () => {
    sitDown(ws, t.ctx, t.team.physician.id)
    const before = rowCounts()
    expectForbidden(call('staff.create', { authorId: t.team.physician.id, name: 'New Nurse', role: 'nurse', pin: '2580' }), /Only an administrator can add and deactivate staff/)
    expectForbidden(call('staff.setActive', { authorId: t.team.physician.id, staffId: t.team.nurse.id, active: false }), /Only an administrator/)
    expect(rowCounts()).toEqual(before)
  })

  it('sign-off is for physicians', () => {
    sitDown(ws, t.ctx, t.team.nurse.id)
    expectForbidden(call('record.signOff', { sessionId: t.session.id, authorId: t.team.nurse.id, pin: '2468' }), /Only a physician can sign off a session record/)
    expect(countRows(t.db, 'sign_offs')).toBe(0)
  })

  it('an entry sent for someone other than who is signed in is refused', () => {
    sitDown(ws, t.ctx, t.team.nurse.id)
    const before = rowCounts()
    const r = call('entries.record', { sessionId: t.session.id, authorId: t.team.physician.id, entry: { type: 'rate_changed', rate: { value: 0.5, unit: 'mg/kg/h' } } })
    expectForbidden(r, /^You are signed in as Nina Nurse \(Nurse\)/)
    if (!r.ok) expect(r.error.field).toBe('authorId')
    expect(rowCounts()).toEqual(before)
  })

  it('nothing is written by nobody: signed out, every write and every patient read is refused', () => {
    const before = rowCounts()
    expectForbidden(call('entries.record', { sessionId: t.session.id, authorId: t.team.nurse.id, entry: { type: 'vitals', vitals: VITALS } }), 'Sign in first: nothing was saved')
    expectForbidden(call('patients.create', { patientCode: 'P-9', fullName: 'X Y', dateOfBirth: '1990-01-01', weightKg: 70 }), /Sign in first/)
    expectForbidden(call('sessions.get', { sessionId: t.session.id }), /Sign in first/)
    expect(rowCounts()).toEqual(before)
  })

  it('a staff member deactivated while signed in can do nothing more', () => {
    sitDown(ws, t.ctx, t.team.nurse.id)
    t.db.prepare('UPDATE staff SET active = 0 WHERE id = ?').run(t.team.nurse.id)
    expectForbidden(call('entries.record', { sessionId: t.session.id, authorId: t.team.nurse.id, entry: { type: 'vitals', vitals: VITALS } }), /no longer active/)
  })
})

describe('the clinic adjusts the table', () => {
  it('an administrator lets nurses run the infusion; main then allows it', () => {
    givePin(t.ctx, t.team.admin.id, '1357')
    sitDown(ws, t.ctx, t.team.admin.id)
    const permissions = { ...defaultPermissionTable(), 'infusion.control': ['physician' as const, 'nurse' as const] }
    const saved = call('settings.update', { authorId: t.team.admin.id, idleLockMinutes: 5, lockoutMinutes: 15, permissions })
    expect(saved).toMatchObject({ ok: true, value: { permissions: { 'infusion.control': ['physician', 'nurse'] } } })
    expect(listAudit(t.db).at(-1)).toMatchObject({ kind: 'settings_changed', detail: { summary: 'Changed start, change, pause, resume or stop the infusion: physician → physician, nurse' } })
    sitDown(ws, t.ctx, t.team.nurse.id)
    expect(call('entries.record', { sessionId: t.session.id, authorId: t.team.nurse.id, entry: { type: 'rate_changed', rate: { value: 0.5, unit: 'mg/kg/h' } } }).ok).toBe(true)
  })

  it('a table that takes staff management from administrators is refused', () => {
    sitDown(ws, t.ctx, t.team.admin.id)
    const permissions = { ...defaultPermissionTable(), 'staff.manage': ['physician' as const] }
    expect(call('settings.update', { authorId: t.team.admin.id, idleLockMinutes: 5, lockoutMinutes: 15, permissions })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', field: 'permissions.staff.manage' }
    })
  })

  it('a table that takes the infusion, the alerts or the vitals from physicians is refused', () => {
    sitDown(ws, t.ctx, t.team.admin.id)
    for (const p of ['infusion.control', 'alerts.acknowledge', 'vitals.record'] as const) {
      const permissions = { ...defaultPermissionTable(), [p]: ['nurse' as const] }
      expect(call('settings.update', { authorId: t.team.admin.id, idleLockMinutes: 5, lockoutMinutes: 15, permissions }), p).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT', field: `permissions.${p}` }
      })
    }
  })

  it('whatever table the file holds, the physician can still stop the infusion and record vitals', () => {
    const written = { ...defaultPermissionTable(), 'infusion.control': ['nurse'], 'vitals.record': ['nurse'], 'alerts.acknowledge': [] }
    t.db.prepare("INSERT INTO settings (key, value, updated_at) VALUES ('permissions', ?, 0)").run(JSON.stringify(written))
    sitDown(ws, t.ctx, t.team.physician.id)
    expect(call('entries.record', { sessionId: t.session.id, authorId: t.team.physician.id, entry: { type: 'infusion_stopped' } }).ok).toBe(true)
    expect(call('entries.record', { sessionId: t.session.id, authorId: t.team.physician.id, entry: { type: 'vitals', vitals: VITALS } }).ok).toBe(true)
    expect(call('settings.get', {})).toMatchObject({ ok: true, value: { permissions: { 'alerts.acknowledge': ['physician'], 'infusion.control': ['physician', 'nurse'] } } })
  })

  it('voiding or correcting another clinician’s clinical entry needs a clinician, whatever the table gives administrators', () => {
    sitDown(ws, t.ctx, t.team.nurse.id)
    const note = call('entries.record', { sessionId: t.session.id, authorId: t.team.nurse.id, entry: { type: 'note', note: { noteType: 'observation', text: 'calm' } } })
    if (!note.ok) throw new Error(note.error.message)
    const eventId = (note.value as { id: number }).id
    sitDown(ws, t.ctx, t.team.admin.id)
    const before = rowCounts()
    expectForbidden(
      call('entries.markInError', { sessionId: t.session.id, authorId: t.team.admin.id, eventId, reason: 'not needed' }),
      /Only a clinician can correct or void another person's clinical entry/
    )
    expectForbidden(
      call('entries.correct', { sessionId: t.session.id, authorId: t.team.admin.id, eventId, reason: 'typo', entry: { type: 'note', note: { noteType: 'observation', text: 'anxious' } } }),
      /Only a clinician/
    )
    expect(rowCounts()).toEqual(before)
    // The administrator's own note is theirs to void; a therapist, a clinician, may void the nurse's.
    const own = call('entries.record', { sessionId: t.session.id, authorId: t.team.admin.id, entry: { type: 'note', note: { noteType: 'observation', text: 'room booked' } } })
    if (!own.ok) throw new Error(own.error.message)
    expect(call('entries.markInError', { sessionId: t.session.id, authorId: t.team.admin.id, eventId: (own.value as { id: number }).id, reason: 'wrong session' }).ok).toBe(true)
    sitDown(ws, t.ctx, t.team.therapist.id)
    expect(call('entries.markInError', { sessionId: t.session.id, authorId: t.team.therapist.id, eventId, reason: 'wrong patient' }).ok).toBe(true)
  })

  it('settings are changed by administrators only', () => {
    sitDown(ws, t.ctx, t.team.physician.id)
    expectForbidden(
      call('settings.update', { authorId: t.team.physician.id, idleLockMinutes: 60, lockoutMinutes: 15, permissions: defaultPermissionTable() }),
      /Only an administrator can change settings and permissions/
    )
    expect(countRows(t.db, 'settings')).toBe(0)
  })
})

describe('every channel has a rule', () => {
  it('and only sign-in, the clock, staff names, the lock screen and start-up recovery are open to nobody', () => {
    expect(Object.keys(CHANNEL_RULES).sort()).toEqual([...CHANNELS].sort())
    const open = CHANNELS.filter((c) => 'open' in CHANNEL_RULES[c])
    expect(open.sort()).toEqual(
      [
        'auth.activity',
        'auth.lock',
        'auth.setUp',
        'auth.signIn',
        'auth.signOut',
        'auth.state',
        'clock.now',
        'monitor.openSessions',
        'staff.list',
        'startup.status',
        'startup.startEmpty'
      ].sort()
    )
    // Open only while the records cannot be opened; otherwise they need their permission.
    expect(CHANNELS.filter((c) => 'recoveryOr' in CHANNEL_RULES[c]).sort()).toEqual(['backups.overview', 'backups.restore'])
  })
})
