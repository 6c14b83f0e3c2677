/**
 * Who is signed in at this workstation. Deliberately in memory only: after a restart or crash
 * nobody is signed in and the next person signs in again.
 */
import type { ServiceContext } from '../app/context'
import type { ScryptCost } from './pin'

export interface Workstation {
  staffId: number | null
  /**
   * The identity of the database the person signed in to (db/identity.ts). A staff number means
   * someone only within one database: after a restore or a fresh start it may name someone else.
   */
  databaseId: string | null
  /** Main-process time of the signed-in person's last input or action (the idle lock counts from it). */
  lastActivityAt: number
  /** When the screen locked (idle or by hand); null while unlocked or signed out. */
  lockedAt: number | null
  /** Wrong PINs in a row typed here, under any name; a right PIN starts again. */
  wrongPins: number
  /** When the next PIN is accepted, after wrong ones; 0 when at once. */
  pinRetryAt: number
}

export function createWorkstation(): Workstation {
  return { staffId: null, databaseId: null, lastActivityAt: 0, lockedAt: null, wrongPins: 0, pinRetryAt: 0 }
}

/**
 * What the handlers run with: the services' context plus the workstation's sign-in state, and
 * (test harness only) a cheaper PIN hashing cost than production's.
 */
export type HandlerContext = ServiceContext & { workstation: Workstation; pinCost?: ScryptCost }
