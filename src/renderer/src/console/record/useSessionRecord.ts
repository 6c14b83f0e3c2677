import { useCallback, useEffect, useRef, useState } from 'react'
import type { SessionEvent } from '../../../../shared/record/events'
import { effectiveEntries, type EffectiveEntry } from '../../../../shared/record/record'
import { noteExtension } from '../../../../shared/kernel/arrayExtension'
import { appendEffective } from '../../../../shared/record/recordAppend'
import type { SessionRecord } from '../../../../shared/sessions/session'
import { call } from '../../app/api'
import { useAppEvent } from '../../app/events'

type Held = { record: SessionRecord; entries: EffectiveEntry[] }

const lastSeqOf = (held: Held | null): number | null => {
  if (!held) return null
  const events = held.record.events
  return events.length > 0 ? events[events.length - 1]!.seq : 0
}

/** Whether `events` (in order) leave a hole after the last entry held: then only a fresh read is safe. */
function leavesGap(held: Held, events: readonly SessionEvent[]): boolean {
  let last = lastSeqOf(held)!
  for (const event of events) {
    if (event.seq <= last) continue
    if (event.seq !== last + 1) return true
    last = event.seq
  }
  return false
}

/** The held record with `events` put after it, each in its place; entries it already holds, or past a hole, are left out. */
function extend(held: Held, events: readonly SessionEvent[]): Held {
  let next = held
  for (const event of events) {
    const last = lastSeqOf(next)!
    if (event.seq <= last) continue
    if (event.seq !== last + 1) break
    const all = noteExtension(next.record.events, [...next.record.events, event]) as SessionEvent[]
    next = { record: { ...next.record, events: all }, entries: appendEffective(next.entries, next.record.events, event) }
  }
  return next
}

/**
 * The session record as stored. New entries are appended only from what the main process
 * returned after committing them, so the screen never shows an entry the database lacks: the
 * answers to this window's own writes, and the entries main says were appended by anyone else
 * (another window, a device), fetched by sequence number and put in order.
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

  const append = useCallback(
    (event: SessionEvent) => {
      // The store may have written more in the same commit (a note of a clock change): when the
      // new entry does not follow the last one held, read the whole record again.
      if (current.current && leavesGap(current.current, [event])) return reload()
      setState((old) => (old ? extend(old, [event]) : old))
    },
    [reload]
  )

  // Main says how far the record goes, never what it holds: what is missing is asked for here,
  // through a guarded channel, one question at a time.
  const catchingUp = useRef<{ again: boolean } | null>(null)
  const catchUp = useCallback(() => {
    if (catchingUp.current) {
      catchingUp.current.again = true
      return
    }
    const afterSeq = lastSeqOf(current.current)
    // Not read yet: the first read brings everything.
    if (afterSeq === null) return
    const asking = { again: false }
    catchingUp.current = asking
    void call('entries.since', { sessionId, afterSeq }).then((r) => {
      if (r.ok && r.value.length > 0) {
        // A gap cannot come from an answer that starts where the record ended; should the record
        // have been read afresh meanwhile, read it again rather than guess.
        if (current.current && leavesGap(current.current, r.value)) reload()
        else setState((old) => (old && old.record.session.id === sessionId ? extend(old, r.value) : old))
      }
      catchingUp.current = null
      if (asking.again) catchUp()
    })
  }, [sessionId, reload])
  useAppEvent((event) => {
    if (event.type !== 'entries.appended' || event.sessionId !== sessionId) return
    const held = lastSeqOf(current.current)
    if (held !== null && event.seq > held) catchUp()
  })

  return { record: state?.record ?? null, entries: state?.entries ?? NO_ENTRIES, error, reload, append }
}

const NO_ENTRIES: EffectiveEntry[] = []
