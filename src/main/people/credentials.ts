/** PIN credentials: the hash, and the count of wrong PINs in a row that leads to a lock-out. */
import type { Db } from '../db/connection'
import { notePeopleChanged } from '../db/changes'
import { hashPin, PIN_COST, type ScryptCost } from './pin'
import type { ServiceContext } from '../app/context'

export interface Credential {
  staffId: number
  pinHash: string
  failedAttempts: number
  lockedUntil: number | null
  /** Set by an administrator for its owner: opens no session until the owner chooses their own. */
  mustChange: boolean
}

interface CredentialRow {
  staff_id: number
  pin_hash: string
  failed_attempts: number
  locked_until: number | null
  must_change: number
}

export function getCredential(db: Db, staffId: number): Credential | undefined {
  const r = db.prepare('SELECT * FROM staff_credentials WHERE staff_id = ?').get(staffId) as CredentialRow | undefined
  return r && { staffId: r.staff_id, pinHash: r.pin_hash, failedAttempts: r.failed_attempts, lockedUntil: r.locked_until, mustChange: r.must_change === 1 }
}

/** Sets (or resets) a PIN; `mustChange` for one an administrator set for someone else (single-use). */
export function setPin(
  { db, clock }: ServiceContext,
  staffId: number,
  pin: string,
  setBy: number | null,
  cost: ScryptCost = PIN_COST,
  mustChange = false
): void {
  const hash = hashPin(pin, cost)
  db.prepare(
    `INSERT INTO staff_credentials (staff_id, pin_hash, failed_attempts, locked_until, set_at, set_by, must_change) VALUES (?, ?, 0, NULL, ?, ?, ?)
     ON CONFLICT (staff_id) DO UPDATE SET pin_hash = excluded.pin_hash, failed_attempts = 0, locked_until = NULL,
       set_at = excluded.set_at, set_by = excluded.set_by, must_change = excluded.must_change`
  ).run(staffId, hash, clock.now(), setBy, mustChange ? 1 : 0)
  // A first PIN adds the person to the sign-in screen's choices.
  notePeopleChanged(db)
}

export function recordPinOutcome(db: Db, staffId: number, failedAttempts: number, lockedUntil: number | null): void {
  db.prepare('UPDATE staff_credentials SET failed_attempts = ?, locked_until = ? WHERE staff_id = ?').run(failedAttempts, lockedUntil, staffId)
}
