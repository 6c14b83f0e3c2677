import { useMemo, useState } from 'react'
import type { RaisedAlert } from '../../../../shared/safety/alertHistory'
import { formatClock } from '../../../../shared/record/messages'
import { ALERT_RESPONSE_LABELS } from '../../../../shared/record/safetyPayloads'

interface Props {
  historyAt: (at: number) => RaisedAlert[]
  now: number
}

const responseText = (a: RaisedAlert) =>
  a.responses.length === 0 ? 'Not acknowledged' : a.responses.map((r) => `${ALERT_RESPONSE_LABELS[r.response]} at ${formatClock(r.at)}`).join('; ')

/**
 * Every alert the session raised, with its responses and how it ended (a correction that withdrew
 * or changed it, the vitals that ended an overdue stretch). Closed by default and derived only while
 * open: it walks the whole record, which the bedside view does not need on every tick.
 */
export function AlertHistory({ historyAt, now }: Props) {
  const [open, setOpen] = useState(false)
  const rows = useMemo(() => (open ? historyAt(now) : []), [open, historyAt, now])
  return (
    <details className="alerts__history" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>Alert history</summary>
      {open &&
        (rows.length === 0 ? (
          <p className="muted">No alerts have been raised.</p>
        ) : (
          // Scrolls within a few rows: the alerts panel stays on top while alerts are active, and must not cover the console.
          <div className="alerts__history-rows" tabIndex={0}>
            <table aria-label="Alert history">
              <thead>
                <tr>
                  <th scope="col">Since</th>
                  <th scope="col">Alert</th>
                  <th scope="col">Response</th>
                  <th scope="col">Outcome</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((a, i) => (
                  <tr key={i}>
                    <td>{formatClock(a.since)}</td>
                    <td>
                      {a.severity === 'critical' ? 'Critical: ' : 'Warning: '}
                      {a.message}
                    </td>
                    <td>{responseText(a)}</td>
                    <td>{a.ended ? `Ended ${formatClock(a.ended.at)}: ${a.ended.by}` : ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))}
    </details>
  )
}
