import { memo, useMemo, useRef } from 'react'
import { isExtensionOf } from '../../../../shared/kernel/arrayExtension'
import { clockJumpMessage, type ClockJumpPayload } from '../../../../shared/kernel/clockJump'
import type { SessionEvent } from '../../../../shared/record/events'
import { formatClock } from '../../../../shared/record/messages'

/**
 * The clock changes the app noted in this record (see shared/domain/clockJump.ts), kept in view
 * above the chart: times on screen may differ from the computer's clock, and this says why.
 */
export const ClockNotes = memo(function ClockNotes({ events }: { events: readonly SessionEvent[] }) {
  const notes = useClockJumps(events)
  if (notes.length === 0) return null
  return (
    <section aria-label="Clock changes" className="warning clock-notes">
      <h2>Clock changes</h2>
      <ul>
        {notes.map((e) => (
          <li key={e.id}>
            {formatClock(e.occurredAt)}: {clockJumpMessage(e.payload as ClockJumpPayload)}
          </li>
        ))}
      </ul>
    </section>
  )
})

/**
 * The clock_jump events, kept while events are only added after the ones already seen and none
 * of the new ones is a clock change: a new entry then costs no walk of an eight-hour record.
 */
function useClockJumps(events: readonly SessionEvent[]): readonly SessionEvent[] {
  const last = useRef<{ events: readonly SessionEvent[]; notes: readonly SessionEvent[] } | null>(null)
  return useMemo(() => {
    const prev = last.current
    let notes: readonly SessionEvent[]
    if (prev && isExtensionOf(prev.events, events)) {
      const added = events.slice(prev.events.length).filter((e) => e.type === 'clock_jump')
      notes = added.length === 0 ? prev.notes : [...prev.notes, ...added]
    } else notes = events.filter((e) => e.type === 'clock_jump')
    last.current = { events, notes }
    return notes
  }, [events])
}
