import { useCallback, useDeferredValue, useMemo, useState } from 'react'
import type { SessionEvent } from '../../../../shared/domain/events'
import type { Staff } from '../../../../shared/domain/people'
import { recordFacts, snapshotAt, type EffectiveEntry } from '../../../../shared/domain/record'
import type { Navigate } from '../../App'
import { TextField } from '../../components/Field'
import { useServerClock } from '../../hooks/useServerClock'
import { recordTime } from '../../../../shared/domain/clockJump'
import { AmendPanel } from './AmendPanel'
import { ClockNotes } from './ClockNotes'
import { InfusionPanel } from './InfusionPanel'
import { NoteForm } from './NoteForm'
import { Readouts } from './Readouts'
import { makeRecorder, type RecordEntry } from './recorder'
import { Timeline } from './Timeline'
import { useSessionRecord } from './useSessionRecord'
import { VitalsChart } from './VitalsChart'
import { VitalsForm } from './VitalsForm'

interface Props {
  sessionId: number
  staff: Staff[]
  currentUser: Staff | null
  navigate: Navigate
}

type Amending = { mode: 'correct' | 'void'; target: EffectiveEntry } | null

/** The live session: figures on top, the three lanes on the left, chart and timeline on the right. */
export function Console({ sessionId, staff, currentUser, navigate }: Props) {
  const { record, entries, error, append } = useSessionRecord(sessionId)
  const { now: clockNow, refresh: refreshClock } = useServerClock()
  // Figures are read no earlier than the newest entry: a clock behind the record never shrinks them.
  const newest = record?.events[record.events.length - 1]?.recordedAt ?? null
  const now = clockNow === null ? null : recordTime(newest, clockNow)
  const [timeText, setTimeText] = useState('')
  const [timeError, setTimeError] = useState<string>()
  const [amending, setAmending] = useState<Amending>(null)
  const staffById = useMemo(() => new Map(staff.map((s) => [s.id, s])), [staff])

  const plan = record?.session.plan
  // The record's facts change with the record; only the cheap part follows the clock.
  const facts = useMemo(() => (plan ? recordFacts(entries, plan) : null), [entries, plan])
  const snapshot = useMemo(() => (plan && facts && now !== null ? snapshotAt(facts, plan, now) : null), [facts, plan, now])
  // The chart follows a new entry in a render of its own, after the timeline and figures show it:
  // redrawing eight hours of vitals must never hold back the confirmation that the entry is saved.
  const chartEntries = useDeferredValue(entries)
  // Stable, so the (memoised) timeline does not redraw on every clock tick.
  const onCorrect = useCallback((target: EffectiveEntry) => setAmending({ mode: 'correct', target }), [])
  const onMarkInError = useCallback((target: EffectiveEntry) => setAmending({ mode: 'void', target }), [])

  if (error) return <p role="alert">{error}</p>
  if (!record || !plan || !snapshot || now === null) return <p>Opening the session…</p>

  const onSaved = (e: SessionEvent) => {
    append(e)
    refreshClock()
  }
  const recorder = makeRecorder({ sessionId, authorId: currentUser?.id ?? null, timeText, now, onSaved })
  const record$: RecordEntry = async (entry, options) => {
    const r = await recorder(entry, options)
    if (r.ok) {
      setTimeText('')
      setTimeError(undefined)
    } else setTimeError(r.error.field === 'occurredAt' ? r.error.message : undefined)
    return r
  }
  const ended = snapshot.phase === 'ended'
  const { patient } = record

  return (
    <div className="console">
      <section aria-label="Session" className="console__top card">
        <div className="console__patient">
          <h2>
            {patient.fullName} <span className="muted">({patient.patientCode})</span>
          </h2>
          <p className="muted">
            {plan.drug} · {plan.route} · {plan.weightKg} kg · bag {plan.concentrationMgPerMl} mg/mL × {plan.bagVolumeMl} mL · planned{' '}
            {plan.plannedDose.value} {plan.plannedDose.kind} over {plan.plannedDurationMin} min
          </p>
          <button type="button" className="link" onClick={() => navigate({ name: 'patient', patientId: patient.id })}>
            Back to patient
          </button>
        </div>
        <Readouts snapshot={snapshot} plan={plan} />
      </section>
      {!currentUser && (
        <p className="warning" role="alert">
          Choose yourself as the Current user (top right): every entry carries its author.
        </p>
      )}
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
            />
          ) : ended ? (
            <section aria-label="Session ended" className="card">
              <h2>Session ended</h2>
              <p>This record is closed to new entries. Entries can still be corrected, with a reason.</p>
            </section>
          ) : (
            <>
              <div className="card time-card">
                <TextField
                  label="Time"
                  value={timeText}
                  onChange={(e) => {
                    setTimeText(e.target.value)
                    setTimeError(undefined)
                  }}
                  error={timeError}
                  placeholder="now"
                  hint="Clinical time of the next entry, HH:MM. Leave blank for now."
                />
              </div>
              <InfusionPanel plan={plan} snapshot={snapshot} record={record$} />
              <VitalsForm record={record$} disabled={false} />
              <NoteForm record={record$} disabled={false} />
            </>
          )}
        </div>
        <div className="console__record">
          <ClockNotes events={record.events} />
          <VitalsChart entries={chartEntries} plan={plan} infusionStartedAt={snapshot.infusion.startedAt} now={now} />
          <Timeline
            entries={entries}
            plan={plan}
            staffById={staffById}
            infusionStartedAt={snapshot.infusion.startedAt}
            onCorrect={onCorrect}
            onMarkInError={onMarkInError}
          />
        </div>
      </div>
    </div>
  )
}
