import type { ClockJump } from '../../shared/kernel/clockJump'
import type { Db } from '../db/connection'
import type { Storage } from '../storage/storage'
import type { AuditEvent } from '../people/auditHook'

export interface Clock {
  now(): number
  /** Jumps of the wall clock seen after this (steady) time; a steady clock keeps them (steadyClock.ts). */
  jumpsSince?(time: number): readonly ClockJump[]
  /** How fast it runs against real time: 1 (the default), or 0 for a clock that moves only when told (the test harness). */
  readonly rate?: number
}

/** What every use case needs: the database and the time. Injected, so tests control both. */
export interface ServiceContext {
  db: Db
  clock: Clock
  /** Where exports, backups and restores are reported. */
  audit?: (event: AuditEvent) => void
  /** Backups, restore and start-up recovery; absent where there is no database file (unit tests). */
  storage?: Storage
}
