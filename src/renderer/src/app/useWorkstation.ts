import { useCallback, useEffect, useRef, useState } from 'react'
import type { WorkstationState } from '../../../shared/people/auth'
import { call } from './api'

/** How often a stretch of typing or clicking is reported to main; enough to keep the idle lock away. */
const ACTIVITY_EVERY_MS = 10_000

/**
 * Who is signed in, as the main process sees it (it holds the state, the idle lock and the
 * permission table). Polled like the clock, so an idle lock falls on screen within a second.
 * While someone is signed in, their keys and clicks are reported as activity.
 */
export function useWorkstation(intervalMs = 1000): {
  state: WorkstationState | null
  error: string | null
  refresh: () => void
  update: (s: WorkstationState) => void
} {
  const [state, setState] = useState<WorkstationState | null>(null)
  const [error, setError] = useState<string | null>(null)
  const refresh = useCallback(() => {
    void call('auth.state', {}).then((r) => {
      if (r.ok) {
        setState(r.value)
        setError(null)
      } else setError(r.error.message)
    })
  }, [])
  useEffect(() => {
    refresh()
    const timer = setInterval(refresh, intervalMs)
    return () => clearInterval(timer)
  }, [refresh, intervalMs])

  const active = state?.status === 'active'
  const serverNow = useRef<number | null>(null)
  serverNow.current = state?.now ?? null
  const lastSent = useRef({ page: Number.NEGATIVE_INFINITY, server: Number.NEGATIVE_INFINITY })
  useEffect(() => {
    if (!active) return
    // Paced on the page's own monotonic clock and on main's clock (which a test may move on by
    // minutes at once): this only paces messages; main dates the activity itself.
    const onInput = () => {
      const page = performance.now()
      const server = serverNow.current ?? Number.POSITIVE_INFINITY
      if (page - lastSent.current.page < ACTIVITY_EVERY_MS && server - lastSent.current.server < ACTIVITY_EVERY_MS) return
      lastSent.current = { page, server }
      void call('auth.activity', {})
    }
    window.addEventListener('keydown', onInput, true)
    window.addEventListener('pointerdown', onInput, true)
    return () => {
      window.removeEventListener('keydown', onInput, true)
      window.removeEventListener('pointerdown', onInput, true)
    }
  }, [active])

  return { state, error, refresh, update: setState }
}
