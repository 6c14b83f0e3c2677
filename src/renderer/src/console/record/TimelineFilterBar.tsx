import type { Staff } from '../../../../shared/people/people'
import { ENTRY_KIND_FILTER_LABELS, ENTRY_KINDS, isFiltering, NO_FILTER, toggled, type TimelineFilter } from '../../../../shared/view/timelineFilter'

interface Props {
  filter: TimelineFilter
  onChange: (f: TimelineFilter) => void
  /** Everyone who has written in this record, in the order they first wrote. */
  authorIds: readonly number[]
  staffById: ReadonlyMap<number, Staff>
}

/** Chips that narrow the timeline by kind and by author; pressed chips are the ones shown. */
export function TimelineFilterBar({ filter, onChange, authorIds, staffById }: Props) {
  return (
    <div role="group" aria-label="Timeline filter" className="timeline-filter">
      {ENTRY_KINDS.map((k) => (
        <button
          key={k}
          type="button"
          className="chip"
          aria-pressed={filter.kinds.has(k)}
          onClick={() => onChange({ ...filter, kinds: toggled(filter.kinds, k) })}
        >
          {ENTRY_KIND_FILTER_LABELS[k]}
        </button>
      ))}
      <span className="timeline-filter__gap" aria-hidden="true" />
      {authorIds.map((id) => (
        <button
          key={id}
          type="button"
          className="chip"
          aria-pressed={filter.authorIds.has(id)}
          onClick={() => onChange({ ...filter, authorIds: toggled(filter.authorIds, id) })}
        >
          {staffById.get(id)?.name ?? `Staff #${id}`}
        </button>
      ))}
      {isFiltering(filter) && (
        <button type="button" className="link" onClick={() => onChange(NO_FILTER)}>
          Show all entries
        </button>
      )}
    </div>
  )
}
