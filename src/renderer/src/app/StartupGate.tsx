import { useEffect, useState, type ReactNode } from 'react'
import { START_EMPTY_CONFIRMATION, type StartupStatus } from '../../../shared/storage/backup'
import { formatLocalDateTime } from '../../../shared/kernel/isoTime'
import { call } from './api'
import { RestorePanel } from '../admin/RestorePanel'

/**
 * How often the open app asks whether the records are still usable (the integrity check runs after
 * start-up). Asked, not pushed: the check's outcome is not one of main's events, and asking every
 * few seconds costs nothing beside the check.
 */
const RECHECK_MS = 3000

/**
 * Before the app: were the session records opened? If not (unreadable, damaged, or missing with
 * backups beside it), a clear recovery screen offering the latest good backup; never an empty app.
 * The whole file's integrity check finishes after the app has opened (minutes, for years of
 * records): if it finds damage, a banner says so above the app, which stays on screen so nothing
 * typed is lost, and opens the recovery screen when asked.
 */
export function StartupGate({ children }: { children: ReactNode }) {
  const [status, setStatus] = useState<StartupStatus | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [opened, setOpened] = useState(false)
  const [showRecovery, setShowRecovery] = useState(false)
  useEffect(() => {
    let stopped = false
    const ask = () =>
      void call('startup.status', {}).then((r) => {
        if (stopped) return
        if (!r.ok) return setError(r.error.message)
        setError(null)
        setStatus(r.value)
        if (r.value.mode === 'normal') setOpened(true)
      })
    ask()
    const timer = setInterval(ask, RECHECK_MS)
    return () => {
      stopped = true
      clearInterval(timer)
    }
  }, [])
  if (!status) return error ? <p role="alert">{error}</p> : <p>Opening the session records…</p>
  if (status.mode === 'recovery' && (!opened || showRecovery)) return <RecoveryScreen status={status} />
  // One shape whether or not the banner shows: the app below must not be rebuilt (and lose what
  // was typed) when damage is found. The banner stays in view wherever the page is scrolled.
  return (
    <>
      {status.mode === 'recovery' && (
        <section aria-label="Records damaged" className="card warning records-damaged">
          <p role="alert">{status.problem} New entries cannot be saved: write them down, and restore the latest good backup.</p>
          <button type="button" onClick={() => setShowRecovery(true)}>
            Open recovery
          </button>
        </section>
      )}
      {children}
    </>
  )
}

function RecoveryScreen({ status }: { status: Extract<StartupStatus, { mode: 'recovery' }> }) {
  const [confirmEmpty, setConfirmEmpty] = useState(false)
  const [emptyError, setEmptyError] = useState<string | null>(null)
  const [typed, setTyped] = useState('')
  const latest = status.latestGood
  // With backups to restore, an empty database is a deliberate, typed choice (main checks it too).
  const mustType = status.backups.length > 0
  const startEmpty = async () => {
    const r = await call('startup.startEmpty', mustType ? { confirmation: typed } : {})
    if (!r.ok) return setEmptyError(r.error.message)
    window.location.reload()
  }
  return (
    <main className="app__main">
      <section aria-label="Recovery" className="card recovery">
        <h1>The session records could not be opened</h1>
        <p role="alert">{status.problem}</p>
        <p>The file has been kept as it is; nothing has been deleted or replaced.</p>
        {latest ? (
          <p>
            <strong>
              The latest good backup was taken at {formatLocalDateTime(latest.takenAt)}. Entries recorded after that are not in it.
            </strong>
          </p>
        ) : (
          <p className="warning">No good backup was found in the backup folder. Call support before doing anything else.</p>
        )}
        <RestorePanel backups={status.backups} initial={latest?.fileName ?? null} authorId={null} />
        <details>
          <summary>Other options</summary>
          {!confirmEmpty ? (
            <button type="button" onClick={() => setConfirmEmpty(true)}>
              Start with an empty database
            </button>
          ) : (
            <div className="warning">
              <p>Start again with no patients, staff or sessions? The unreadable file is kept aside for support.</p>
              {mustType && (
                <>
                  <p>
                    There {status.backups.length === 1 ? 'is a backup' : `are ${status.backups.length} backups`} of the records: restoring the latest is
                    almost always right. Starting empty is written to the new records' audit log.
                  </p>
                  <label>
                    Type {START_EMPTY_CONFIRMATION} to confirm
                    <input
                      value={typed}
                      autoComplete="off"
                      aria-invalid={emptyError !== null}
                      aria-describedby={emptyError ? 'start-empty-error' : undefined}
                      onChange={(e) => {
                        setTyped(e.target.value)
                        setEmptyError(null)
                      }}
                    />
                  </label>
                </>
              )}
              <button type="button" onClick={() => void startEmpty()}>
                Confirm: start with an empty database
              </button>
              <button type="button" onClick={() => setConfirmEmpty(false)}>
                Cancel
              </button>
              {emptyError && (
                <p id="start-empty-error" className="form-error" role="alert">
                  {emptyError}
                </p>
              )}
            </div>
          )}
        </details>
      </section>
    </main>
  )
}
