import { useCallback, useEffect, useRef, useState } from 'react'
import type { WorkstationState } from '../../../shared/people/auth'
import { call } from './api'
import { useAppEvent } from './events'
import { serverNow as mainNow } from './useServerClock'

/** How often a stretch of typing or clicking is reported to main; enough to keep the idle lock away. */
const ACTIVITY_EVERY_MS = 10_000

/**
 * Who is signed in, as the main process sees it (it holds the state, the idle lock and the
 * permission table). Asked once, then again whenever main says it changed (a sign-in in another
 * window, the idle lock falling) and on every clock event (which also starts each connection, so
 * a reconnected page catches up). While someone is signed in, their keys and clicks are reported
 * as activity.
 */
export function useWorkstation(): {
  state: WorkstationState | null
  error: string | null
  refresh: () => void
  update: (s: WorkstationState) => void
} {
  const [state, setState] = useState<WorkstationState | null>(null)
  const [error, setError] = useState<string | null>(null)
  const asked = useRef(0)
  const refresh = useCallback(() => {
    // Answers may overtake each other: only the last question's answer is shown.
    const question = ++asked.current
    void call('auth.state', {}).then((r) => {
      if (question !== asked.current) return
      if (r.ok) {
        setState(r.value)
        setError(null)
      } else setError(r.error.message)
    })
  }, [])
  useEffect(refresh, [refresh])
  useAppEvent((event) => {
    if (event.type === 'auth.changed' || event.type === 'clock.changed') refresh()
  })

  const active = state?.status === 'active'
  const lastSent = useRef({ page: Number.NEGATIVE_INFINITY, server: Number.NEGATIVE_INFINITY })
  useEffect(() => {
    if (!active) return
    // Paced on the page's own monotonic clock and on main's clock (which a test may move on by
    // minutes at once): this only paces messages; main dates the activity itself.
    const onInput = () => {
      const page = performance.now()
      const server = mainNow() ?? Number.POSITIVE_INFINITY
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
