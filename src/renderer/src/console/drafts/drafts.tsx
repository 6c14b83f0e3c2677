/**
 * Half-typed entries belong to the person who typed them. Each draft is kept under its session,
 * its author and its field, in this window's memory only (never on disk: no patient data outside
 * the database), so a user switch or a lock puts it away and only its author gets it back.
 */
import { createContext, useContext, useMemo, useRef, useState, type ReactNode } from 'react'

interface Draft {
  value: unknown
  /** Clinical time of the last keystroke, for "Draft from 14:49 restored". */
  at: number
}
const drafts = new Map<string, Draft>()

export interface Scope {
  sessionId: number
  authorId: number | null
  now: { current: number }
}
const DraftScope = createContext<Scope | null>(null)

/** Whose drafts the lanes below read and write: the session's and the signed-in person's. */
export function DraftProvider({ scope, children }: { scope: Scope; children: ReactNode }) {
  return <DraftScope.Provider value={scope}>{children}</DraftScope.Provider>
}

/** The scope for a component that holds drafts itself, above the lanes' provider. */
export function useDraftScope(sessionId: number, authorId: number | null, now: number | null): Scope {
  // The clock as a ref: the lanes do not redraw on every tick for it.
  const nowRef = useRef(now ?? 0)
  if (now !== null) nowRef.current = now
  return useMemo(() => ({ sessionId, authorId, now: nowRef }), [sessionId, authorId])
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b)

export interface DraftState<T> {
  value: T
  set: (next: T | ((old: T) => T)) => void
  /** When the draft shown was typed, if it was put away and has come back; null otherwise. */
  restoredAt: number | null
  /** After a save: the field is empty again and the draft is gone. */
  clear: () => void
  /** After a save that leaves its value on screen (a rate): nothing is kept as a draft. */
  forget: () => void
}

/**
 * A field's value that follows the signed-in person: when someone else signs in, it shows their
 * own draft (or `empty`), never the previous person's. Outside a DraftProvider it is plain state.
 */
export function useDraft<T>(field: string, empty: T, options: { isEmpty?: (v: T) => boolean; scope?: Scope } = {}): DraftState<T> {
  const context = useContext(DraftScope)
  const scope = options.scope ?? context
  const isEmpty = options.isEmpty ?? ((v: T) => same(v, empty))
  const key = scope && scope.authorId !== null ? `${scope.sessionId}:${scope.authorId}:${field}` : null
  const load = () => {
    const d = key === null ? undefined : drafts.get(key)
    return { key, value: d ? (d.value as T) : empty, restoredAt: d ? d.at : null }
  }
  const [state, setState] = useState(load)
  let current = state
  if (state.key !== key) {
    // Another person at the keyboard: their own draft, in this very render.
    current = load()
    setState(current)
  }
  const set = (next: T | ((old: T) => T)) =>
    setState((s) => {
      const value = typeof next === 'function' ? (next as (old: T) => T)(s.value) : next
      if (s.key !== null) {
        if (isEmpty(value)) drafts.delete(s.key)
        else drafts.set(s.key, { value, at: scope!.now.current })
      }
      return { ...s, value }
    })
  const clear = () =>
    setState((s) => {
      if (s.key !== null) drafts.delete(s.key)
      return { key: s.key, value: empty, restoredAt: null }
    })
  const forget = () =>
    setState((s) => {
      if (s.key !== null) drafts.delete(s.key)
      return { ...s, restoredAt: null }
    })
  return { value: current.value, set, restoredAt: current.restoredAt, clear, forget }
}

/** "Draft from 14:49 restored", next to the lane's fields, while a put-away draft is on screen. */
export function DraftRestored({ at }: { at: number | null }) {
  if (at === null) return null
  const d = new Date(at)
  const hhmm = `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`
  return (
    <p role="status" className="draft-restored">
      Draft from {hhmm} restored
    </p>
  )
}
