import { useEffect, useRef, useState } from 'react'
import type { MonitoredSession } from '../../../shared/safety/monitor'
import { call } from '../app/api'

/**
 * The open sessions as main lets the lock screen see them, fetched again each time main's clock
 * (`now`, polled by the caller) has moved on by `refreshMs`: every few seconds in use, and at once
 * after a jump of the clock, so time-driven alerts appear without waiting. Timers run on `now`
 * in between.
 */
export function useMonitoredSessions(now: number, refreshMs = 5000): MonitoredSession[] | null {
  const [sessions, setSessions] = useState<MonitoredSession[] | null>(null)
  const asked = useRef<{ at: number; pending: boolean } | null>(null)
  const alive = useRef(true)
  useEffect(() => {
    alive.current = true
    return () => {
      alive.current = false
    }
  }, [])
  useEffect(() => {
    const last = asked.current
    if (last && (last.pending || Math.abs(now - last.at) < refreshMs)) return
    const ask = { at: now, pending: true }
    asked.current = ask
    void call('monitor.openSessions', {}).then((r) => {
      ask.pending = false
      if (alive.current && r.ok) setSessions(r.value)
    })
  }, [now, refreshMs])
  return sessions
}
