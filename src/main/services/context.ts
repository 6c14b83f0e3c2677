import type { ClockJump } from '../../shared/domain/clockJump'
import type { Db } from '../db/connection'

export interface Clock {
  now(): number
  /** Jumps of the wall clock seen after this (steady) time; a steady clock keeps them (steadyClock.ts). */
  jumpsSince?(time: number): readonly ClockJump[]
}

export const systemClock: Clock = { now: () => Date.now() }

/** What every use case needs: the database and the time. Injected, so tests control both. */
export interface ServiceContext {
  db: Db
  clock: Clock
}
