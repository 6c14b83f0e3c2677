import { useState } from 'react'
import { baselineSummary, type Alert, type Baseline } from '../../../../shared/safety/alerts'
import type { RaisedAlert } from '../../../../shared/safety/alertHistory'
import type { SessionEvent } from '../../../../shared/record/events'
import { formatClock } from '../../../../shared/record/messages'
import { ALERT_RESPONSE_LABELS, ALERT_RESPONSES, type AlertResponse } from '../../../../shared/record/safetyPayloads'
import { call } from '../../app/api'
import { SelectField, TextField } from '../../ui/Field'
import { AlertHistory } from './AlertHistory'
import { useAlertAnnouncement } from './useAlertAnnouncement'

interface ItemProps {
  sessionId: number
  authorId: number | null
  onSaved: (events: SessionEvent[]) => void
}

interface Props extends ItemProps {
  alerts: readonly Alert[]
  /** What rise alerts are measured from: shown, so a missing one is never silent. */
  baseline: Baseline | null
  historyAt: (at: number) => RaisedAlert[]
  now: number
}

/**
 * Active alerts, on top of the console in red, each staying until someone acknowledges it with a
 * response. New alerts are announced once through an assertive live region; the list itself is not
 * live, so a screen reader is not flooded on every clock tick.
 */
export function AlertsPanel({ alerts, baseline, historyAt, now, sessionId, authorId, onSaved }: Props) {
  const announcement = useAlertAnnouncement(alerts)

  return (
    <section aria-labelledby="alerts-heading" className={`alerts card${alerts.length > 0 ? ' alerts--active' : ''}`}>
      <div role="alert" aria-live="assertive" className="sr-only">
        {announcement}
      </div>
      <h2 id="alerts-heading">
        {alerts.length > 0 ? `⚠ ${alerts.length} active alert${alerts.length > 1 ? 's' : ''}` : 'Alerts'}
      </h2>
      <ul aria-label="Alerts" className="alerts__list">
        {alerts.map((a) => (
          <AlertItem key={a.key} alert={a} sessionId={sessionId} authorId={authorId} onSaved={onSaved} />
        ))}
      </ul>
      {alerts.length === 0 && <p className="muted">No active alerts.</p>}
      <p className={`alerts__baseline${baseline ? '' : ' alerts__baseline--none'}`}>
        {baselineSummary(baseline)}
      </p>
      <AlertHistory historyAt={historyAt} now={now} />
    </section>
  )
}

function AlertItem({ alert, sessionId, authorId, onSaved }: { alert: Alert } & ItemProps) {
  const [response, setResponse] = useState<AlertResponse | ''>('')
  const [note, setNote] = useState('')
  const [error, setError] = useState<{ response?: string; form?: string }>({})
  const [busy, setBusy] = useState(false)

  async function acknowledge() {
    if (authorId === null) return setError({ form: 'Choose yourself as the Current user first' })
    if (response === '') return setError({ response: 'Choose a response' })
    setBusy(true)
    const input = { sessionId, authorId, alertKey: alert.key, response, ...(note.trim() ? { note: note.trim() } : {}) }
    const r = await call('alerts.acknowledge', input)
    setBusy(false)
    if (r.ok) return onSaved(r.value)
    setError(r.error.field === 'response' ? { response: r.error.message } : { form: r.error.message })
  }

  return (
    <li className={`alert-item alert-item--${alert.severity}`}>
      <p className="alert-item__message">
        <strong>{alert.severity === 'critical' ? 'Critical' : 'Warning'}:</strong> {alert.message}{' '}
        <span className="muted">(since {formatClock(alert.since)})</span>
      </p>
      <div className="inline-form">
        <SelectField
          label="Response"
          value={response}
          onChange={(e) => {
            setResponse(e.target.value as AlertResponse | '')
            setError({})
          }}
          error={error.response}
          placeholder="Choose a response"
          options={ALERT_RESPONSES.map((r) => ({ value: r, label: ALERT_RESPONSE_LABELS[r] }))}
        />
        <TextField label="Note (optional)" value={note} onChange={(e) => setNote(e.target.value)} />
        <button type="button" className="danger" disabled={busy} onClick={() => void acknowledge()}>
          Acknowledge
        </button>
      </div>
      {error.form && (
        <p className="form-error" role="alert">
          {error.form}
        </p>
      )}
    </li>
  )
}
