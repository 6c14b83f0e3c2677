/**
 * Hostile input at the boundary: thousands of malformed, oversized, wrongly-typed and out-of-range
 * payloads for every channel, straight into createHandlers (what IPC calls). None may throw, none
 * may write a row, each must come back as a typed error. Seeded: every run tries the same inputs.
 */
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createHandlers, type Handlers } from '../../../src/main/handlers'
import { recordEntry } from '../../../src/main/services/entries'
import type { Workstation } from '../../../src/main/auth/workstation'
import type { Channel } from '../../../src/shared/contract'
import type { Result } from '../../../src/shared/domain/result'
import { HOSTILE_CHANNELS, malformedFor, validInputs, type Ids } from '../../fault/hostile'
import { CHEAP_PIN_COST, signedInWorkstation, sitDown } from '../authHelpers'
import { countRows, makeSeededContext } from '../helpers'

const SEED = 20261122
const RUNS_PER_CHANNEL = 1000
const TABLES = ['patients', 'staff', 'sessions', 'events', 'protocols']
const ERROR_CODES = new Set(['INVALID_INPUT', 'NOT_FOUND', 'CONFLICT', 'INVALID_STATE', 'CONFIRMATION_REQUIRED', 'STORAGE', 'FORBIDDEN', 'INTERNAL'])

let t: ReturnType<typeof makeSeededContext>
let handlers: Handlers
let ids: Ids
let ws: Workstation
const logged: unknown[] = []
beforeAll(() => {
  t = makeSeededContext()
  ws = signedInWorkstation(t.ctx, t.team.admin.id)
  handlers = createHandlers(t.ctx, { log: (_c, e) => logged.push(e), workstation: ws, pinCost: CHEAP_PIN_COST })
  const event = recordEntry(t.ctx, {
    sessionId: t.session.id,
    authorId: t.team.nurse.id,
    entry: { type: 'vitals', vitals: { systolic: 120, diastolic: 80, heartRate: 70, spo2: 98, respiratoryRate: 14 } }
  })
  ids = {
    patientId: t.patient.id,
    sessionId: t.session.id,
    nurseId: t.team.nurse.id,
    physicianId: t.team.physician.id,
    adminId: t.team.admin.id,
    eventId: event.id,
    recentTime: t.clock.now() - 60_000
  }
})
afterAll(() => t.cleanup())

const rowCounts = () => TABLES.map((table) => countRows(t.db, table))

/** Whoever the input names as author is signed in (the guard refuses anyone else); the administrator otherwise. */
function actorFor(input: unknown): number {
  const authorId = typeof input === 'object' && input !== null ? (input as Record<string, unknown>)['authorId'] : undefined
  const team = [t.team.physician.id, t.team.nurse.id, t.team.therapist.id, t.team.admin.id]
  return typeof authorId === 'number' && team.includes(authorId) ? authorId : t.team.admin.id
}

function callSafely(channel: Channel, input: unknown): Result<unknown> {
  let result: Result<unknown> | Promise<Result<unknown>> | undefined
  sitDown(ws, t.ctx, actorFor(input))
  expect(() => {
    result = handlers[channel](input)
  }).not.toThrow()
  // The channels tested here answer at once; only backups and exports are asynchronous.
  expect(result instanceof Promise, `${channel} answers synchronously`).toBe(false)
  return result as Result<unknown>
}

/** A typed error a nurse could be shown: a known code, a short plain message, a short field path. */
function expectTypedError(result: Result<unknown>, label: string): void {
  expect(result.ok, label).toBe(false)
  if (result.ok) return
  expect(ERROR_CODES.has(result.error.code), `${label}: code ${result.error.code}`).toBe(true)
  expect(typeof result.error.message).toBe('string')
  expect(result.error.message.trim().length, label).toBeGreaterThan(0)
  // A megabyte sent is never echoed back.
  expect(result.error.message.length, label).toBeLessThan(300)
  if (result.error.field !== undefined) expect(result.error.field.length, label).toBeLessThan(100)
}

function expectNoPollution(): void {
  expect(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted')).toBe(false)
  expect(({} as Record<string, unknown>)['polluted']).toBeUndefined()
}

describe('malformed input for every channel is refused with a typed error, and nothing is written', () => {
  for (const channel of HOSTILE_CHANNELS) {
    it(`${channel}: ${RUNS_PER_CHANNEL} malformed payloads`, () => {
      const valid = validInputs(ids)[channel]!
      // The valid inputs really are valid here, so each malformation is what is refused.
      for (const input of valid) {
        const r = callSafely(channel, structuredClone(input))
        expect(r.ok ? 'ok' : r.error.message, `${channel} valid input`).toBe('ok')
      }
      const before = rowCounts()
      fc.assert(
        fc.property(malformedFor(channel, valid), (m) => {
          const result = callSafely(channel, m.input)
          expectTypedError(result, `${channel}: ${m.what}`)
          if (!result.ok) expect(result.error.code, `${channel}: ${m.what}`).toBe('INVALID_INPUT')
          expect(rowCounts(), `${channel}: ${m.what} wrote nothing`).toEqual(before)
          expectNoPollution()
        }),
        { seed: SEED, numRuns: RUNS_PER_CHANNEL }
      )
      expect(logged).toEqual([])
    })
  }
})

/** Values at and past every edge, for the property below. */
const EDGE_VALUES: unknown[] = [
  -0, 0, 1, -1, 0.1, Number.MIN_VALUE, Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER + 2, 8.64e15, 8.64e15 + 1, -8.64e15,
  Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, '', ' ', '\u0000', '\ud800', '‮evil', '𝄞🙂', 'x'.repeat(5001),
  '0001-01-01', '9999-12-31', '1900-01-01', '2100-02-29', 'NaN', '1e308', null, true, [], {}
]

describe('any value anywhere: the handlers answer, never throw, and write only what they report', () => {
  for (const channel of HOSTILE_CHANNELS) {
    it(`${channel}: 300 inputs with a field replaced by an edge or arbitrary value`, () => {
      const valid = validInputs(ids)[channel]!
      const value = fc.oneof(fc.constantFrom(...EDGE_VALUES), fc.anything({ maxDepth: 2 }))
      fc.assert(
        fc.property(fc.constantFrom(...valid), value, fc.nat(), (template, replacement, pick) => {
          const input = replaceAField(template, replacement, pick)
          const before = rowCounts()
          const result = callSafely(channel, input)
          const after = rowCounts()
          if (!result.ok) {
            expectTypedError(result, channel)
            expect(after).toEqual(before)
          } else {
            // A write that succeeds adds one row to one table, and nothing else changes.
            const changed = after.map((n, i) => n - before[i]!).filter((d) => d !== 0)
            expect(changed.every((d) => d === 1) && changed.length <= 1).toBe(true)
          }
          expectNoPollution()
        }),
        { seed: SEED, numRuns: 300 }
      )
    })
  }
})

/** The template with one of its fields (chosen by `pick`) set to `value`. */
function replaceAField(template: unknown, value: unknown, pick: number): unknown {
  const paths: string[][] = []
  const walk = (v: unknown, path: string[]) => {
    if (v !== null && typeof v === 'object') for (const [k, c] of Object.entries(v)) walk(c, [...path, k])
    else if (path.length > 0) paths.push(path)
  }
  walk(template, [])
  if (paths.length === 0) return value
  const path = paths[pick % paths.length]!
  const copy = structuredClone(template) as Record<string, unknown>
  let o: Record<string, unknown> = copy
  for (const k of path.slice(0, -1)) o = o[k] as Record<string, unknown>
  o[path[path.length - 1]!] = value
  return copy
}
