import { useMemo } from 'react'
import { monitoredSessionLabel, monitoredSnapshot, type MonitoredSession } from '../../../shared/safety/monitor'
import { Readouts } from '../console/record/Readouts'

function RunningInfusion({ session, now }: { session: MonitoredSession; now: number }) {
  const snapshot = useMemo(() => monitoredSnapshot(session, now), [session, now])
  return (
    <div className="card running-infusion">
      <h3>{monitoredSessionLabel(session.sessionId)}</h3>
      <Readouts snapshot={snapshot} plan={session.plan} />
    </div>
  )
}

/**
 * What the lock and sign-in screens show of open sessions: the timers keep running on main's
 * clock, with no name, no ID and no notes (main sends none).
 */
export function RunningInfusions({ sessions, now }: { sessions: readonly MonitoredSession[] | null; now: number }) {
  if (!sessions || sessions.length === 0) return null
  return (
    <section aria-label="Running infusions" className="running-infusions">
      <h2>{sessions.length === 1 ? 'Session in progress' : `${sessions.length} sessions in progress`}</h2>
      {sessions.map((s) => (
        <RunningInfusion key={s.sessionId} session={s} now={now} />
      ))}
    </section>
  )
}
