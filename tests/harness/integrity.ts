/**
 * The start-up integrity check as the harness runs it. By default the harness waits for it before
 * saying `ready`, so a test that opens a damaged file sees the recovery screen at once. With
 * HARNESS_INTEGRITY=held the check waits until POST /__harness/integrity: a test can then open the
 * console first and watch the app find the damage while in use (as it would after ten years of
 * records, when the check takes minutes).
 */
import { checkIntegrityOffThread, type IntegrityCheck } from '../../src/main/storage/integrityCheck'

export interface HarnessIntegrity {
  held: boolean
  check: IntegrityCheck
  /** Lets a held check run; true if one was waiting. */
  release(): boolean
}

export function createHarnessIntegrity(mode: string | undefined): HarnessIntegrity {
  if (mode !== undefined && mode !== '' && mode !== 'held') throw new Error(`HARNESS_INTEGRITY must be "held" or unset (got "${mode}")`)
  const held = mode === 'held'
  let release: (() => void) | null = null
  const gate = held ? new Promise<void>((resolve) => (release = resolve)) : Promise.resolve()
  return {
    held,
    check: async (path) => {
      await gate
      return checkIntegrityOffThread(path)
    },
    release: () => {
      if (!release) return false
      release()
      release = null
      return true
    }
  }
}
