/**
 * The console gets one new event at a time. Rebuilding the effective entries of an eight-hour
 * record (29,000 entries) for each one took longer than a frame; a new clinical entry only needs
 * to be put in its place. The result is exactly effectiveEntries(events + event).
 */
import { entryOf, isClinical, type SessionEvent } from './events'
import { isExtensionOf, noteExtension } from '../kernel/arrayExtension'
import { byClinicalTime, effectiveEntries, type EffectiveEntry } from './record'

/**
 * effectiveEntries([...events, event]), given entries = effectiveEntries(events). Entries already
 * there keep their identity (memoised rows stay as they are). An amendment, or an event that is
 * not the newest of the record, is rare: for those the record is rebuilt in full.
 */
export function appendEffective(entries: readonly EffectiveEntry[], events: readonly SessionEvent[], event: SessionEvent): EffectiveEntry[] {
  const newest = events.every((e) => e.seq < event.seq)
  if (!isClinical(event.type) || !newest) return effectiveEntries([...events, event])
  const item: EffectiveEntry = { original: event, entry: entryOf(event), occurredAt: event.occurredAt, corrections: [], voided: null }
  // Usually the new entry is the latest and goes last: search from the end.
  let at = entries.length
  while (at > 0 && byClinicalTime(entries[at - 1]!, item) > 0) at--
  const next = entries.slice()
  next.splice(at, 0, item)
  if (at === entries.length) noteExtension(entries, next)
  return next
}

/**
 * The entries `next` adds at the end of `prev`, when `next` is exactly `prev` (the same entry
 * objects, in the same order) followed by them: what appendEffective makes of a new entry that
 * goes last. Null otherwise (an entry put in the middle, a correction, a void, a reload): the
 * caller then recomputes from all the entries. Constant time for what appendEffective made,
 * else one identity pass.
 */
export function appendedTail(prev: readonly EffectiveEntry[], next: readonly EffectiveEntry[]): readonly EffectiveEntry[] | null {
  return isExtensionOf(prev, next) ? next.slice(prev.length) : null
}

/** True when `next` is `prev` with entries added at the end (appendedTail) and none of them `matters`. */
export function appendedOnly(prev: readonly EffectiveEntry[], next: readonly EffectiveEntry[], matters: (e: EffectiveEntry) => boolean): boolean {
  const tail = appendedTail(prev, next)
  return tail !== null && !tail.some(matters)
}

const INFUSION_TYPES: ReadonlySet<string> = new Set(['infusion_started', 'rate_changed', 'infusion_paused', 'infusion_resumed', 'infusion_stopped'])

/** A live infusion action: what the rate step, the dose and the infusion's state are made of. */
export const isInfusionAction = (e: EffectiveEntry): boolean => e.voided === null && INFUSION_TYPES.has(e.entry.type)

/** A live infusion action or the session's end: all that recordFacts reads. */
export const shapesRecordFacts = (e: EffectiveEntry): boolean => isInfusionAction(e) || (e.voided === null && e.entry.type === 'session_ended')
