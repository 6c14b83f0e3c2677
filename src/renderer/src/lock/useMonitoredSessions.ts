import { useEffect, useRef, useState } from 'react'
import type { MonitoredSession } from '../../../shared/safety/monitor'
import { call } from '../app/api'
import { useAppEvent } from '../app/events'

/**
 * The open sessions as main lets the lock screen see them: fetched again at once when main says
 * a session was opened or ended or an entry was added (which may raise an alert), and each time
 * main's clock (`now`, from the caller) has moved on by `refreshMs`. The clock part stays: alerts
 * such as overdue vitals come from time passing, which no write announces. Timers run on `now`
 * in between.
 */
export function useMonitoredSessions(now: number, refreshMs = 5000): MonitoredSession[] | null {
  const [sessions, setSessions] = useState<MonitoredSession[] | null>(null)
  const asked = useRef<{ at: number; pending: boolean; again: boolean } | null>(null)
  const alive = useRef(true)
  useEffect(() => {
    alive.current = true
    return () => {
      alive.current = false
    }
  }, [])
  const ask = (at: number) => {
    const last = asked.current
    if (last?.pending) {
      // One question at a time; a change seen meanwhile asks again once it is answered.
      last.again = true
      return
    }
    const question = { at, pending: true, again: false }
    asked.current = question
    void call('monitor.openSessions', {}).then((r) => {
      question.pending = false
      if (alive.current && r.ok) setSessions(r.value)
      if (alive.current && question.again) ask(question.at)
    })
  }
  useEffect(() => {
    const last = asked.current
    if (last && (last.pending || Math.abs(now - last.at) < refreshMs)) return
    ask(now)
  }, [now, refreshMs])
  useAppEvent((event) => {
    if (event.type === 'sessions.changed' || event.type === 'entries.appended') ask(asked.current?.at ?? now)
  })
  return sessions
}
