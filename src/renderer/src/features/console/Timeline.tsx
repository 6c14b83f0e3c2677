import { useVirtualizer } from '@tanstack/react-virtual'
import { memo, useCallback, useLayoutEffect, useRef } from 'react'
import { formatElapsed, isLate } from '../../../../shared/domain/clinicalTime'
import { describeEntry, ENTRY_KIND_LABELS } from '../../../../shared/domain/describe'
import { entryOf } from '../../../../shared/domain/events'
import { formatClock } from '../../../../shared/domain/messages'
import type { Staff } from '../../../../shared/domain/people'
import type { SessionPlan } from '../../../../shared/domain/plan'
import type { EffectiveEntry } from '../../../../shared/domain/record'
import { roleLabel } from '../../labels'

interface Props {
  entries: readonly EffectiveEntry[]
  plan: SessionPlan
  staffById: ReadonlyMap<number, Staff>
  infusionStartedAt: number | null
  onCorrect?: ((e: EffectiveEntry) => void) | undefined
  onMarkInError?: ((e: EffectiveEntry) => void) | undefined
  /** Entries numbered after this were added once the record was signed off: addenda. */
  signedThroughSeq?: number | null
}

/**
 * Every entry in clinical order. Virtualised: only the rows in view are in the DOM, so an
 * eight-hour session with tens of thousands of entries scrolls as lightly as a short one.
 */
export const Timeline = memo(function Timeline({ entries, plan, staffById, infusionStartedAt, onCorrect, onMarkInError, signedThroughSeq = null }: Props) {
  const scroller = useRef<HTMLDivElement>(null)
  const virtualizer = useVirtualizer({
    count: entries.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => 64,
    overscan: 12,
    getItemKey: (i) => entries[i]!.original.id
  })

  // Follow the newest entry while the user is at the bottom; leave them alone if they scrolled up.
  // A layout effect: the scroll happens before the frame is drawn, so the new entry shows in it.
  const atBottom = useRef(true)
  useLayoutEffect(() => {
    if (atBottom.current && entries.length > 0) virtualizer.scrollToIndex(entries.length - 1, { align: 'end' })
  }, [entries.length, virtualizer])

  const author = useCallback(
    (id: number) => {
      const s = staffById.get(id)
      return s ? `${s.name} (${roleLabel(s.role)})` : `Staff #${id}`
    },
    [staffById]
  )

  return (
    <section aria-labelledby="timeline-heading" className="timeline card">
      <h2 id="timeline-heading">
        Timeline <span className="muted">({entries.length} entries)</span>
      </h2>
      <div
        ref={scroller}
        className="timeline__scroller"
        onScroll={(e) => {
          const el = e.currentTarget
          atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < 80
        }}
      >
        <ul aria-label="Timeline" className="timeline__list" style={{ height: virtualizer.getTotalSize() }}>
          {virtualizer.getVirtualItems().map((row) => {
            const e = entries[row.index]!
            return (
              <li
                key={row.key}
                data-index={row.index}
                ref={virtualizer.measureElement}
                aria-setsize={entries.length}
                aria-posinset={row.index + 1}
                className={`timeline__item kind--${kindClass(e)}${e.voided ? ' is-voided' : ''}`}
                style={{ transform: `translateY(${row.start}px)` }}
              >
                <TimelineRow
                  entry={e}
                  plan={plan}
                  author={author}
                  infusionStartedAt={infusionStartedAt}
                  onCorrect={onCorrect}
                  onMarkInError={onMarkInError}
                  signedThroughSeq={signedThroughSeq}
                />
              </li>
            )
          })}
        </ul>
      </div>
    </section>
  )
})

function kindClass(e: EffectiveEntry): string {
  if (e.entry.type === 'note') return e.entry.note.noteType === 'adverse_event' ? 'adverse' : 'note'
  if (e.entry.type === 'vitals') return 'vitals'
  if (e.entry.type === 'scale') return 'scale'
  if (e.entry.type === 'alert_acknowledged' || e.entry.type === 'checklist' || e.entry.type === 'discharge') return 'safety'
  return 'infusion'
}

interface RowProps {
  entry: EffectiveEntry
  plan: SessionPlan
  author: (id: number) => string
  infusionStartedAt: number | null
  onCorrect?: ((e: EffectiveEntry) => void) | undefined
  onMarkInError?: ((e: EffectiveEntry) => void) | undefined
  signedThroughSeq: number | null
}

const TimelineRow = memo(function TimelineRow({ entry: e, plan, author, infusionStartedAt, onCorrect, onMarkInError, signedThroughSeq }: RowProps) {
  const original = e.original
  const corrected = e.corrections.length > 0
  const late = isLate(e.occurredAt, original.recordedAt)
  const afterSignOff = (seq: number) => signedThroughSeq !== null && seq > signedThroughSeq
  const addendum = afterSignOff(original.seq)
  return (
    <article className="timeline__row">
      <div className="timeline__when">
        <span className="timeline__elapsed">{infusionStartedAt === null ? 'T —' : formatElapsed(e.occurredAt - infusionStartedAt)}</span>
        <span className="muted">{formatClock(e.occurredAt)}</span>
        {late && <span className="badge badge--late">Late entry (recorded {formatClock(original.recordedAt)})</span>}
        {addendum && <span className="badge badge--addendum">Addendum</span>}
      </div>
      <div className="timeline__body">
        <strong className="timeline__kind">{ENTRY_KIND_LABELS[e.entry.type]}</strong>{' '}
        {corrected ? (
          <>
            <s aria-label={`Original: ${describeEntry(entryOf(original), plan)}`}>{describeEntry(entryOf(original), plan)}</s>{' '}
            <span className="timeline__content">{describeEntry(e.entry, plan)}</span>
          </>
        ) : e.voided ? (
          <s className="timeline__content">{describeEntry(e.entry, plan)}</s>
        ) : (
          <span className="timeline__content">{describeEntry(e.entry, plan)}</span>
        )}
        <div className="timeline__author muted">by {author(original.authorId)}</div>
        {addendum && (
          <div className="timeline__amend">
            Addendum by {author(original.authorId)} at {formatClock(original.recordedAt)}: {original.reason}
          </div>
        )}
        {e.corrections.map((c) => (
          <div key={c.id} className="timeline__amend">
            Corrected by {author(c.authorId)} at {formatClock(c.recordedAt)}
            {afterSignOff(c.seq) ? ' (addendum after sign-off)' : ''}: {c.reason}
          </div>
        ))}
        {e.voided && (
          <div className="timeline__amend timeline__amend--void">
            Entered in error — marked by {author(e.voided.authorId)} at {formatClock(e.voided.recordedAt)}: {e.voided.reason}
          </div>
        )}
      </div>
      {!e.voided && (onCorrect || onMarkInError) && (
        <div className="timeline__actions">
          {/* Acknowledgements and discharges are not corrected: marked in error and made again, through their checks. */}
          {onCorrect && e.entry.type !== 'alert_acknowledged' && e.entry.type !== 'discharge' && (
            <button type="button" onClick={() => onCorrect(e)}>
              Correct
            </button>
          )}
          {onMarkInError && e.entry.type !== 'session_ended' && (
            <button type="button" onClick={() => onMarkInError(e)}>
              Mark entered in error
            </button>
          )}
        </div>
      )}
    </article>
  )
})
