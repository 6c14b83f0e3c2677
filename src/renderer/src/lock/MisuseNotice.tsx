import { useState } from 'react'
import type { MisuseReport } from '../../../shared/people/auth'
import { formatLocalDateTime } from '../../../shared/kernel/isoTime'

/**
 * Told to an administrator when they sign in: the wrong PINs typed since their previous sign-in
 * (attempted misuse is reported, not only logged). Dismissed by hand; the Audit view keeps them.
 */
export function MisuseNotice({ report }: { report: MisuseReport | null }) {
  const [dismissed, setDismissed] = useState(false)
  if (!report || report.wrongPins === 0 || dismissed) return null
  const since = report.since === null ? 'so far' : `since your last sign-in (${formatLocalDateTime(report.since)})`
  return (
    <section aria-label="Wrong PINs reported" className="card warning">
      <p role="status">
        {report.wrongPins} wrong PIN{report.wrongPins === 1 ? '' : 's'} {since}
        {report.bursts > 0 ? `, ${report.bursts} burst${report.bursts === 1 ? '' : 's'} of wrong PINs in a row` : ''}. Typed under:{' '}
        {report.names.join(', ')}. The Audit view lists each one.
      </p>
      <button type="button" onClick={() => setDismissed(true)}>
        Dismiss
      </button>
    </section>
  )
}
