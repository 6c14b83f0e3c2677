import { useSyncExternalStore } from 'react'
import type { RestoreOutcome } from '../../../shared/storage/backup'

/**
 * The outcome of the last restore, kept beyond the screen that asked for it: a restore signs
 * everyone out, so the sign-in screen replaces the Backups screen before the answer arrives, and
 * what the restored records lack must still be read by whoever signs in next.
 */
let outcome: RestoreOutcome | null = null
const listeners = new Set<() => void>()

export function noteRestoreOutcome(o: RestoreOutcome | null): void {
  outcome = o
  for (const l of listeners) l()
}

export function useRestoreOutcome(): RestoreOutcome | null {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l)
      return () => listeners.delete(l)
    },
    () => outcome
  )
}
