import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { isExtensionOf, noteExtension } from '../../../src/shared/kernel/arrayExtension'

describe('isExtensionOf', () => {
  const a = { n: 1 }
  const b = { n: 2 }
  const c = { n: 3 }

  it('is true for the same array and for the same objects followed by more', () => {
    const prev = [a, b]
    expect(isExtensionOf(prev, prev)).toBe(true)
    expect(isExtensionOf(prev, [a, b, c])).toBe(true)
    expect(isExtensionOf([], [a])).toBe(true)
  })

  it('is false for a shorter array, another order, or equal but other objects', () => {
    expect(isExtensionOf([a, b], [a])).toBe(false)
    expect(isExtensionOf([a, b], [b, a, c])).toBe(false)
    expect(isExtensionOf([a, b], [{ n: 1 }, b, c])).toBe(false)
  })

  it('answers from the note for an array noted as an extension', () => {
    const prev = [a]
    const next = noteExtension(prev, [a, b])
    expect(isExtensionOf(prev, next)).toBe(true)
    expect(isExtensionOf([a], next)).toBe(true)
  })

  it('agrees with comparing element by element, noted or not (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(5)), fc.array(fc.nat(5)), fc.boolean(), (xs, ys, note) => {
        const pool = Array.from({ length: 6 }, (_, n) => ({ n }))
        const prev = xs.map((i) => pool[i]!)
        const next = ys.map((i) => pool[i]!)
        const plain = next.length >= prev.length && prev.every((p, i) => next[i] === p)
        if (note && plain) noteExtension(prev, next)
        expect(isExtensionOf(prev, next)).toBe(plain)
      })
    )
  })
})
