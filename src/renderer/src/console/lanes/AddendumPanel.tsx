import { useState } from 'react'
import type { SessionEvent } from '../../../../shared/record/events'
import { TextField } from '../../ui/Field'
import { NoteForm } from './NoteForm'
import { makeRecorder, type RecordEntry } from './recorder'
import { VitalsForm } from './VitalsForm'

interface Props {
  sessionId: number
  authorId: number
  now: number
  onSaved: (e: SessionEvent) => void
  vitalsRefusal: string | null
  noteRefusal: string | null
}

/** On a signed-off record: notes and vitals are still possible, as addenda with a reason. */
export function AddendumPanel({ sessionId, authorId, now, onSaved, vitalsRefusal, noteRefusal }: Props) {
  const [reason, setReason] = useState('')
  const [timeText, setTimeText] = useState('')
  const [errors, setErrors] = useState<{ reason?: string; time?: string }>({})
  const recorder = makeRecorder({ sessionId, authorId, timeText, now, onSaved, addendumReason: reason })
  const record: RecordEntry = async (entry, options) => {
    const r = await recorder(entry, options)
    if (r.ok) {
      setReason('')
      setTimeText('')
      setErrors({})
    } else if (r.error.field === 'addendumReason') setErrors({ reason: r.error.message })
    else if (r.error.field === 'occurredAt') setErrors({ time: r.error.message })
    return r
  }
  return (
    <>
      <section aria-label="Addendum" className="card addendum">
        <h2>Addendum</h2>
        <p className="muted">This record is signed off. A note or vitals added now is marked as an addendum, with your name and a reason.</p>
        <TextField label="Addendum reason" value={reason} onChange={(e) => setReason(e.target.value)} error={errors.reason} />
        <TextField
          label="Time"
          value={timeText}
          onChange={(e) => setTimeText(e.target.value)}
          error={errors.time}
          placeholder="now"
          hint="Clinical time of the addendum, HH:MM. Leave blank for now."
        />
      </section>
      <VitalsForm record={record} refusal={vitalsRefusal} />
      <NoteForm record={record} refusal={noteRefusal} />
    </>
  )
}
