import { useCallback, useMemo, useState } from 'react'
import { flushSync } from 'react-dom'
import type { SessionEvent } from '../../../shared/record/events'
import type { Staff } from '../../../shared/people/people'
import { recordTime } from '../../../shared/kernel/clockJump'
import { permissionProblem, type Permission, type PermissionTable } from '../../../shared/people/permissions'
import { recordFacts, snapshotAt, type EffectiveEntry, type RecordFacts, type SessionSnapshot } from '../../../shared/record/record'
import type { SessionPlan } from '../../../shared/record/plan'
import type { Navigate } from '../app/App'
import { TextField } from '../ui/Field'
import { useServerClock } from '../app/useServerClock'
// Performance: record facts kept while only entries that cannot change them are added
import { shapesRecordFacts, useAppendMemo } from '../ui/useAppendMemo'
import { AddendumPanel } from './lanes/AddendumPanel'
import { AmendPanel } from './lanes/AmendPanel'
import { ClockNotes } from './record/ClockNotes'
import { InfusionPanel } from './lanes/InfusionPanel'
import { NoteForm } from './lanes/NoteForm'
import { Readouts } from './record/Readouts'
import { makeRecorder, type RecordEntry } from './lanes/recorder'
import { IntegrityStatus, useRecordStatus } from './record/RecordIntegrity'
import { SignOffPanel } from './lanes/SignOffPanel'
import { Timeline } from './record/Timeline'
import { useSessionRecord } from './record/useSessionRecord'
import { VitalsChart } from './chart/VitalsChart'
import { VitalsForm } from './lanes/VitalsForm'
import { AlertsPanel } from './alerts/AlertsPanel'
import { Discharged, DischargePanel } from './lanes/DischargePanel'
import { PreInfusionChecks } from './lanes/PreInfusionChecks'
import { ScalesForm } from './lanes/ScalesForm'
import { useSafety } from './alerts/useSafety'
import { isRemsSession } from '../../../shared/records-out/rems'
import { RecordActions } from './record/RecordActions'
import { RemsPanel } from './record/RemsPanel'
import { describeLimitOverride } from '../../../shared/record/limitOverride'
import { DraftProvider, DraftRestored, useDraft, useDraftScope } from './drafts/drafts'
import type { EntryFigures } from './lanes/FinishControls'
import { endWithoutDischargeProblem } from '../../../shared/safety/discharge'
import { resolveClockTime } from '../../../shared/kernel/clinicalTime'

interface Props {
  sessionId: number
  staff: Staff[]
  currentUser: Staff | null
  navigate: Navigate
  /** The clinic's permission table: controls outside the signed-in role are disabled and say why (main enforces it). */
  permissions?: PermissionTable
}

type Amending = { mode: 'correct' | 'void'; target: EffectiveEntry } | null

/** The live session: figures on top, the three lanes on the left, chart and timeline on the right. */
export function Console({ sessionId, staff, currentUser, navigate, permissions }: Props) {
  const { record, entries, error, append } = useSessionRecord(sessionId)
  const { status: recordStatus, reload: reloadStatus } = useRecordStatus(sessionId, record !== null)
  const { now: clockNow, refresh: refreshClock } = useServerClock()
  // Figures are read no earlier than the newest entry: a clock behind the record never shrinks them.
  const newest = record?.events[record.events.length - 1]?.recordedAt ?? null
  const now = clockNow === null ? null : recordTime(newest, clockNow)
  // Drafts follow the person at the keyboard: a switch puts them away, only their author gets them back.
  const authorId = currentUser?.id ?? null
  const draftScope = useDraftScope(sessionId, authorId, now)
  const timeDraft = useDraft('time', '', { scope: draftScope })
  const timeText = timeDraft.value
  const [seenAuthor, setSeenAuthor] = useState(authorId)
  const [timeError, setTimeError] = useState<string>()
  const [amending, setAmending] = useState<Amending>(null)
  if (seenAuthor !== authorId) {
    // A correction half-typed by someone else is not the new person's to save, nor their message.
    setSeenAuthor(authorId)
    setAmending(null)
    setTimeError(undefined)
  }
  const staffById = useMemo(() => new Map(staff.map((s) => [s.id, s])), [staff])
  const physicians = useMemo(() => staff.filter((s) => s.role === 'physician' && s.active), [staff])

  const plan = record?.session.plan
  // The record's facts change with the record; only the cheap part follows the clock.
  // A new vitals set or note leaves them as they were (useAppendMemo): no walk of the whole record.
  const facts = useAppendMemo(entries, (all) => (plan ? recordFacts(all, plan) : null), shapesRecordFacts, [plan])
  const snapshot = useMemo(() => (plan && facts && now !== null ? snapshotAt(facts, plan, now) : null), [facts, plan, now])
  const safety = useSafety(record?.session, record?.patient, entries, now)
  // The chart follows a new entry in the same render as the timeline: it only adds the new point
  // to its series and redraws a few paths (about a millisecond for eight hours of vitals), less
  // than a render of its own after the timeline costs (see chartLayers.tsx).
  const chartEntries = entries
  // Stable, so the (memoised) timeline does not redraw on every clock tick.
  const onCorrect = useCallback((target: EffectiveEntry) => setAmending({ mode: 'correct', target }), [])
  const onMarkInError = useCallback((target: EffectiveEntry) => setAmending({ mode: 'void', target }), [])

  if (error) return <p role="alert">{error}</p>
  if (!record || !plan || !snapshot || now === null || !safety) return <p>Opening the session…</p>

  const onSaved = (e: SessionEvent) => {
    // Rendered at once, as the saved entry's answer arrives, rather than in a later task: the
    // confirmation that it is saved is the most urgent thing on the screen.
    flushSync(() => append(e))
    refreshClock()
  }
  const recorder = makeRecorder({ sessionId, authorId: currentUser?.id ?? null, timeText, now, onSaved })
  const record$: RecordEntry = async (entry, options) => {
    const r = await recorder(entry, options)
    if (r.ok) {
      timeDraft.clear()
      setTimeError(undefined)
    } else setTimeError(r.error.field === 'occurredAt' ? r.error.message : undefined)
    return r
  }
  const ended = snapshot.phase === 'ended'
  const figures = entryFigures(facts, plan, snapshot, timeText, now)
  const { patient } = record
  const refusal = (p: Permission): string | null =>
    !currentUser ? 'Sign in first' : permissions ? permissionProblem(permissions, currentUser, p) : null
  const signOff = recordStatus?.signOff ?? null

  return (
    <div className="console">
      {/* Alerts first: above everything else, so they cannot be missed. */}
      <AlertsPanel
        alerts={safety.alerts}
        baseline={safety.baseline}
        historyAt={safety.historyAt}
        now={now}
        sessionId={sessionId}
        authorId={currentUser?.id ?? null}
        onSaved={(events) => {
          events.forEach(append)
          refreshClock()
        }}
      />
      <section aria-label="Session" className="console__top card">
        <div className="console__patient">
          <h2>
            {patient.fullName} <span className="muted">({patient.patientCode})</span>
          </h2>
          <p className="muted">
            {plan.drug} · {plan.route} · {plan.weightKg} kg · bag {plan.concentrationMgPerMl} mg/mL × {plan.bagVolumeMl} mL · planned{' '}
            {plan.plannedDose.value} {plan.plannedDose.kind} over {plan.plannedDurationMin} min
          </p>
          <p className="muted">
            Protocol:{' '}
            {record.session.protocol
              ? `${record.session.protocol.definition.name} (version ${record.session.protocol.version})`
              : 'none (reference alert limits)'}
          </p>
          <button type="button" className="link" onClick={() => navigate({ name: 'patient', patientId: patient.id })}>
            Back to patient
          </button>{' '}
          <button type="button" className="link" onClick={() => navigate({ name: 'audit', sessionId })}>
            Audit trail
          </button>
          <RecordActions sessionId={sessionId} currentUser={currentUser} />
          {recordStatus && <IntegrityStatus integrity={recordStatus.integrity} />}
        </div>
        <Readouts snapshot={snapshot} plan={plan} />
        {record.session.planOverride && <p className="warning">Plan: {describeLimitOverride(record.session.planOverride)}</p>}
      </section>
      {!currentUser && (
        <p className="warning" role="alert">
          Choose yourself as the Current user (top right): every entry carries its author.
        </p>
      )}
      <DraftProvider scope={draftScope}>
        <div className="console__body">
          <div className="console__lanes">
            {amending ? (
              <AmendPanel
                key={`${amending.mode}-${amending.target.original.id}`}
                mode={amending.mode}
                target={amending.target}
                sessionId={sessionId}
                authorId={currentUser?.id ?? null}
                now={now}
                plan={plan}
                onDone={(e) => {
                  onSaved(e)
                  setAmending(null)
                }}
                onCancel={() => setAmending(null)}
                physicians={physicians}
              />
            ) : ended ? (
              <>
                <section aria-label="Session ended" className="card">
                  <h2>Session ended</h2>
                  <p>This record is closed to new entries. Entries can still be corrected, with a reason.</p>
                </section>
                {currentUser && recordStatus && (
                  <SignOffPanel
                    sessionId={sessionId}
                    currentUser={currentUser}
                    signOff={signOff}
                    signer={signOff ? staffById.get(signOff.staffId) : undefined}
                    refusal={refusal('record.signOff')}
                    onSigned={reloadStatus}
                  />
                )}
                {currentUser && signOff && (
                  <AddendumPanel
                    sessionId={sessionId}
                    authorId={currentUser.id}
                    now={now}
                    onSaved={onSaved}
                    vitalsRefusal={refusal('vitals.record')}
                    noteRefusal={refusal('note.record')}
                  />
                )}
              </>
            ) : (
              <>
                <div className="card time-card">
                  <TextField
                    label="Time"
                    value={timeText}
                    onChange={(e) => {
                      timeDraft.set(e.target.value)
                      setTimeError(undefined)
                    }}
                    error={timeError}
                    placeholder="now"
                    hint="Clinical time of the next entry, HH:MM. Leave blank for now."
                  />
                  <DraftRestored at={timeDraft.restoredAt} />
                </div>
                {snapshot.phase === 'pre-infusion' && safety.preInfusion && (
                  <PreInfusionChecks
                    key={`checks-${authorId ?? 'none'}`}
                    state={safety.preInfusion}
                    problems={safety.startProblems}
                    hasProtocol={Boolean(record.session.protocol)}
                    record={record$}
                  />
                )}
                <InfusionPanel
                  key={`infusion-${authorId ?? 'none'}`}
                  plan={plan}
                  snapshot={snapshot}
                  record={record$}
                  startProblems={safety.startProblems.map((p) => p.message)}
                  refusal={refusal('infusion.control')}
                  endRefusal={refusal('session.end')}
                  physicians={physicians}
                  figures={figures}
                  mayEndWithoutOverride={endWithoutDischargeProblem(snapshot.infusion, safety.dischargedAt !== null) === null}
                  overrideRefusal={currentUser && currentUser.role !== 'physician' ? `Only a physician can end the session without a discharge (${currentUser.name} is a ${currentUser.role})` : null}
                />
                {snapshot.phase === 'recovery' &&
                  (safety.dischargedAt !== null ? (
                    <Discharged at={safety.dischargedAt} />
                  ) : (
                    <DischargePanel
                      sessionId={sessionId}
                      authorId={currentUser?.id ?? null}
                      settings={safety.settings}
                      infusion={snapshot.infusion}
                      entries={entries}
                      now={now}
                      activeAlertCount={safety.alerts.length}
                      onSaved={onSaved}
                    />
                  ))}
                <VitalsForm key={`vitals-${authorId ?? 'none'}`} record={record$} refusal={refusal('vitals.record')} />
                <NoteForm key={`note-${authorId ?? 'none'}`} record={record$} refusal={refusal('note.record')} />
                <ScalesForm key={`scales-${authorId ?? 'none'}`} record={record$} />
              </>
            )}
          </div>
          <div className="console__record">
            <ClockNotes events={record.events} />
            <VitalsChart
              entries={chartEntries}
              plan={plan}
              infusionStartedAt={snapshot.infusion.startedAt}
              now={now}
              limits={safety.settings.limits}
              alerts={safety.alerts}
            />
            <Timeline
              entries={entries}
              plan={plan}
              staffById={staffById}
              infusionStartedAt={snapshot.infusion.startedAt}
              onCorrect={onCorrect}
              onMarkInError={onMarkInError}
              signedThroughSeq={signOff?.lastSeq ?? null}
              limits={safety.settings.limits}
            />
            {isRemsSession(plan) && <RemsPanel sessionId={sessionId} version={record.events.length} />}
          </div>
        </div>
      </DraftProvider>
    </div>
  )
}

/** Where the infusion stands at the time the next entry will carry: the Time field if filled, else now. */
function entryFigures(facts: RecordFacts | null, plan: SessionPlan, snapshot: SessionSnapshot, timeText: string, now: number): EntryFigures {
  let at: number | null = now
  let s = snapshot
  if (timeText.trim() !== '') {
    const t = resolveClockTime(timeText, now)
    at = 'error' in t ? null : t.at
    if (at !== null && facts) s = snapshotAt(facts, plan, at)
  }
  return { at, elapsedMs: s.elapsedMs, deliveredMg: s.deliveredMg, percentDelivered: s.percentDelivered }
}
