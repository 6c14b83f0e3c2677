import { memo } from 'react'
import { clockJumpMessage, type ClockJumpPayload } from '../../../../shared/domain/clockJump'
import type { SessionEvent } from '../../../../shared/domain/events'
import { formatClock } from '../../../../shared/domain/messages'

/**
 * The clock changes the app noted in this record (see shared/domain/clockJump.ts), kept in view
 * above the chart: times on screen may differ from the computer's clock, and this says why.
 */
export const ClockNotes = memo(function ClockNotes({ events }: { events: readonly SessionEvent[] }) {
  const notes = events.filter((e) => e.type === 'clock_jump')
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
