/**
 * The session record's hash chain, the part that needs no crypto: how a stored row is written
 * down for hashing, and how a verification result reads. Main computes the hashes (SHA-256).
 */

/** The previous hash of a session's first entry. */
export const GENESIS_HASH = '0'.repeat(64)

/**
 * One stored row as canonical text: columns sorted by name, NULLs left out. Leaving NULLs out
 * means a column added by a later migration (NULL in old rows) does not change old rows' text,
 * while any value written into it is covered from then on.
 */
export function canonicalRow(row: Readonly<Record<string, unknown>>): string {
  const keys = Object.keys(row)
    .filter((k) => row[k] !== null && row[k] !== undefined)
    .sort()
  return JSON.stringify(keys.map((k) => [k, row[k]]))
}

/** What is hashed for one entry: the previous entry's hash, then the entry itself. */
export const chainInput = (prevHash: string, row: Readonly<Record<string, unknown>>): string => `${prevHash}\n${canonicalRow(row)}`

export interface IntegrityProblem {
  /** The entry's number in the session (#1, #2, ...). */
  seq: number
  eventId: number | null
  problem: string
}

export interface IntegrityReport {
  intact: boolean
  /** Entries whose seal was checked. */
  checked: number
  /** Entries recorded before sealing existed (an older version of the app), not covered. */
  unsealedLegacy: number
  problems: IntegrityProblem[]
}

export const RECORD_INTACT = 'Record intact'

/** The one line shown when a record is opened. */
export function integritySummary(r: IntegrityReport): string {
  if (r.intact) {
    return r.unsealedLegacy > 0
      ? `${RECORD_INTACT} (${r.unsealedLegacy} earlier ${r.unsealedLegacy === 1 ? 'entry was' : 'entries were'} recorded before sealing began)`
      : RECORD_INTACT
  }
  const [first, ...rest] = r.problems
  const more = rest.length > 0 ? ` (and ${rest.length} more ${rest.length === 1 ? 'problem' : 'problems'})` : ''
  return `Record not intact: ${first!.problem}${more}. Do not rely on this record; call support.`
}
