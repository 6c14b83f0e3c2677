import { describe, expect, it } from 'vitest'
import { FREE_WRONG_PINS, MAX_PIN_DELAY_MS, pinRetryDelayMs } from '../../../src/shared/people/auth'

describe('the wait after wrong PINs', () => {
  it('none just under the free tries, 2 s at them, doubling after', () => {
    expect(pinRetryDelayMs(0)).toBe(0)
    expect(pinRetryDelayMs(FREE_WRONG_PINS - 1)).toBe(0)
    expect(pinRetryDelayMs(FREE_WRONG_PINS)).toBe(2_000)
    expect(pinRetryDelayMs(FREE_WRONG_PINS + 1)).toBe(4_000)
  })

  it('never more than 30 s, however many', () => {
    expect(pinRetryDelayMs(FREE_WRONG_PINS + 3)).toBe(16_000)
    expect(pinRetryDelayMs(FREE_WRONG_PINS + 4)).toBe(MAX_PIN_DELAY_MS)
    expect(pinRetryDelayMs(1_000_000)).toBe(MAX_PIN_DELAY_MS)
    expect(MAX_PIN_DELAY_MS).toBe(30_000)
  })
})
