import { useCallback, useEffect, useState } from 'react'
import type { Staff } from '../../shared/domain/people'
import { call } from './api'
import { SelectField } from './components/Field'
import { Console } from './features/console/Console'
import { Home } from './features/patients/Home'
import { PatientPage } from './features/patients/PatientPage'
import { NewSessionForm } from './features/session-start/NewSessionForm'
import { StaffScreen } from './features/staff/StaffScreen'
import { ProtocolsScreen } from './features/protocols/ProtocolsScreen'
// issue 6
import { BackupScreen } from './features/backups/BackupScreen'
import { useCurrentUser } from './hooks/useCurrentUser'
import { useStaff } from './hooks/useStaff'
import { roleLabel } from './labels'

export type View =
  | { name: 'home' }
  | { name: 'staff' }
  | { name: 'patient'; patientId: number }
  | { name: 'new-session'; patientId: number }
  | { name: 'console'; sessionId: number }
  | { name: 'protocols' }
  | { name: 'backups' }

export type Navigate = (view: View) => void

export function App() {
  const [view, setView] = useState<View | null>(null)
  const { staff, reload: reloadStaff } = useStaff()
  const [currentUserId, setCurrentUserId] = useCurrentUser()

  // After a restart, go straight back to the session that was running.
  useEffect(() => {
    void call('sessions.listOpen', {}).then((r) => {
      const open = r.ok ? r.value[0] : undefined
      setView(open ? { name: 'console', sessionId: open.id } : { name: 'home' })
    })
  }, [])

  const activeStaff = (staff ?? []).filter((s) => s.active)
  const currentUser: Staff | null = activeStaff.find((s) => s.id === currentUserId) ?? null
  const navigate = useCallback<Navigate>((v) => setView(v), [])

  return (
    <div className="app">
      <header className="app__header">
        <h1 className="app__title">Ketamine Session Console</h1>
        <nav aria-label="Main">
          <button type="button" onClick={() => setView({ name: 'home' })}>
            Patients
          </button>
          <button type="button" onClick={() => setView({ name: 'staff' })}>
            Staff
          </button>
          <button type="button" onClick={() => setView({ name: 'protocols' })}>
            Protocols
          </button>
          <button type="button" onClick={() => setView({ name: 'backups' })}>
            Backups
          </button>
        </nav>
        <div className="app__user">
          <SelectField
            label="Current user"
            value={currentUser ? String(currentUser.id) : ''}
            onChange={(e) => setCurrentUserId(e.target.value ? Number(e.target.value) : null)}
            placeholder={activeStaff.length ? 'Choose who you are' : 'Add staff first'}
            options={activeStaff.map((s) => ({ value: String(s.id), label: `${s.name} (${roleLabel(s.role)})` }))}
          />
        </div>
      </header>
      <main className="app__main">
        {view === null && <p>Opening the session records…</p>}
        {view?.name === 'home' && <Home navigate={navigate} staff={staff} />}
        {view?.name === 'staff' && <StaffScreen staff={staff} onChanged={reloadStaff} />}
        {view?.name === 'patient' && <PatientPage patientId={view.patientId} navigate={navigate} />}
        {view?.name === 'new-session' && (
          <NewSessionForm patientId={view.patientId} staff={activeStaff} currentUser={currentUser} navigate={navigate} />
        )}
        {view?.name === 'protocols' && <ProtocolsScreen currentUser={currentUser} staff={staff} />}
        {view?.name === 'backups' && <BackupScreen currentUser={currentUser} />}
        {view?.name === 'console' && (
          <Console key={view.sessionId} sessionId={view.sessionId} staff={staff ?? []} currentUser={currentUser} navigate={navigate} />
        )}
      </main>
    </div>
  )
}
