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
}

interface CredentialRow {
  staff_id: number
  pin_hash: string
  failed_attempts: number
  locked_until: number | null
}

export function getCredential(db: Db, staffId: number): Credential | undefined {
  const r = db.prepare('SELECT * FROM staff_credentials WHERE staff_id = ?').get(staffId) as CredentialRow | undefined
  return r && { staffId: r.staff_id, pinHash: r.pin_hash, failedAttempts: r.failed_attempts, lockedUntil: r.locked_until }
}

/** Sets (or resets) a PIN; a reset also lifts a lock-out. */
export function setPin({ db, clock }: ServiceContext, staffId: number, pin: string, setBy: number | null, cost: ScryptCost = PIN_COST): void {
  const hash = hashPin(pin, cost)
  db.prepare(
    `INSERT INTO staff_credentials (staff_id, pin_hash, failed_attempts, locked_until, set_at, set_by) VALUES (?, ?, 0, NULL, ?, ?)
     ON CONFLICT (staff_id) DO UPDATE SET pin_hash = excluded.pin_hash, failed_attempts = 0, locked_until = NULL,
       set_at = excluded.set_at, set_by = excluded.set_by`
  ).run(staffId, hash, clock.now(), setBy)
  // A first PIN adds the person to the sign-in screen's choices.
  notePeopleChanged(db)
}

export function recordPinOutcome(db: Db, staffId: number, failedAttempts: number, lockedUntil: number | null): void {
  db.prepare('UPDATE staff_credentials SET failed_attempts = ?, locked_until = ? WHERE staff_id = ?').run(failedAttempts, lockedUntil, staffId)
}
