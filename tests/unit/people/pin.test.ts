import { describe, expect, it } from 'vitest'
import { hashPin, PIN_COST, verifyPin } from '../../../src/main/people/pin'
import { isGuessablePin, newPinSchema, pinSchema } from '../../../src/shared/people/auth'
import { CHEAP_PIN_COST } from '../authHelpers'

describe('PIN hashing', () => {
  it('the stored hash never contains the PIN and names scrypt with its cost', () => {
    const stored = hashPin('2468', CHEAP_PIN_COST)
    expect(stored).not.toContain('2468')
    expect(stored.split('$').slice(0, 4)).toEqual(['scrypt', String(CHEAP_PIN_COST.N), '8', '1'])
  })

  it('the same PIN hashes differently each time (salted), and both verify', () => {
    const a = hashPin('2468', CHEAP_PIN_COST)
    const b = hashPin('2468', CHEAP_PIN_COST)
    expect(a).not.toBe(b)
    expect(verifyPin('2468', a)).toBe(true)
    expect(verifyPin('2468', b)).toBe(true)
  })

  it('a wrong PIN does not verify, including near misses', () => {
    const stored = hashPin('2468', CHEAP_PIN_COST)
    for (const wrong of ['2469', '24680', '246', '', '8642', ' 2468']) expect(verifyPin(wrong, stored), wrong).toBe(false)
  })

  it('the production cost is a slow hash: at least 2^15 iterations of 8 blocks', () => {
    expect(PIN_COST.N).toBeGreaterThanOrEqual(2 ** 15)
    expect(PIN_COST.r).toBeGreaterThanOrEqual(8)
    const stored = hashPin('97531', PIN_COST)
    expect(verifyPin('97531', stored)).toBe(true)
  })

  it('a malformed or tampered stored hash never verifies (and never throws)', () => {
    const stored = hashPin('2468', CHEAP_PIN_COST)
    const parts = stored.split('$')
    const variants = [
      '',
      '2468',
      'scrypt$1$8$1$$',
      parts.slice(0, 5).join('$'),
      ['bcrypt', ...parts.slice(1)].join('$'),
      [...parts.slice(0, 5), Buffer.alloc(32).toString('base64')].join('$'),
      [parts[0], String(2 ** 30), ...parts.slice(2)].join('$'),
      [parts[0], 'x', ...parts.slice(2)].join('$')
    ]
    for (const v of variants) expect(verifyPin('2468', v), v).toBe(false)
  })
})

describe('PIN rules', () => {
  it('a new PIN has four to twelve digits and is not a run', () => {
    expect(newPinSchema.safeParse('2468').success).toBe(true)
    expect(newPinSchema.safeParse('902731').success).toBe(true)
    for (const bad of ['246', '24a8', '1234567890123', '', '1111', '1234', '9876', '0000']) {
      expect(newPinSchema.safeParse(bad).success, bad).toBe(false)
    }
  })

  it('runs are found in either direction and any length', () => {
    expect(isGuessablePin('5555')).toBe(true)
    expect(isGuessablePin('345678')).toBe(true)
    expect(isGuessablePin('6543')).toBe(true)
    expect(isGuessablePin('1235')).toBe(false)
    expect(isGuessablePin('0987')).toBe(false)
  })

  it('a PIN typed to sign in is only checked for shape, so a short one is told "wrong" by main', () => {
    expect(pinSchema.safeParse('12').success).toBe(true)
    expect(pinSchema.safeParse('').success).toBe(false)
    expect(pinSchema.safeParse('12a').success).toBe(false)
  })
})
