import { useCallback, useEffect, useMemo, useState } from 'react'
import type { SessionEvent } from '../../../../shared/domain/events'
import { effectiveEntries } from '../../../../shared/domain/record'
import type { SessionRecord } from '../../../../shared/domain/session'
import { call } from '../../api'

/**
 * The session record as stored. New entries are appended only from what the main process
 * returned after committing them, so the screen never shows an entry the database lacks.
 */
export function useSessionRecord(sessionId: number) {
  const [record, setRecord] = useState<SessionRecord | null>(null)
  const [error, setError] = useState<string | null>(null)

  const reload = useCallback(() => {
    void call('sessions.get', { sessionId }).then((r) => {
      if (r.ok) {
        setRecord(r.value)
        setError(null)
      } else setError(r.error.message)
    })
  }, [sessionId])
  useEffect(reload, [reload])

  const append = useCallback((event: SessionEvent) => {
    setRecord((old) => (old && !old.events.some((e) => e.id === event.id) ? { ...old, events: [...old.events, event] } : old))
  }, [])

  const entries = useMemo(() => (record ? effectiveEntries(record.events) : []), [record])
  return { record, entries, error, reload, append }
}
