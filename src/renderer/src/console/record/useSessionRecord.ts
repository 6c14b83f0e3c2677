import { useCallback, useEffect, useRef, useState } from 'react'
import type { SessionEvent } from '../../../../shared/record/events'
import { effectiveEntries, type EffectiveEntry } from '../../../../shared/record/record'
import { noteExtension } from '../../../../shared/kernel/arrayExtension'
import { appendEffective } from '../../../../shared/record/recordAppend'
import type { SessionRecord } from '../../../../shared/sessions/session'
import { call } from '../../app/api'

/**
 * The session record as stored. New entries are appended only from what the main process
 * returned after committing them, so the screen never shows an entry the database lacks.
 */
export function useSessionRecord(sessionId: number) {
  // The record and its effective entries change together: a new entry is put in its place
  // (appendEffective) instead of rebuilding every entry of a long session.
  const [state, setState] = useState<{ record: SessionRecord; entries: EffectiveEntry[] } | null>(null)
  const [error, setError] = useState<string | null>(null)
  const current = useRef(state)
  current.current = state

  const reload = useCallback(() => {
    void call('sessions.get', { sessionId }).then((r) => {
      if (r.ok) {
        setState((old) => {
          // Keep any entry saved while this read was on its way: it is newer than what it returned.
          const fresh = r.value
          const newest = fresh.events.reduce((max, e) => Math.max(max, e.seq), 0)
          const later = old && old.record.session.id === fresh.session.id ? old.record.events.filter((e) => e.seq > newest) : []
          const events = later.length > 0 ? [...fresh.events, ...later] : fresh.events
          return { record: { ...fresh, events }, entries: effectiveEntries(events) }
        })
        setError(null)
      } else setError(r.error.message)
    })
  }, [sessionId])
  useEffect(reload, [reload])

  const append = useCallback((event: SessionEvent) => {
    // The store may have written more in the same commit (a note of a clock change): when the
    // new entry does not follow the last one we hold, read the whole record again.
    const events = current.current?.record.events
    const lastSeq = events && events.length > 0 ? events[events.length - 1]!.seq : 0
    if (events && event.seq > lastSeq + 1) {
      reload()
      return
    }
    setState((old) => {
      if (!old) return old
      // Sequence numbers are unique in a record: only one at or below the last can be here already.
      const last = old.record.events[old.record.events.length - 1]
      if (last && event.seq <= last.seq && old.record.events.some((e) => e.id === event.id)) return old
      const events = noteExtension(old.record.events, [...old.record.events, event]) as SessionEvent[]
      return { record: { ...old.record, events }, entries: appendEffective(old.entries, old.record.events, event) }
    })
  }, [reload])

  return { record: state?.record ?? null, entries: state?.entries ?? NO_ENTRIES, error, reload, append }
}

const NO_ENTRIES: EffectiveEntry[] = []
