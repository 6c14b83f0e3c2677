import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createWorkstation, type Workstation } from '../../../src/main/people/workstation'
import { createHandlers, type Handlers } from '../../../src/main/app/handlers'
import { listAudit } from '../../../src/main/people/audit'
import { getCredential } from '../../../src/main/people/credentials'
import type { Channel, InputOf, OutputOf } from '../../../src/shared/contract'
import type { WorkstationState } from '../../../src/shared/people/auth'
import type { Result } from '../../../src/shared/kernel/result'
import { givePin } from '../authHelpers'
import { makeSeededContext, makeTestContext, MIN, type TestContext } from '../helpers'

type Seeded = ReturnType<typeof makeSeededContext>

function api(t: TestContext, ws: Workstation = createWorkstation()) {
  const handlers: Handlers = createHandlers(t.ctx, { workstation: ws })
  return <C extends Channel>(channel: C, input: InputOf<C>) => handlers[channel](input) as Result<OutputOf<C>>
}
const value = <T>(r: Result<T>): T => {
  if (!r.ok) throw new Error(`expected ok, got ${JSON.stringify(r.error)}`)
  return r.value
}
const kinds = (t: TestContext) => listAudit(t.db).map((a) => a.kind)

describe('the first start', () => {
  let t: TestContext
  beforeEach(() => {
    t = makeTestContext()
  })
  afterEach(() => t.cleanup())

  it('asks for an administrator, who is then signed in', () => {
    const call = api(t)
    expect(value(call('auth.state', {}))).toMatchObject({ setupRequired: true, status: 'signed_out', staff: null })
    const state = value(call('auth.setUp', { name: 'Alma Admin', pin: '1357' }))
    expect(state).toMatchObject({ setupRequired: false, status: 'active', staff: { name: 'Alma Admin', role: 'administrator' } })
    expect(state.choices).toEqual([{ id: state.staff!.id, name: 'Alma Admin', role: 'administrator' }])
    expect(kinds(t)).toEqual(['administrator_created', 'signed_in'])
  })

  it('is over once an administrator exists: a second set-up is refused and changes nothing', () => {
    const call = api(t)
    value(call('auth.setUp', { name: 'Alma Admin', pin: '1357' }))
    const again = call('auth.setUp', { name: 'Mallory', pin: '9753' })
    expect(again).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(value(call('staff.list', {})).map((s) => s.name)).toEqual(['Alma Admin'])
  })

  it('refuses a PIN that is too short or a run, next to the PIN', () => {
    const call = api(t)
    expect(call('auth.setUp', { name: 'Alma Admin', pin: '135' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'pin' } })
    expect(call('auth.setUp', { name: 'Alma Admin', pin: '1234' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'pin' } })
    expect(value(call('auth.state', {})).setupRequired).toBe(true)
  })
})

describe('sign-in, switching user and sign-out', () => {
  let t: Seeded
  let ws: Workstation
  let call: ReturnType<typeof api>
  beforeEach(() => {
    t = makeSeededContext()
    ws = createWorkstation()
    call = api(t, ws)
    givePin(t.ctx, t.team.nurse.id, '2468')
    givePin(t.ctx, t.team.physician.id, '8642')
  })
  afterEach(() => t.cleanup())

  it('the right PIN signs in; only staff with a PIN are offered', () => {
    const state = value(call('auth.signIn', { staffId: t.team.nurse.id, pin: '2468' }))
    expect(state).toMatchObject({ status: 'active', staff: { id: t.team.nurse.id } })
    expect(state.choices.map((c) => c.name)).toEqual(['Dr Ada Physician', 'Nina Nurse'])
  })

  it('switching user signs the previous person out and the next in, in the audit log', () => {
    value(call('auth.signIn', { staffId: t.team.nurse.id, pin: '2468' }))
    value(call('auth.signIn', { staffId: t.team.physician.id, pin: '8642' }))
    const log = listAudit(t.db)
    expect(log.map((a) => [a.kind, a.actorId])).toEqual([
      ['signed_in', t.team.nurse.id],
      ['signed_out', t.team.nurse.id],
      ['signed_in', t.team.physician.id]
    ])
    expect(log[2]!.detail).toEqual({ replaced: t.team.nurse.id })
    expect(ws.staffId).toBe(t.team.physician.id)
  })

  it('a wrong PIN is refused next to the PIN, logged, and leaves whoever was signed in', () => {
    value(call('auth.signIn', { staffId: t.team.physician.id, pin: '8642' }))
    const r = call('auth.signIn', { staffId: t.team.nurse.id, pin: '2467' })
    expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'pin' } })
    if (!r.ok) expect(r.error.message).toBe('Wrong PIN.')
    expect(ws.staffId).toBe(t.team.physician.id)
    expect(listAudit(t.db).at(-1)).toMatchObject({ kind: 'pin_failed', actorId: t.team.nurse.id, detail: { during: 'sign_in', attempt: 1 } })
  })

  it('a deactivated staff member cannot sign in, even with the right PIN', () => {
    t.db.prepare('UPDATE staff SET active = 0 WHERE id = ?').run(t.team.nurse.id)
    const r = call('auth.signIn', { staffId: t.team.nurse.id, pin: '2468' })
    expect(r).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', field: 'staffId' } })
    expect(ws.staffId).toBeNull()
    expect(listAudit(t.db).at(-1)).toMatchObject({ kind: 'action_refused', actorId: t.team.nurse.id })
  })

  it('someone without a PIN is told to ask an administrator', () => {
    const r = call('auth.signIn', { staffId: t.team.therapist.id, pin: '2468' })
    expect(r).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', field: 'pin' } })
    if (!r.ok) expect(r.error.message).toMatch(/no PIN yet/)
  })

  it('sign-out leaves nobody signed in and reads of patient records are refused', () => {
    value(call('auth.signIn', { staffId: t.team.nurse.id, pin: '2468' }))
    expect(call('patients.list', {}).ok).toBe(true)
    expect(value(call('auth.signOut', {}))).toMatchObject({ status: 'signed_out', staff: null })
    expect(call('patients.list', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: 'Sign in first: nothing was saved' } })
    expect(kinds(t)).toEqual(['signed_in', 'signed_out'])
  })
})

describe('wrong PINs slow the workstation down for seconds; no account is ever locked out', () => {
  let t: Seeded
  let ws: Workstation
  let call: ReturnType<typeof api>
  beforeEach(() => {
    t = makeSeededContext()
    ws = createWorkstation()
    call = api(t, ws)
    givePin(t.ctx, t.team.nurse.id, '2468')
    givePin(t.ctx, t.team.physician.id, '8642')
    givePin(t.ctx, t.team.admin.id, '1357')
  })
  afterEach(() => t.cleanup())

  const wrong = (staffId = t.team.physician.id) => call('auth.signIn', { staffId, pin: '9999' })
  const SEC = 1000

  it('the first two wrong PINs cost nothing; the third makes the next try wait 2 s, then 4, 8, 16, and never more than 30 s', () => {
    const waits: number[] = []
    for (let i = 1; i <= 9; i++) {
      const r = wrong()
      expect(r, `try ${i}`).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'pin' } })
      waits.push(ws.pinRetryAt === 0 ? 0 : ws.pinRetryAt - t.clock.now())
      t.clock.advance(waits.at(-1)!)
    }
    expect(waits).toEqual([0, 0, 2 * SEC, 4 * SEC, 8 * SEC, 16 * SEC, 30 * SEC, 30 * SEC, 30 * SEC])
  })

  it('a try before the wait is over is refused without looking at the PIN, and says how long to wait', () => {
    for (let i = 0; i < 3; i++) wrong()
    t.clock.advance(2 * SEC - 1)
    const early = call('auth.signIn', { staffId: t.team.physician.id, pin: '8642' })
    expect(early).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', field: 'pin', message: 'Too many wrong PINs at this workstation: wait 1 s, then try again.' } })
    expect(listAudit(t.db).at(-1)).toMatchObject({ kind: 'pin_failed', detail: { tooSoon: true } })
    t.clock.advance(1)
    expect(value(call('auth.signIn', { staffId: t.team.physician.id, pin: '8642' }))).toMatchObject({ status: 'active', staff: { id: t.team.physician.id } })
    expect(ws).toMatchObject({ wrongPins: 0, pinRetryAt: 0 })
  })

  it('twenty anonymous wrong PINs under the physician’s name keep them out for seconds, not minutes', () => {
    for (let i = 0; i < 20; i++) {
      wrong()
      t.clock.advance(30 * SEC)
    }
    expect(value(call('auth.signIn', { staffId: t.team.physician.id, pin: '8642' })).staff?.id).toBe(t.team.physician.id)
    expect(getCredential(t.db, t.team.physician.id)).toMatchObject({ failedAttempts: 0, lockedUntil: null })
  })

  it('every five wrong PINs in a row are a burst in the audit log', () => {
    for (let i = 0; i < 10; i++) {
      wrong(i % 2 === 0 ? t.team.physician.id : t.team.nurse.id)
      t.clock.advance(30 * SEC)
    }
    expect(listAudit(t.db).filter((a) => a.kind === 'wrong_pins_burst').map((a) => a.detail['attempts'])).toEqual([5, 10])
  })

  it('an administrator is told at sign-in of the wrong PINs since their previous sign-in, and under which names', () => {
    value(call('auth.signIn', { staffId: t.team.admin.id, pin: '1357' }))
    expect(value(call('auth.state', {})).misuse).toMatchObject({ wrongPins: 0 })
    value(call('auth.signOut', {}))
    for (let i = 0; i < 6; i++) {
      wrong(i < 4 ? t.team.physician.id : t.team.nurse.id)
      t.clock.advance(30 * SEC)
    }
    const firstSignIn = listAudit(t.db).find((a) => a.kind === 'signed_in')!.at
    expect(value(call('auth.signIn', { staffId: t.team.admin.id, pin: '1357' })).misuse).toEqual({
      since: firstSignIn,
      wrongPins: 6,
      bursts: 1,
      names: ['Dr Ada Physician', 'Nina Nurse']
    })
    // Others are not told.
    expect(value(call('auth.signIn', { staffId: t.team.nurse.id, pin: '2468' })).misuse).toBeNull()
  })
})

describe('the screen lock', () => {
  let t: Seeded
  let ws: Workstation
  let call: ReturnType<typeof api>
  beforeEach(() => {
    t = makeSeededContext()
    ws = createWorkstation()
    call = api(t, ws)
    givePin(t.ctx, t.team.nurse.id, '2468')
    givePin(t.ctx, t.team.physician.id, '8642')
    value(call('auth.signIn', { staffId: t.team.nurse.id, pin: '2468' }))
  })
  afterEach(() => t.cleanup())

  const state = (): WorkstationState => value(call('auth.state', {}))

  it('locks after the default five idle minutes, dated when the time ran out', () => {
    const signedInAt = t.clock.now()
    t.clock.advance(5 * MIN - 1)
    expect(state().status).toBe('active')
    t.clock.advance(3 * MIN)
    expect(state()).toMatchObject({ status: 'locked', lockedAt: signedInAt + 5 * MIN, staff: { id: t.team.nurse.id } })
    expect(listAudit(t.db).at(-1)).toMatchObject({ kind: 'screen_locked', at: signedInAt + 5 * MIN, detail: { reason: 'idle', idleMinutes: 5 } })
  })

  it('use of the screen starts the idle time again', () => {
    t.clock.advance(4 * MIN)
    value(call('auth.activity', {}))
    t.clock.advance(4 * MIN)
    expect(state().status).toBe('active')
    t.clock.advance(1 * MIN)
    expect(state().status).toBe('locked')
  })

  it('calls made by a screen on a timer do not keep the workstation awake: only input does', () => {
    // The Backups and patient screens refresh every few seconds while nobody touches them.
    for (let i = 0; i < 100; i++) {
      t.clock.advance(3_000)
      call('patients.list', {})
      call('settings.get', {})
    }
    expect(state()).toMatchObject({ status: 'locked', lockedAt: t.clock.now() - 100 * 3_000 + 5 * MIN })
  })

  it('activity after the idle time does not undo the lock', () => {
    t.clock.advance(6 * MIN)
    value(call('auth.activity', {}))
    expect(state().status).toBe('locked')
  })

  it('while locked, patient records and writes are refused', () => {
    value(call('auth.lock', {}))
    expect(call('sessions.get', { sessionId: t.session.id })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    const r = call('entries.record', {
      sessionId: t.session.id,
      authorId: t.team.nurse.id,
      entry: { type: 'vitals', vitals: { systolic: 120, diastolic: 80, heartRate: 70, spo2: 98, respiratoryRate: 14 } }
    })
    expect(r).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    if (!r.ok) expect(r.error.message).toMatch(/screen is locked/)
    expect(t.db.prepare('SELECT count(*) AS n FROM events').get()).toEqual({ n: 0 })
  })

  it('the lock screen still gets the running infusion without the patient, nor notes', () => {
    value(call('auth.lock', {}))
    const monitored = value(call('monitor.openSessions', {}))
    expect(monitored).toHaveLength(1)
    expect(Object.keys(monitored[0]!).sort()).toEqual(['actions', 'alerts', 'at', 'endedAt', 'plan', 'sessionId'])
    expect(JSON.stringify(monitored)).not.toContain('Pat Example')
  })

  it('the same person unlocks with their PIN; someone else may take over', () => {
    value(call('auth.lock', {}))
    expect(value(call('auth.signIn', { staffId: t.team.nurse.id, pin: '2468' })).status).toBe('active')
    value(call('auth.lock', {}))
    expect(value(call('auth.signIn', { staffId: t.team.physician.id, pin: '8642' }))).toMatchObject({ status: 'active', staff: { id: t.team.physician.id } })
  })

  it('the idle time is the clinic setting', () => {
    t.db.prepare("INSERT INTO settings (key, value, updated_at) VALUES ('idle_lock_minutes', '20', 0)").run()
    t.clock.advance(19 * MIN)
    expect(state().status).toBe('active')
    expect(state().idleLockMs).toBe(20 * MIN)
    t.clock.advance(1 * MIN)
    expect(state().status).toBe('locked')
  })

  it('after a restart (a new workstation) nobody is signed in', () => {
    const fresh = api(t)
    expect(value(fresh('auth.state', {}))).toMatchObject({ status: 'signed_out', staff: null })
  })
})

describe('a PIN an administrator resets works once, to choose one’s own', () => {
  let t: Seeded
  let ws: Workstation
  let call: ReturnType<typeof api>
  beforeEach(() => {
    t = makeSeededContext()
    ws = createWorkstation()
    call = api(t, ws)
    givePin(t.ctx, t.team.admin.id, '1357')
    givePin(t.ctx, t.team.nurse.id, '2468')
    value(call('auth.signIn', { staffId: t.team.admin.id, pin: '1357' }))
    value(call('staff.resetPin', { authorId: t.team.admin.id, staffId: t.team.nurse.id, pin: '3690' }))
    value(call('auth.signOut', {}))
  })
  afterEach(() => t.cleanup())

  it('alone it opens no session: its owner is asked to choose their own, next to the new PIN', () => {
    const r = call('auth.signIn', { staffId: t.team.nurse.id, pin: '3690' })
    expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'newPin' } })
    expect(ws.staffId).toBeNull()
    expect(getCredential(t.db, t.team.nurse.id)).toMatchObject({ mustChange: true })
  })

  it('with a new PIN it signs in, and the PIN the administrator knows stops working', () => {
    expect(call('auth.signIn', { staffId: t.team.nurse.id, pin: '3690', newPin: '3690' })).toMatchObject({ ok: false, error: { field: 'newPin' } })
    expect(value(call('auth.signIn', { staffId: t.team.nurse.id, pin: '3690', newPin: '5813' }))).toMatchObject({ status: 'active', staff: { id: t.team.nurse.id } })
    expect(listAudit(t.db).filter((a) => a.kind === 'pin_changed')).toMatchObject([{ actorId: t.team.nurse.id, subjectId: t.team.nurse.id }])
    value(call('auth.signOut', {}))
    expect(call('auth.signIn', { staffId: t.team.nurse.id, pin: '3690' })).toMatchObject({ ok: false, error: { field: 'pin', message: 'Wrong PIN.' } })
    expect(value(call('auth.signIn', { staffId: t.team.nurse.id, pin: '5813' })).staff?.id).toBe(t.team.nurse.id)
  })

  it('a wrong PIN with a new one changes nothing', () => {
    expect(call('auth.signIn', { staffId: t.team.nurse.id, pin: '1111', newPin: '5813' })).toMatchObject({ ok: false, error: { field: 'pin' } })
    expect(getCredential(t.db, t.team.nurse.id)).toMatchObject({ mustChange: true })
  })
})
