/** The open database's own identity (migration 010): what a sign-in is bound to. */
import type { Db } from './connection'
import { cached } from './statements'

export function databaseIdentity(db: Db): string {
  const row = cached(db, 'SELECT id FROM database_identity').get() as { id: string } | undefined
  // Written by the migration that creates the table: a database without it was edited by hand.
  if (!row) throw new Error('the database has no identity')
  return row.id
}
