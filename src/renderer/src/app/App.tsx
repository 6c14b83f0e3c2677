import { useCallback, useEffect, useState } from 'react'
import type { Staff } from '../../../shared/people/people'
import { call } from './api'
import { AuditView } from '../audit/AuditView'
import { FirstStart } from '../lock/FirstStart'
import { LockScreen } from '../lock/LockScreen'
import { SignInForm } from '../lock/SignInForm'
import { UserBar } from '../lock/UserBar'
import { MisuseNotice } from '../lock/MisuseNotice'
import { Console } from '../console/Console'
import { Home } from '../patients/Home'
import { PatientPage } from '../patients/PatientPage'
import { NewSessionForm } from '../patients/NewSessionForm'
import { SettingsScreen } from '../admin/SettingsScreen'
import { StaffScreen } from '../admin/StaffScreen'
import { ProtocolsScreen } from '../admin/ProtocolsScreen'
import { BackupScreen } from '../admin/BackupScreen'
import { useStaff } from './useStaff'
import { useWorkstation } from './useWorkstation'

export type View =
  | { name: 'home' }
  | { name: 'staff' }
  | { name: 'patient'; patientId: number }
  | { name: 'new-session'; patientId: number }
  | { name: 'console'; sessionId: number }
  | { name: 'protocols' }
  | { name: 'backups' }
  | { name: 'settings' }
  | { name: 'audit'; sessionId: number }

export type Navigate = (view: View) => void

export function App() {
  const [view, setView] = useState<View | null>(null)
  const { staff, reload: reloadStaff } = useStaff()
  const { state: workstation, error: workstationError, update: setWorkstation } = useWorkstation()
  /** The sign-in opened by "Switch user" (or by choosing someone as Current user). */
  const [switching, setSwitching] = useState<{ staffId: number | null } | null>(null)

  // The current user is whoever main says is signed in, and only while the screen is unlocked.
  const currentUser: Staff | null = workstation?.status === 'active' ? workstation.staff : null
  const signedInId = currentUser?.id ?? null

  // After a restart, the first person to sign in goes straight back to the session that was running.
  useEffect(() => {
    if (signedInId === null || view !== null) return
    void call('sessions.listOpen', {}).then((r) => {
      const open = r.ok ? r.value[0] : undefined
      setView((v) => v ?? (open ? { name: 'console', sessionId: open.id } : { name: 'home' }))
    })
  }, [signedInId, view])

  useEffect(() => {
    if (signedInId === null) setSwitching(null)
  }, [signedInId])

  const activeStaff = (staff ?? []).filter((s) => s.active)
  const navigate = useCallback<Navigate>((v) => setView(v), [])
  const signedIn = (s: typeof workstation) => {
    if (s) setWorkstation(s)
    setSwitching(null)
    reloadStaff()
  }

  const userBar = workstation && !workstation.setupRequired && (
    <UserBar state={workstation} onState={setWorkstation} onSwitch={(staffId) => currentUser && setSwitching({ staffId })} />
  )
  // Until someone is signed in and the screen is unlocked, no patient data: first start, or sign-in.
  if (!currentUser || !workstation) {
    return (
      <div className="app">
        <header className="app__header">
          <h1 className="app__title">Ketamine Session Console</h1>
          {userBar}
        </header>
        <main className="app__main">
          {workstation === null ? (
            <p role={workstationError ? 'alert' : undefined}>{workstationError ?? 'Opening the session records…'}</p>
          ) : workstation.setupRequired ? (
            <FirstStart onDone={signedIn} />
          ) : (
            <LockScreen state={workstation} onSignedIn={signedIn} />
          )}
        </main>
      </div>
    )
  }

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
          <button type="button" onClick={() => setView({ name: 'settings' })}>
            Settings
          </button>
        </nav>
        {userBar}
      </header>
      <main className="app__main">
        <MisuseNotice key={currentUser.id} report={workstation.misuse} />
        {switching && (
          <div className="switch-user">
            <SignInForm
              key={switching.staffId ?? 'any'}
              choices={workstation.choices}
              initialStaffId={switching.staffId}
              onSignedIn={signedIn}
              onCancel={() => setSwitching(null)}
              heading="Switch user"
            />
          </div>
        )}
        {view === null && <p>Opening the session records…</p>}
        {view?.name === 'home' && <Home navigate={navigate} staff={staff} />}
        {view?.name === 'staff' && <StaffScreen staff={staff} onChanged={reloadStaff} currentUser={currentUser} permissions={workstation.permissions} />}
        {view?.name === 'patient' && <PatientPage patientId={view.patientId} navigate={navigate} />}
        {view?.name === 'new-session' && (
          <NewSessionForm patientId={view.patientId} staff={activeStaff} currentUser={currentUser} navigate={navigate} />
        )}
        {view?.name === 'protocols' && <ProtocolsScreen currentUser={currentUser} staff={staff} />}
        {view?.name === 'backups' && <BackupScreen currentUser={currentUser} />}
        {view?.name === 'console' && (
          <Console key={view.sessionId} sessionId={view.sessionId} staff={staff ?? []} currentUser={currentUser} navigate={navigate} permissions={workstation.permissions} />
        )}
        {view?.name === 'settings' && <SettingsScreen currentUser={currentUser} permissions={workstation.permissions} />}
        {view?.name === 'audit' && <AuditView sessionId={view.sessionId} staff={staff ?? []} navigate={navigate} />}
      </main>
    </div>
  )
}
