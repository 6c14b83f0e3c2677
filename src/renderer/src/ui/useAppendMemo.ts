import { useMemo, useRef } from 'react'
import type { EffectiveEntry } from '../../../shared/record/record'
import { appendedOnly } from '../../../shared/record/recordAppend'

export { isInfusionAction, shapesRecordFacts } from '../../../shared/record/recordAppend'

/**
 * useMemo over the record's entries for a value only some entries change (the infusion actions,
 * say): when the entries only gained new ones at the end (appendedTail) and none of those can
 * change it (`matters` is false for each), the last value is kept instead of walking the whole
 * record again. Any other change of the entries, or of `deps`, computes it afresh.
 */
export function useAppendMemo<T>(
  entries: readonly EffectiveEntry[],
  compute: (entries: readonly EffectiveEntry[]) => T,
  matters: (entry: EffectiveEntry) => boolean,
  deps: readonly unknown[]
): T {
  const last = useRef<{ entries: readonly EffectiveEntry[]; deps: readonly unknown[]; value: T } | null>(null)
  return useMemo(() => {
    const prev = last.current
    if (prev && prev.deps.length === deps.length && prev.deps.every((d, i) => Object.is(d, deps[i]))) {
      if (appendedOnly(prev.entries, entries, matters)) {
        last.current = { entries, deps, value: prev.value }
        return prev.value
      }
    }
    const value = compute(entries)
    last.current = { entries, deps, value }
    return value
  }, [entries, ...deps])
}

