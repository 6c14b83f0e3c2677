import type { Staff } from '../../../shared/people/people'
import type { WorkstationState } from '../../../shared/people/auth'
import { call } from '../app/api'
import { SelectField } from '../ui/Field'
import { roleLabel } from '../ui/labels'

interface Props {
  state: WorkstationState
  onState: (s: WorkstationState) => void
  /** Opens the sign-in for a switch, optionally with a name already picked. */
  onSwitch: (staffId: number | null) => void
}

/**
 * The header's sign-in controls. "Current user" lists who can sign in; choosing someone asks
 * for their PIN (the selection itself never changes who is signed in).
 */
export function UserBar({ state, onState, onSwitch }: Props) {
  const staff: Staff | null = state.status === 'active' ? state.staff : null
  const act = (channel: 'auth.lock' | 'auth.signOut') => () => void call(channel, {}).then((r) => r.ok && onState(r.value))
  return (
    <div className="app__user">
      {staff && (
        <div className="signed-in">
          <span id="signed-in-as" className="signed-in__label">
            Signed in as
          </span>{' '}
          <output aria-labelledby="signed-in-as" className="signed-in__name">
            {staff.name} ({roleLabel(staff.role)})
          </output>
        </div>
      )}
      {state.status === 'locked' && <span className="signed-in">Screen locked</span>}
      {staff && (
        <SelectField
          label="Current user"
          value={String(staff.id)}
          onChange={(e) => onSwitch(Number(e.target.value) || null)}
          options={state.choices.map((c) => ({ value: String(c.id), label: `${c.name} (${roleLabel(c.role)})` }))}
        />
      )}
      <button type="button" onClick={() => onSwitch(null)}>
        Switch user
      </button>
      {staff && (
        <>
          <button type="button" onClick={act('auth.lock')}>
            Lock screen
          </button>
          <button type="button" onClick={act('auth.signOut')}>
            Sign out
          </button>
        </>
      )}
    </div>
  )
}
