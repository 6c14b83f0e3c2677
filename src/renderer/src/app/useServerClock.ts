import { useCallback, useEffect, useState } from 'react'
import { call } from './api'

/**
 * "Now" as the main process sees it. Timers and the delivered dose are derived from it, so they
 * agree with what the services store (and a test's manual clock drives the screen too).
 */
export function useServerClock(intervalMs = 1000): { now: number | null; refresh: () => void } {
  const [now, setNow] = useState<number | null>(null)
  const refresh = useCallback(() => {
    void call('clock.now', {}).then((r) => {
      if (r.ok) setNow(r.value)
    })
  }, [])
  useEffect(() => {
    refresh()
    const timer = setInterval(refresh, intervalMs)
    return () => clearInterval(timer)
  }, [refresh, intervalMs])
  return { now, refresh }
}
