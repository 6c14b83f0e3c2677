import { useCallback, useEffect, useState, type FormEvent } from 'react'
import type { BackupOverview } from '../../../shared/storage/backup'
import type { Staff } from '../../../shared/people/people'
import { formatLocalDateTime } from '../../../shared/kernel/isoTime'
import { call } from '../app/api'
import { TextField } from '../ui/Field'
import { RestorePanel } from './RestorePanel'

const LIST_REFRESH_MS = 3000

/** Backups of the session records: where they go, "Back up now", and "Restore from backup". */
export function BackupScreen({ currentUser }: { currentUser: Staff | null }) {
  const [overview, setOverview] = useState<BackupOverview | null>(null)
  const [folder, setFolder] = useState('')
  const [folderError, setFolderError] = useState<string>()
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null)
  const [busy, setBusy] = useState(false)
  const authorId = currentUser?.id ?? null

  const load = useCallback(() => {
    void call('backups.overview', {}).then((r) => {
      if (r.ok) {
        setOverview(r.value)
        setFolder(r.value.folder)
      } else setMessage({ ok: false, text: r.error.message })
    })
  }, [])
  useEffect(load, [load])
  // An automatic backup (after a session ends) finishes in the background, after its copy has been
  // checked: the list follows it. Only the list: the folder field may be being edited. Asked, not
  // pushed: a finished backup is not one of main's events, and only this screen wants to know.
  useEffect(() => {
    const timer = setInterval(() => void call('backups.overview', {}).then((r) => r.ok && setOverview(r.value)), LIST_REFRESH_MS)
    return () => clearInterval(timer)
  }, [])

  const backUpNow = async () => {
    setBusy(true)
    setMessage(null)
    const r = await call('backups.create', authorId === null ? {} : { authorId })
    setBusy(false)
    setMessage(r.ok ? { ok: true, text: `Backup saved: ${r.value.fileName}, taken at ${formatLocalDateTime(r.value.takenAt)}` } : { ok: false, text: r.error.message })
    load()
  }

  const saveFolder = async (e: FormEvent) => {
    e.preventDefault()
    setFolderError(undefined)
    const r = await call('backups.setFolder', authorId === null ? { folder } : { folder, authorId })
    if (!r.ok) return setFolderError(r.error.message)
    setOverview(r.value)
    setFolder(r.value.folder)
    setMessage({ ok: true, text: `Backups now go to ${r.value.folder}` })
  }

  return (
    <section aria-label="Backups" className="card backups">
      <h2>Backups</h2>
      <p>
        A backup is taken automatically after every session that ends and once a day; the last 50 session backups and the last 14 daily ones
        are kept. Keep the folder on another disk if you can.
      </p>
      {overview?.lastError && (
        <p className="warning" role="alert">
          The last automatic backup failed: {overview.lastError}
        </p>
      )}
      <form className="inline-form" onSubmit={(e) => void saveFolder(e)}>
        <TextField
          label="Backup folder"
          value={folder}
          onChange={(e) => {
            setFolder(e.target.value)
            setFolderError(undefined)
          }}
          error={folderError}
          hint={overview ? `Default: ${overview.defaultFolder}` : undefined}
          size={60}
        />
        <button type="submit">Save folder</button>
      </form>
      <div className="actions">
        <button type="button" className="primary" disabled={busy} onClick={() => void backUpNow()}>
          Back up now
        </button>
      </div>
      <p role="status" className={message?.ok === false ? 'form-error' : 'saved'}>
        {message?.text ?? ''}
      </p>
      <h3>Restore</h3>
      {overview && <RestorePanel key={overview.backups.map((b) => b.fileName).join('|')} backups={overview.backups} initial={null} authorId={authorId} />}
    </section>
  )
}
