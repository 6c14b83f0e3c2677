import { useMemo } from 'react'
import { formatClock } from '../../../shared/record/messages'
import { monitoredSessionLabel, type MonitoredSession } from '../../../shared/safety/monitor'
import { useAlertAnnouncement } from '../console/alerts/useAlertAnnouncement'

/**
 * The open sessions' active alerts while nobody is signed in or the screen is locked: the
 * console's alerts, worked out by main, named by session number instead of patient. Nobody can
 * respond here: acknowledging needs an author, so it waits for a sign-in.
 */
export function LockedAlerts({ sessions }: { sessions: readonly MonitoredSession[] | null }) {
  const items = useMemo(
    () =>
      (sessions ?? []).flatMap((s) =>
        s.alerts.map((a) => ({ key: `${s.sessionId}:${a.key}`, message: `${monitoredSessionLabel(s.sessionId)} · ${a.message}`, alert: a }))
      ),
    [sessions]
  )
  const announcement = useAlertAnnouncement(items)
  const open = (sessions ?? []).length > 0
  return (
    <>
      {/* Mounted with the lock screen, before any alert arrives, so the first one is announced too. */}
      <div role="alert" aria-live="assertive" className="sr-only">
        {announcement}
      </div>
      {open && (
        <section aria-labelledby="locked-alerts-heading" className={`alerts card${items.length > 0 ? ' alerts--active' : ''}`}>
          <h2 id="locked-alerts-heading">{items.length > 0 ? `⚠ ${items.length} active alert${items.length > 1 ? 's' : ''}` : 'Alerts'}</h2>
          <ul aria-label="Alerts" className="alerts__list">
            {items.map(({ key, message, alert }) => (
              <li key={key} className={`alert-item alert-item--${alert.severity}`}>
                <p className="alert-item__message">
                  <strong>{alert.severity === 'critical' ? 'Critical' : 'Warning'}:</strong> {message}{' '}
                  <span className="muted">(since {formatClock(alert.since)})</span>
                </p>
              </li>
            ))}
          </ul>
          {items.length > 0 ? <p>Sign in to respond.</p> : <p className="muted">No active alerts.</p>}
        </section>
      )}
    </>
  )
}
