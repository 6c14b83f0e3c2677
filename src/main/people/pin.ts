/**
 * PINs are stored only as a salted scrypt hash (Node's crypto, no native add-on). The cost
 * parameters travel inside the stored string, so they can be raised later without breaking
 * existing PINs. A four-digit PIN cannot resist an offline search whatever the cost; what
 * protects it is the lock-out after five wrong tries and keeping the database file private.
 */
import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto'

export interface ScryptCost {
  N: number
  r: number
  p: number
}

/** About 0.05–0.15 s on a workstation: unnoticeable at sign-in, 32 MiB per try. */
export const PIN_COST: ScryptCost = { N: 2 ** 15, r: 8, p: 1 }
const KEY_BYTES = 32
const SALT_BYTES = 16
const PREFIX = 'scrypt'

const derive = (pin: string, salt: Buffer, c: ScryptCost) =>
  scryptSync(pin.normalize('NFKC'), salt, KEY_BYTES, { N: c.N, r: c.r, p: c.p, maxmem: 256 * c.N * c.r + 1024 * 1024 })

/** `scrypt$N$r$p$salt$key`, salt and key in base64. */
export function hashPin(pin: string, cost: ScryptCost = PIN_COST): string {
  const salt = randomBytes(SALT_BYTES)
  const key = derive(pin, salt, cost)
  return [PREFIX, cost.N, cost.r, cost.p, salt.toString('base64'), key.toString('base64')].join('$')
}

/** True only for the PIN that was hashed; a malformed stored hash never matches. */
export function verifyPin(pin: string, stored: string): boolean {
  const parts = stored.split('$')
  if (parts.length !== 6 || parts[0] !== PREFIX) return false
  const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number]
  if (![N, r, p].every((n) => Number.isSafeInteger(n) && n > 0) || N > 2 ** 20 || r > 32 || p > 16) return false
  const salt = Buffer.from(parts[4]!, 'base64')
  const expected = Buffer.from(parts[5]!, 'base64')
  if (salt.length === 0 || expected.length !== KEY_BYTES) return false
  const actual = derive(pin, salt, { N, r, p })
  return timingSafeEqual(actual, expected)
}
