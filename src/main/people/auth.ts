/**
 * Sign-in at the bedside: the first administrator, sign-in and switching user, sign-out, the
 * screen lock (by hand or after the idle time), and PIN checks with their lock-out. Time comes
 * from the services' clock, so a test's manual clock drives the idle lock and the lock-out.
 */
import { MAX_WRONG_PINS, pinRetryDelayMs, type FirstAdministrator, type MisuseReport, type SignInInput, type WorkstationState } from '../../shared/people/auth'
import type { Role, Staff } from '../../shared/people/people'
import { DomainError } from '../../shared/kernel/result'
import type { Db } from '../db/connection'
import { cached } from '../db/statements'
import { toStaff, type StaffRow } from '../db/rows'
import { verifyPin } from './pin'
import type { HandlerContext, Workstation } from './workstation'
import { appendAudit } from './audit'
import type { ServiceContext } from '../app/context'
import { getCredential, recordPinOutcome, setPin } from './credentials'
import { getSettings } from './settings'
import { databaseIdentity } from '../db/identity'

export function findStaff(db: Db, id: number): Staff | undefined {
  const row = cached(db, 'SELECT id, name, role, active, created_at FROM staff WHERE id = ?').get(id) as StaffRow | undefined
  return row && toStaff(row)
}

/** True until an active administrator with a PIN exists: then the first start is over. */
export function setupRequired(db: Db): boolean {
  return !db
    .prepare("SELECT 1 FROM staff s JOIN staff_credentials c ON c.staff_id = s.id WHERE s.role = 'administrator' AND s.active = 1")
    .get()
}

/** Locks the screen once the idle time has passed; the lock is dated when the time ran out. */
function applyIdleLock(ctx: ServiceContext, ws: Workstation): void {
  endSignInOfOtherDatabase(ctx, ws)
  if (ws.staffId === null || ws.lockedAt !== null) return
  const idleMinutes = getSettings(ctx).idleLockMinutes
  const lockAt = ws.lastActivityAt + idleMinutes * 60_000
  if (ctx.clock.now() < lockAt) return
  ws.lockedAt = lockAt
  appendAudit(ctx, { kind: 'screen_locked', actorId: ws.staffId, detail: { reason: 'idle', idleMinutes } }, lockAt)
}

/**
 * Ends the sign-in when the open database is not the one the person signed in to (a restore or a
 * fresh start replaced it): their staff number may name someone else in this file. The audit row
 * goes to the open database, naming the person only when the database is still theirs.
 */
function endSignInOfOtherDatabase(ctx: ServiceContext, ws: Workstation): void {
  if (ws.staffId === null) return
  const openId = databaseIdentity(ctx.db)
  if (ws.databaseId === openId) return
  appendAudit(ctx, { kind: 'signed_out', actorId: null, detail: { reason: 'the session records were replaced', actor: 'someone signed in to other records' } })
  clearSignIn(ws)
}

function clearSignIn(ws: Workstation): void {
  ws.staffId = null
  ws.databaseId = null
  ws.lockedAt = null
}

/**
 * The records were replaced under the workstation (a restore, a fresh start): whoever was signed
 * in is signed out, whatever the file now holds. Named in the audit only when the records are
 * still theirs (a backup of the same database).
 */
export function signOutAfterSwap(ctx: HandlerContext, reason: string): void {
  const ws = ctx.workstation
  if (ws.staffId === null) return
  if (ws.databaseId === databaseIdentity(ctx.db)) {
    appendAudit(ctx, { kind: 'signed_out', actorId: ws.staffId, detail: { reason } })
    clearSignIn(ws)
  } else endSignInOfOtherDatabase(ctx, ws)
}

/**
 * Who is at the keyboard for the audit of what they did: the signed-in, unlocked person of the
 * open database, or null (recovery, nobody signed in). Never what the caller says it is.
 */
export function signedInActor(ctx: HandlerContext): number | null {
  const ws = ctx.workstation
  if (ws.staffId === null || ws.lockedAt !== null) return null
  try {
    return ws.databaseId === databaseIdentity(ctx.db) ? ws.staffId : null
  } catch {
    return null
  }
}

export function workstationState(ctx: HandlerContext): WorkstationState {
  const { db, workstation: ws } = ctx
  applyIdleLock(ctx, ws)
  const settings = getSettings(ctx)
  const staff = ws.staffId === null ? null : (findStaff(db, ws.staffId) ?? null)
  const choices = (
    db
      .prepare('SELECT s.id, s.name, s.role FROM staff s JOIN staff_credentials c ON c.staff_id = s.id WHERE s.active = 1 ORDER BY s.name COLLATE NOCASE, s.id')
      .all() as { id: number; name: string; role: Role }[]
  ).map((r) => ({ id: r.id, name: r.name, role: r.role }))
  return {
    setupRequired: setupRequired(db),
    status: staff === null ? 'signed_out' : ws.lockedAt !== null ? 'locked' : 'active',
    staff,
    lockedAt: ws.lockedAt,
    idleLockMs: settings.idleLockMinutes * 60_000,
    choices,
    permissions: settings.permissions,
    now: ctx.clock.now(),
    misuse: staff !== null && staff.role === 'administrator' && ws.lockedAt === null ? misuseReport(ctx, staff) : null,
    pinRetryAt: ws.pinRetryAt > ctx.clock.now() ? ws.pinRetryAt : null
  }
}

/** The signed-in, unlocked, still active staff member; otherwise a refusal that says what to do. */
export function requireSignedIn(ctx: HandlerContext): Staff {
  const ws = ctx.workstation
  applyIdleLock(ctx, ws)
  if (ws.staffId === null) throw new DomainError('FORBIDDEN', 'Sign in first: nothing was saved')
  if (ws.lockedAt !== null) throw new DomainError('FORBIDDEN', 'The screen is locked: sign in to continue. Nothing was saved.')
  const staff = findStaff(ctx.db, ws.staffId)
  if (!staff || !staff.active) throw new DomainError('FORBIDDEN', 'Your account is no longer active: ask an administrator')
  return staff
}

/**
 * Checks a PIN. Wrong ones are counted per workstation (under any name) and make the next try
 * wait a few seconds (pinRetryDelayMs); no account is ever locked, so wrong PINs typed under the
 * physician's name cannot keep them from the infusion. Each wrong PIN, and each burst of them, is
 * in the audit log (committed before the refusal is thrown, so a wrong PIN always counts) and is
 * reported to administrators at their next sign-in. The per-account count is kept for the record.
 */
export function checkPin(
  ctx: ServiceContext & { workstation?: Workstation },
  staff: Staff,
  pin: string,
  during: 'sign_in' | 'sign_off' | 'dose_override',
  sessionId: number | null = null
): void {
  const { db, clock } = ctx
  const ws = ctx.workstation
  const credential = getCredential(db, staff.id)
  if (!credential) throw new DomainError('FORBIDDEN', `${staff.name} has no PIN yet: ask an administrator to set one`, 'pin')
  const now = clock.now()
  if (ws && now < ws.pinRetryAt) {
    appendAudit(ctx, { kind: 'pin_failed', actorId: staff.id, sessionId, detail: { during, tooSoon: true } }, now)
    throw new DomainError('FORBIDDEN', `Too many wrong PINs at this workstation: wait ${Math.ceil((ws.pinRetryAt - now) / 1000)} s, then try again.`, 'pin')
  }
  if (verifyPin(pin, credential.pinHash)) {
    if (during === 'sign_off' && credential.mustChange)
      throw new DomainError('FORBIDDEN', 'This PIN was set by an administrator: sign in and choose your own PIN before signing off.', 'pin')
    if (credential.failedAttempts !== 0 || credential.lockedUntil !== null) recordPinOutcome(db, staff.id, 0, null)
    if (ws) {
      ws.wrongPins = 0
      ws.pinRetryAt = 0
    }
    return
  }
  const failed = credential.failedAttempts + 1
  const inARow = (ws?.wrongPins ?? failed - 1) + 1
  const waitMs = pinRetryDelayMs(inARow)
  db.transaction(() => {
    recordPinOutcome(db, staff.id, failed, null)
    appendAudit(ctx, { kind: 'pin_failed', actorId: staff.id, sessionId, detail: { during, attempt: failed } }, now)
    if (inARow % MAX_WRONG_PINS === 0)
      appendAudit(ctx, { kind: 'wrong_pins_burst', actorId: staff.id, sessionId, detail: { attempts: inARow, waitSeconds: waitMs / 1000 } }, now)
  })()
  if (ws) {
    ws.wrongPins = inARow
    ws.pinRetryAt = now + waitMs
  }
  const wait = waitMs > 0 ? ` Wait ${waitMs / 1000} s before the next try.` : ''
  throw new DomainError('INVALID_INPUT', `Wrong PIN.${wait}`, 'pin')
}

/**
 * Wrong PINs since the administrator's previous sign-in (attempted misuse is reported to them).
 * Read from the audit log, so it covers every workstation that shares the records.
 */
function misuseReport(ctx: ServiceContext, admin: Staff): MisuseReport {
  const previous = cached(
    ctx.db,
    "SELECT at FROM audit_log WHERE kind = 'signed_in' AND actor_id = ? ORDER BY id DESC LIMIT 1 OFFSET 1"
  ).get(admin.id) as { at: number } | undefined
  const since = previous?.at ?? null
  const rows = cached(
    ctx.db,
    `SELECT a.kind, s.name FROM audit_log a LEFT JOIN staff s ON s.id = a.actor_id
     WHERE a.kind IN ('pin_failed', 'wrong_pins_burst', 'account_locked_out') AND a.at >= ?`
  ).all(since ?? Number.MIN_SAFE_INTEGER) as { kind: string; name: string | null }[]
  const tries = new Map<string, number>()
  for (const r of rows) if (r.kind === 'pin_failed' && r.name) tries.set(r.name, (tries.get(r.name) ?? 0) + 1)
  return {
    since,
    wrongPins: rows.filter((r) => r.kind === 'pin_failed').length,
    bursts: rows.filter((r) => r.kind !== 'pin_failed').length,
    names: [...tries.entries()].sort((a, b) => b[1] - a[1]).map(([name]) => name)
  }
}

/** Marks the start of a signed-in stretch, closing the previous person's. */
function startSignedIn(ctx: HandlerContext, staff: Staff): void {
  const ws = ctx.workstation
  endSignInOfOtherDatabase(ctx, ws)
  const now = ctx.clock.now()
  const previous = ws.staffId
  ctx.db.transaction(() => {
    if (previous !== null && previous !== staff.id) appendAudit(ctx, { kind: 'signed_out', actorId: previous, detail: { reason: 'switched user' } }, now)
    const detail: Record<string, unknown> = {}
    if (previous !== null && previous !== staff.id) detail['replaced'] = previous
    appendAudit(ctx, { kind: 'signed_in', actorId: staff.id, detail }, now)
  })()
  ws.staffId = staff.id
  ws.databaseId = databaseIdentity(ctx.db)
  ws.lockedAt = null
  ws.lastActivityAt = now
}

export function signIn(ctx: HandlerContext, input: SignInInput): WorkstationState {
  const staff = findStaff(ctx.db, input.staffId)
  if (!staff) throw new DomainError('INVALID_INPUT', 'Choose your name from the list', 'staffId')
  if (!staff.active) {
    appendAudit(ctx, { kind: 'action_refused', actorId: staff.id, detail: { action: 'sign in', reason: `${staff.name} is no longer active` } })
    throw new DomainError('FORBIDDEN', `${staff.name} is no longer active: ask an administrator`, 'staffId')
  }
  applyIdleLock(ctx, ctx.workstation)
  checkPin(ctx, staff, input.pin, 'sign_in')
  if (getCredential(ctx.db, staff.id)?.mustChange) replaceSetPin(ctx, staff, input)
  startSignedIn(ctx, staff)
  return workstationState(ctx)
}

/**
 * The right PIN, but one an administrator set: it opens no session. Its owner chooses their own
 * in the same sign-in, and the one the administrator knows stops working.
 */
function replaceSetPin(ctx: HandlerContext, staff: Staff, input: SignInInput): void {
  if (input.newPin === undefined)
    throw new DomainError('INVALID_INPUT', 'This PIN was set by an administrator and works once: choose your own PIN to sign in.', 'newPin')
  if (input.newPin === input.pin) throw new DomainError('INVALID_INPUT', 'Choose a PIN other than the one the administrator set', 'newPin')
  ctx.db.transaction(() => {
    setPin(ctx, staff.id, input.newPin!, staff.id, ctx.pinCost)
    appendAudit(ctx, { kind: 'pin_changed', actorId: staff.id, subjectId: staff.id, detail: {} })
  })()
}

/** The first start: creates the first administrator, who is then signed in. */
export function setUpFirstAdministrator(ctx: HandlerContext, input: FirstAdministrator): WorkstationState {
  const { db, clock } = ctx
  const staff = db.transaction(() => {
    if (!setupRequired(db)) throw new DomainError('FORBIDDEN', 'An administrator already exists: sign in, and ask them to add you')
    const now = clock.now()
    const { id } = db
      .prepare("INSERT INTO staff (name, role, active, created_at) VALUES (?, 'administrator', 1, ?) RETURNING id")
      .get(input.name, now) as { id: number }
    setPin(ctx, id, input.pin, id, ctx.pinCost)
    appendAudit(ctx, { kind: 'administrator_created', actorId: id, subjectId: id, detail: { role: 'administrator', firstStart: true } }, now)
    return findStaff(db, id)!
  })()
  startSignedIn(ctx, staff)
  return workstationState(ctx)
}

export function signOut(ctx: HandlerContext): WorkstationState {
  const ws = ctx.workstation
  applyIdleLock(ctx, ws)
  if (ws.staffId !== null) {
    appendAudit(ctx, { kind: 'signed_out', actorId: ws.staffId, detail: {} })
    clearSignIn(ws)
  }
  return workstationState(ctx)
}

export function lockScreen(ctx: HandlerContext): WorkstationState {
  const ws = ctx.workstation
  applyIdleLock(ctx, ws)
  if (ws.staffId !== null && ws.lockedAt === null) {
    const now = ctx.clock.now()
    ws.lockedAt = now
    appendAudit(ctx, { kind: 'screen_locked', actorId: ws.staffId, detail: { reason: 'by hand' } }, now)
  }
  return workstationState(ctx)
}

/** Someone is using the screen: the idle time starts again (never revives a lock that has already fallen). */
export function noteActivity(ctx: HandlerContext): null {
  const ws = ctx.workstation
  applyIdleLock(ctx, ws)
  if (ws.staffId !== null && ws.lockedAt === null) ws.lastActivityAt = Math.max(ws.lastActivityAt, ctx.clock.now())
  return null
}

