import type { Db } from '../db/connection'

export interface Clock {
  now(): number
}

export const systemClock: Clock = { now: () => Date.now() }

/** What every use case needs: the database and the time. Injected, so tests control both. */
export interface ServiceContext {
  db: Db
  clock: Clock
}
