/**
 * "This array is that one with more elements after them": what a live record's arrays mostly
 * are from one new entry to the next. Whoever builds such an array notes it (noteExtension), so
 * the many derived values that ask can tell in constant time instead of comparing thousands of
 * elements each; an array nobody noted is compared element by element, so the answer is always exact.
 */
const extended = new WeakMap<readonly unknown[], readonly unknown[]>()

/** Records that `next` is `prev` followed by more elements (the same objects, in the same order); returns `next`. */
export function noteExtension<T>(prev: readonly T[], next: readonly T[]): readonly T[] {
  extended.set(next, prev)
  return next
}

/** True when `next` is `prev` followed by zero or more elements: the same objects at every index of `prev`. */
export function isExtensionOf<T>(prev: readonly T[], next: readonly T[]): boolean {
  if (next === prev || extended.get(next) === prev) return true
  if (next.length < prev.length) return false
  for (let i = prev.length - 1; i >= 0; i--) if (next[i] !== prev[i]) return false
  return true
}
