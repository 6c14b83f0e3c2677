import { useCallback, useEffect, useState } from 'react'
import type { RecordStatus } from '../../../../shared/people/audit'
import { integritySummary, type IntegrityReport } from '../../../../shared/record/integrity'
import { call } from '../../app/api'

/**
 * The record's integrity and sign-off, checked by main when the record is opened (and on demand).
 * With `ready` false it waits: the console asks once the record itself has arrived, so checking a
 * long record's chain does not hold up sending it (main answers one call at a time).
 */
export function useRecordStatus(sessionId: number, ready = true): { status: RecordStatus | null; error: string | null; reload: () => void } {
  const [status, setStatus] = useState<RecordStatus | null>(null)
  const [error, setError] = useState<string | null>(null)
  const reload = useCallback(() => {
    void call('record.status', { sessionId }).then((r) => {
      if (r.ok) {
        setStatus(r.value)
        setError(null)
      } else setError(r.error.message)
    })
  }, [sessionId])
  useEffect(() => {
    if (ready) reload()
  }, [reload, ready])
  return { status, error, reload }
}

/** "Record intact", or exactly which entry breaks the chain. */
export function IntegrityStatus({ integrity }: { integrity: IntegrityReport }) {
  const text = integritySummary(integrity)
  if (integrity.intact)
    return (
      <p role="status" className="integrity integrity--ok">
        {text}
      </p>
    )
  return (
    <div role="alert" className="integrity integrity--broken">
      <p>{text}</p>
      {integrity.problems.length > 1 && (
        <ul>
          {integrity.problems.map((p) => (
            <li key={`${p.seq}-${p.problem}`}>{p.problem}</li>
          ))}
        </ul>
      )}
    </div>
  )
}
