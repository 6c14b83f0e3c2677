import type { WorkstationState } from '../../../shared/people/auth'
import { formatClock } from '../../../shared/record/messages'
import { LockedAlerts } from './LockedAlerts'
import { RunningInfusions } from './RunningInfusions'
import { SignInForm } from './SignInForm'
import { useMonitoredSessions } from './useMonitoredSessions'
import { useServerClock } from '../app/useServerClock'
import { noteRestoreOutcome, useRestoreOutcome } from '../app/restoreNotice'

/**
 * Shown while nobody is signed in, or while the screen is locked: no patient data, only the
 * sign-in and the open sessions' alerts and running figures, by session number.
 */
export function LockScreen({ state, onSignedIn }: { state: WorkstationState; onSignedIn: (s: WorkstationState) => void }) {
  const locked = state.status === 'locked'
  // Main's time, ticking on between its clock events; the sign-in state's own time until then.
  const now = useServerClock().now ?? state.now
  const sessions = useMonitoredSessions(now)
  const restored = useRestoreOutcome()
  return (
    <div className="lock-screen">
      {/* Alerts first: above everything else, so they cannot be missed. */}
      <LockedAlerts sessions={sessions} />
      <section aria-label={locked ? 'Screen locked' : 'Signed out'} className="card lock-screen__notice">
        <h2>{locked ? 'Screen locked' : 'Nobody is signed in'}</h2>
        <p>
          {locked
            ? `Locked at ${state.lockedAt === null ? '' : formatClock(state.lockedAt)}${state.staff ? ` (${state.staff.name} was signed in)` : ''}. Patient details are hidden until someone signs in.`
            : 'Pick your name and enter your PIN to see patient records.'}
        </p>
      </section>
      {restored && (
        <section aria-label="Restore result" className="card">
          <h2>Backup restored: everyone was signed out</h2>
          <p role="status">{restored.message}</p>
          <button type="button" onClick={() => noteRestoreOutcome(null)}>
            Dismiss
          </button>
        </section>
      )}
      <SignInForm
        key={state.staff?.id ?? 'nobody'}
        choices={state.choices}
        initialStaffId={locked ? (state.staff?.id ?? null) : null}
        onSignedIn={(s) => {
          noteRestoreOutcome(null)
          onSignedIn(s)
        }}
        heading={locked ? 'Sign in to unlock' : 'Sign in'}
      />
      <RunningInfusions sessions={sessions} now={now} />
    </div>
  )
}
