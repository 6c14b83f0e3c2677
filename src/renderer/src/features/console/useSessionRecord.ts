import { useCallback, useEffect, useState } from 'react'
import type { SessionEvent } from '../../../../shared/domain/events'
import { effectiveEntries, type EffectiveEntry } from '../../../../shared/domain/record'
import { appendEffective } from '../../../../shared/domain/recordAppend'
import type { SessionRecord } from '../../../../shared/domain/session'
import { call } from '../../api'

/**
 * The session record as stored. New entries are appended only from what the main process
 * returned after committing them, so the screen never shows an entry the database lacks.
 */
export function useSessionRecord(sessionId: number) {
  // The record and its effective entries change together: a new entry is put in its place
  // (appendEffective) instead of rebuilding every entry of a long session.
  const [state, setState] = useState<{ record: SessionRecord; entries: EffectiveEntry[] } | null>(null)
  const [error, setError] = useState<string | null>(null)

  const reload = useCallback(() => {
    void call('sessions.get', { sessionId }).then((r) => {
      if (r.ok) {
        setState({ record: r.value, entries: effectiveEntries(r.value.events) })
        setError(null)
      } else setError(r.error.message)
    })
  }, [sessionId])
  useEffect(reload, [reload])

  const append = useCallback((event: SessionEvent) => {
    setState((old) => {
      if (!old || old.record.events.some((e) => e.id === event.id)) return old
      const events = [...old.record.events, event]
      return { record: { ...old.record, events }, entries: appendEffective(old.entries, old.record.events, event) }
    })
  }, [])

  return { record: state?.record ?? null, entries: state?.entries ?? NO_ENTRIES, error, reload, append }
}

const NO_ENTRIES: EffectiveEntry[] = []
