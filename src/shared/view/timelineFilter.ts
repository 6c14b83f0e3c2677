/**
 * Which timeline rows are shown: every kind and every author by default; choosing kinds or
 * authors narrows to those (a row shows when its kind and its author are both chosen, or that
 * side is left open).
 */
import type { EffectiveEntry } from '../record/record'

export type EntryKind = 'vitals' | 'infusion' | 'note' | 'scale' | 'safety'

export const ENTRY_KINDS: readonly EntryKind[] = ['vitals', 'infusion', 'note', 'scale', 'safety']

export const ENTRY_KIND_FILTER_LABELS: Record<EntryKind, string> = {
  vitals: 'Vitals',
  infusion: 'Infusion',
  note: 'Notes',
  scale: 'Scales',
  safety: 'Safety checks'
}

/** An adverse event is a note; everything about the drug itself counts as infusion. */
export function entryKind(e: EffectiveEntry): EntryKind {
  switch (e.entry.type) {
    case 'vitals':
      return 'vitals'
    case 'note':
      return 'note'
    case 'scale':
      return 'scale'
    case 'alert_acknowledged':
    case 'checklist':
    case 'discharge':
      return 'safety'
    default:
      return 'infusion'
  }
}

export interface TimelineFilter {
  kinds: ReadonlySet<EntryKind>
  authorIds: ReadonlySet<number>
}

export const NO_FILTER: TimelineFilter = { kinds: new Set(), authorIds: new Set() }

export const isFiltering = (f: TimelineFilter): boolean => f.kinds.size > 0 || f.authorIds.size > 0

/** The entries the filter lets through; the same array when nothing is chosen (no copy, no re-layout). */
export function filterEntries(entries: readonly EffectiveEntry[], f: TimelineFilter): readonly EffectiveEntry[] {
  if (!isFiltering(f)) return entries
  return entries.filter((e) => (f.kinds.size === 0 || f.kinds.has(entryKind(e))) && (f.authorIds.size === 0 || f.authorIds.has(e.original.authorId)))
}

/** Everyone who wrote an entry shown in the record, in the order they first appear. */
export function authorsOf(entries: readonly EffectiveEntry[]): number[] {
  const seen = new Set<number>()
  for (const e of entries) seen.add(e.original.authorId)
  return [...seen]
}

/** The filter with `value` chosen if it was not, and no longer chosen if it was. */
export function toggled<T>(set: ReadonlySet<T>, value: T): Set<T> {
  const next = new Set(set)
  if (!next.delete(value)) next.add(value)
  return next
}
