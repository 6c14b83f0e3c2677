import { useEffect, useMemo, useState } from 'react'
import type { MonitoredSession } from '../../../../shared/domain/audit'
import { snapshotOf, type SessionSnapshot } from '../../../../shared/domain/record'
import { effectiveEntries } from '../../../../shared/domain/record'
import { call } from '../../api'
import { Readouts } from '../console/Readouts'

/**
 * Until the Alerts list (built on another branch) lands, the one alert this branch derives:
 * a running infusion that has delivered its planned total. Shown on the console and, without
 * the patient's name, on the lock screen.
 */
export function DoseWarning({ snapshot }: { snapshot: SessionSnapshot }) {
  if (snapshot.infusion.status !== 'running' || snapshot.plannedTotalMg <= 0 || snapshot.deliveredMg < snapshot.plannedTotalMg) return null
  return (
    // No running figures in the text: an alert is announced again whenever its text changes.
    <p className="warning dose-warning" role="alert">
      Planned total of {snapshot.plannedTotalMg.toFixed(1)} mg reached, and the infusion is still running.
    </p>
  )
}

function RunningInfusion({ session, now }: { session: MonitoredSession; now: number }) {
  const entries = useMemo(() => effectiveEntries(session.events), [session.events])
  const snapshot = useMemo(() => snapshotOf(entries, session.plan, now), [entries, session.plan, now])
  return (
    <div className="card running-infusion">
      <DoseWarning snapshot={snapshot} />
      <Readouts snapshot={snapshot} plan={session.plan} />
    </div>
  )
}

/**
 * What the lock and sign-in screens show of open sessions: the timers and alerts keep running,
 * with no name, no ID and no notes (main sends none).
 */
export function RunningInfusions({ now, refreshMs = 5000 }: { now: number; refreshMs?: number }) {
  const [sessions, setSessions] = useState<MonitoredSession[]>([])
  useEffect(() => {
    const load = () =>
      void call('monitor.openSessions', {}).then((r) => {
        if (r.ok) setSessions(r.value)
      })
    load()
    const timer = setInterval(load, refreshMs)
    return () => clearInterval(timer)
  }, [refreshMs])
  if (sessions.length === 0) return null
  return (
    <section aria-label="Running infusions" className="running-infusions">
      <h2>{sessions.length === 1 ? 'Session in progress' : `${sessions.length} sessions in progress`}</h2>
      {sessions.map((s) => (
        <RunningInfusion key={s.sessionId} session={s} now={now} />
      ))}
    </section>
  )
}
