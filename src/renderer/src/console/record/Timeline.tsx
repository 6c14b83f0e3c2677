import { memo, useCallback, useLayoutEffect, useMemo, useRef, useState, type ReactElement } from 'react'
import { flushSync } from 'react-dom'
import { formatElapsed, isLate } from '../../../../shared/kernel/clinicalTime'
import { describeEntry, ENTRY_KIND_LABELS } from '../../../../shared/record/describe'
import { entryOf } from '../../../../shared/record/events'
import { formatClock } from '../../../../shared/record/messages'
import type { Staff } from '../../../../shared/people/people'
import type { SessionPlan } from '../../../../shared/record/plan'
import type { EffectiveEntry } from '../../../../shared/record/record'
import { appendedTail } from '../../../../shared/record/recordAppend'
import { roleLabel } from '../../ui/labels'
import { RowLayout } from '../../../../shared/view/rowLayout'
import { authorsOf, entryKind, filterEntries, NO_FILTER, type TimelineFilter } from '../../../../shared/view/timelineFilter'
import { TimelineFilterBar } from './TimelineFilterBar'
import './timeline.css'
import { FlaggedVitals } from './FlaggedVitals'
import type { SafetySettings } from '../../../../shared/protocols/protocols'

interface Props {
  entries: readonly EffectiveEntry[]
  plan: SessionPlan
  staffById: ReadonlyMap<number, Staff>
  infusionStartedAt: number | null
  onCorrect?: ((e: EffectiveEntry) => void) | undefined
  onMarkInError?: ((e: EffectiveEntry) => void) | undefined
  /** Entries numbered after this were added once the record was signed off: addenda. */
  signedThroughSeq?: number | null
  /** The session's alert limits: a vitals value past one is flagged. */
  limits?: SafetySettings['limits'] | undefined
}

/** A first guess of a row's height (about a vitals row's), until it is measured. */
const ESTIMATED_ROW_PX = 50
/** Rows drawn beyond each edge of the view, so a scroll rarely shows a gap. */
const OVERSCAN = 12
/** Within this of the bottom counts as "at the bottom": the list then follows new entries. */
const FOLLOW_PX = 80

/**
 * Every entry in clinical order. Virtualised: only the rows in view are in the DOM, so an
 * eight-hour session with tens of thousands of entries scrolls as lightly as a short one. Row
 * positions live in a RowLayout kept with the entries: a new entry at the end adds one row,
 * anything else (a correction, an entry put in its earlier place) lays the rows out again, with
 * the heights already measured.
 */
export const Timeline = memo(function Timeline({ entries: all, plan, staffById, infusionStartedAt, onCorrect, onMarkInError, signedThroughSeq = null, limits }: Props) {
  const [filter, setFilter] = useState<TimelineFilter>(NO_FILTER)
  const entries = useMemo(() => filterEntries(all, filter), [all, filter])
  const authorIds = useMemo(() => authorsOf(all), [all])
  const scroller = useRef<HTMLDivElement>(null)
  const list = useRef<HTMLUListElement>(null)
  const layoutRef = useRef<RowLayout | null>(null)
  const laidOut = useRef<readonly EffectiveEntry[]>([])
  /** Measured row heights by entry id: they survive a re-layout. */
  const heights = useRef(new Map<number, number>())
  /** The entry each row was last measured for; cleared when the width changes (rows wrap anew). */
  const measuredFor = useRef(new Map<number, EffectiveEntry>())
  const [scrollTop, setScrollTop] = useState(0)
  const [viewHeight, setViewHeight] = useState(460)
  const [, setMeasuredVersion] = useState(0)
  // Follow the newest entry while the user is at the bottom; leave them alone if they scrolled up.
  const atBottom = useRef(true)
  /** The entry count the view last followed. */
  const followed = useRef(0)

  // The layout follows the entries it was last laid out for: the same entries give the same layout
  // however often this renders, and a render that is thrown away leaves it consistent.
  const layout = (layoutRef.current ??= new RowLayout(ESTIMATED_ROW_PX))
  if (laidOut.current !== entries) {
    const tail = appendedTail(laidOut.current, entries)
    layout.reset(entries.length, tail ? laidOut.current.length : 0, (i) => heights.current.get(entries[i]!.original.id))
    laidOut.current = entries
  }
  const following = atBottom.current
  const top = following ? Math.max(0, layout.total - viewHeight) : scrollTop
  const range = layout.range(top, viewHeight, OVERSCAN)

  const author = useCallback(
    (id: number) => {
      const s = staffById.get(id)
      return s ? `${s.name} (${roleLabel(s.role)})` : `Staff #${id}`
    },
    [staffById]
  )

  // What every row shows besides its entry (names, times, addendum badges, buttons): when it
  // changes, rows may change height, so the rows drawn are measured again (before the pass below).
  const firstRowProps = useRef(true)
  useLayoutEffect(() => {
    if (firstRowProps.current) {
      firstRowProps.current = false
      return
    }
    measuredFor.current.clear()
  }, [author, plan, infusionStartedAt, signedThroughSeq, onCorrect, onMarkInError, limits])

  // After each commit: measure the rows drawn, move the rows after any that changed height (and
  // keep the view on the same rows if rows above it changed), then follow the newest entry. A
  // layout effect: it all happens before the frame is drawn, so a new entry shows in that frame.
  useLayoutEffect(() => {
    const el = scroller.current
    const ul = list.current
    if (!el || !ul) return
    const changes: [number, number][] = []
    for (const li of ul.children) {
      const i = Number((li as HTMLElement).dataset['index'])
      const entry = entries[i]
      // A row is measured once for what it shows (an entry corrected or voided shows more).
      if (!entry || measuredFor.current.get(entry.original.id) === entry) continue
      const h = (li as HTMLElement).getBoundingClientRect().height
      if (h <= 0) continue
      measuredFor.current.set(entry.original.id, entry)
      if (h !== layout.size(i)) {
        changes.push([i, h])
        heights.current.set(entry.original.id, h)
      }
    }
    if (changes.length > 0) {
      const shift = layout.resize(changes, el.scrollTop)
      ul.style.height = `${layout.total}px`
      if (!atBottom.current && shift !== 0) el.scrollTop += shift
      setMeasuredVersion((v) => v + 1)
    }
    // Only when there is something new to follow (an entry, or rows that changed height): a
    // commit caused by the user's own scrolling must not pull them down.
    const grown = entries.length !== followed.current
    followed.current = entries.length
    if (atBottom.current && entries.length > 0 && (grown || changes.length > 0)) {
      ul.style.height = `${layout.total}px`
      el.scrollTop = el.scrollHeight - el.clientHeight
    }
  })

  useLayoutEffect(() => {
    const el = scroller.current
    if (!el) return
    setViewHeight(el.clientHeight)
    if (typeof ResizeObserver === 'undefined') return
    let width = el.clientWidth
    const observer = new ResizeObserver(() => {
      if (el.clientWidth !== width) {
        width = el.clientWidth
        measuredFor.current.clear()
        setMeasuredVersion((v) => v + 1)
      }
      setViewHeight(el.clientHeight)
    })
    observer.observe(el)
    return () => observer.disconnect()
  }, [])

  const rows: ReactElement[] = []
  if (range) {
    for (let i = range[0]; i <= range[1]; i++) {
      const e = entries[i]!
      rows.push(
        <li
          key={e.original.id}
          data-index={i}
          aria-setsize={entries.length}
          aria-posinset={i + 1}
          className={`timeline__item kind--${kindClass(e)}${e.voided ? ' is-voided' : ''}`}
          style={{ transform: `translateY(${layout.start(i)}px)` }}
        >
          <TimelineRow
            entry={e}
            plan={plan}
            author={author}
            infusionStartedAt={infusionStartedAt}
            onCorrect={onCorrect}
            onMarkInError={onMarkInError}
            signedThroughSeq={signedThroughSeq}
            limits={limits}
          />
        </li>
      )
    }
  }

  return (
    <section aria-labelledby="timeline-heading" className="timeline card">
      <h2 id="timeline-heading">
        Timeline <span className="muted">({entries === all ? `${all.length} entries` : `${entries.length} of ${all.length} entries`})</span>
      </h2>
      <TimelineFilterBar filter={filter} onChange={setFilter} authorIds={authorIds} staffById={staffById} />
      <div
        ref={scroller}
        className="timeline__scroller"
        onScroll={(e) => {
          const el = e.currentTarget
          atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < FOLLOW_PX
          // The rows scrolled into view are drawn in this frame, not a later one (no blank rows).
          flushSync(() => setScrollTop(el.scrollTop))
        }}
      >
        <ul ref={list} aria-label="Timeline" className="timeline__list" style={{ height: layout.total }}>
          {rows}
        </ul>
      </div>
    </section>
  )
})

/** The row's colour: its kind, with an adverse event marked apart from other notes. */
function kindClass(e: EffectiveEntry): string {
  if (e.entry.type === 'note' && e.entry.note.noteType === 'adverse_event') return 'adverse'
  return entryKind(e)
}

interface RowProps {
  entry: EffectiveEntry
  plan: SessionPlan
  author: (id: number) => string
  infusionStartedAt: number | null
  onCorrect?: ((e: EffectiveEntry) => void) | undefined
  onMarkInError?: ((e: EffectiveEntry) => void) | undefined
  signedThroughSeq: number | null
  limits: SafetySettings['limits'] | undefined
}

const TimelineRow = memo(function TimelineRow({ entry: e, plan, author, infusionStartedAt, onCorrect, onMarkInError, signedThroughSeq, limits }: RowProps) {
  const original = e.original
  const corrected = e.corrections.length > 0
  const late = isLate(e.occurredAt, original.recordedAt)
  const afterSignOff = (seq: number) => signedThroughSeq !== null && seq > signedThroughSeq
  const addendum = afterSignOff(original.seq)
  // What the entry says now, with any vitals value past its limit flagged.
  const current = e.entry.type === 'vitals' && limits ? <FlaggedVitals vitals={e.entry.vitals} limits={limits} /> : describeEntry(e.entry, plan)
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
            <span className="timeline__content">{current}</span>
          </>
        ) : e.voided ? (
          <s className="timeline__content">{describeEntry(e.entry, plan)}</s>
        ) : (
          <span className="timeline__content">{current}</span>
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
