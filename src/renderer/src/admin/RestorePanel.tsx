import { useState } from 'react'
import { BACKUP_KIND_LABELS, type BackupInfo, type RestoreOutcome } from '../../../shared/storage/backup'
import { formatLocalDateTime } from '../../../shared/kernel/isoTime'
import { call } from '../app/api'
import { noteRestoreOutcome } from '../app/restoreNotice'

const describe = (b: BackupInfo) => `${formatLocalDateTime(b.takenAt)} (${BACKUP_KIND_LABELS[b.kind]})`
const size = (bytes: number) => (bytes >= 1_048_576 ? `${(bytes / 1_048_576).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} kB`)

/**
 * The backups in the folder, one chosen, and "Restore from backup" behind a confirmation that says
 * what the restored records will lack. The outcome (what is not in the backup, where the replaced
 * records were kept) stays on screen until the user continues.
 */
export function RestorePanel({ backups, initial, authorId, onRestored }: { backups: BackupInfo[]; initial: string | null; authorId: number | null; onRestored?: (o: RestoreOutcome) => void }) {
  const [chosen, setChosen] = useState<string | null>(initial)
  const [confirming, setConfirming] = useState(false)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [outcome, setOutcome] = useState<RestoreOutcome | null>(null)
  const selected = backups.find((b) => b.fileName === chosen) ?? null

  const restore = async () => {
    if (!selected) return
    setBusy(true)
    setError(null)
    const r = await call('backups.restore', authorId === null ? { fileName: selected.fileName } : { fileName: selected.fileName, authorId })
    setBusy(false)
    setConfirming(false)
    if (!r.ok) return setError(r.error.message)
    noteRestoreOutcome(r.value)
    setOutcome(r.value)
    onRestored?.(r.value)
  }

  if (outcome)
    return (
      <section aria-label="Restore result" className="card">
        <h3>Backup restored</h3>
        <p role="status">{outcome.message}</p>
        <button type="button" className="primary" onClick={() => window.location.reload()}>
          Continue
        </button>
      </section>
    )

  return (
    <div className="restore">
      {backups.length === 0 ? (
        <p>There are no backups in this folder yet.</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Choose</th>
              <th scope="col">Taken</th>
              <th scope="col">Kind</th>
              <th scope="col">Size</th>
              <th scope="col">File</th>
            </tr>
          </thead>
          <tbody>
            {backups.map((b) => (
              <tr key={b.fileName}>
                <td>
                  <input
                    type="radio"
                    name="backup-to-restore"
                    aria-label={`Backup taken ${describe(b)}`}
                    checked={chosen === b.fileName}
                    onChange={() => {
                      setChosen(b.fileName)
                      setConfirming(false)
                      setError(null)
                    }}
                  />
                </td>
                <td>{formatLocalDateTime(b.takenAt)}</td>
                <td>{BACKUP_KIND_LABELS[b.kind]}</td>
                <td>{size(b.sizeBytes)}</td>
                <td className="muted">{b.fileName}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="actions">
        <button
          type="button"
          disabled={busy || backups.length === 0}
          onClick={() => (selected ? setConfirming(true) : setError('Choose the backup to restore'))}
        >
          Restore from backup
        </button>
      </div>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {confirming && selected && (
        <section aria-label="Confirm restore" className="warning">
          <p>
            Restore the backup taken at {formatLocalDateTime(selected.takenAt)}? The current session records are kept aside, unchanged,
            next to the database. Anything recorded after {formatLocalDateTime(selected.takenAt)} will not be in the restored records.
          </p>
          <div className="actions">
            <button type="button" className="primary" disabled={busy} onClick={() => void restore()}>
              Confirm restore
            </button>
            <button type="button" onClick={() => setConfirming(false)}>
              Cancel
            </button>
          </div>
        </section>
      )}
    </div>
  )
}
