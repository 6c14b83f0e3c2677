/**
 * Hostile input at the boundary: thousands of malformed, oversized, wrongly-typed and out-of-range
 * payloads for every channel of the contract, straight into createHandlers (what IPC calls). None
 * may throw, none may store anything (a row, a changed row, a file), each must come back as a
 * typed error. Seeded: every run tries the same inputs.
 */
import { START_EMPTY_CONFIRMATION } from '../../../src/shared/storage/backup'
import fc from 'fast-check'
import { afterEach, describe, expect, it } from 'vitest'
import { ASYNC_CHANNELS } from '../../../src/main/app/handlers'
import { contract, type Channel } from '../../../src/shared/contract'
import type { Result } from '../../../src/shared/kernel/result'
import { malformedFor, validInputs } from '../../fault/hostile'
import { sitDown } from '../authHelpers'
import { filesIn, makeRecoveryWorld, makeWorld, tableContents, TABLES, type World } from './hostileWorld'

const SEED = 20261122
/** The session record's core gets the most; every other channel still gets hundreds. */
const CORE_CHANNELS: ReadonlySet<string> = new Set([
  'clock.now', 'patients.list', 'patients.get', 'patients.create', 'staff.list', 'staff.create', 'sessions.create',
  'sessions.get', 'sessions.listForPatient', 'sessions.listOpen', 'entries.record', 'entries.correct', 'entries.markInError'
])
const runsFor = (channel: Channel) => (CORE_CHANNELS.has(channel) ? 1000 : 300)
const ERROR_CODES = new Set(['INVALID_INPUT', 'NOT_FOUND', 'CONFLICT', 'INVALID_STATE', 'CONFIRMATION_REQUIRED', 'STORAGE', 'FORBIDDEN', 'INTERNAL'])
/** From the contract itself, so a channel added without valid inputs here fails. */
const ALL_CHANNELS = Object.keys(contract) as Channel[]
const ASYNC: ReadonlySet<string> = new Set(ASYNC_CHANNELS)

const worlds: World[] = []
afterEach(async () => {
  for (const w of worlds.splice(0)) await w.cleanup()
})
async function world(): Promise<World> {
  const w = await makeWorld()
  worlds.push(w)
  return w
}

/** Whoever the input names as author is signed in (the guard refuses anyone else); the administrator otherwise. */
function actorFor(w: World, input: unknown): number {
  const authorId = typeof input === 'object' && input !== null ? (input as Record<string, unknown>)['authorId'] : undefined
  const team = [w.team.physician.id, w.team.nurse.id, w.team.therapist.id, w.team.admin.id]
  return typeof authorId === 'number' && team.includes(authorId) ? authorId : w.team.admin.id
}

async function callSafely(w: World, channel: Channel, input: unknown): Promise<Result<unknown>> {
  let result: Result<unknown> | Promise<Result<unknown>> | undefined
  sitDown(w.ws, w.ctx, actorFor(w, input))
  expect(() => {
    result = w.handlers[channel](input)
  }).not.toThrow()
  // Only backups, restores and start-up recovery finish later; every other channel answers at once.
  if (!ASYNC.has(channel)) expect(result instanceof Promise, `${channel} answers synchronously`).toBe(false)
  return await result!
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

/** Rows inserted, updated or deleted through the connection so far (triggers' writes included). */
const writesSoFar = (w: World): number => w.ctx.db.prepare('SELECT total_changes()').pluck().get() as number

function expectNoPollution(): void {
  expect(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted')).toBe(false)
  expect(({} as Record<string, unknown>)['polluted']).toBeUndefined()
}

describe('the hostile-input world', () => {
  it('counts every table the migrations make', async () => {
    const w = await world()
    const tables = (w.ctx.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as { name: string }[])
      .map((r) => r.name)
      .filter((name) => name !== 'schema_migrations')
    expect([...tables].sort()).toEqual([...TABLES].sort())
  })

  it('sees every write, even one that changes a row without adding one', async () => {
    const w = await world()
    const before = writesSoFar(w)
    expect((await callSafely(w, 'settings.update', validInputs(w.ids)['settings.update'][0])).ok).toBe(true)
    expect(writesSoFar(w)).toBeGreaterThan(before)
  })

  it('has valid inputs for every channel of the contract', async () => {
    const w = await world()
    const valid = validInputs(w.ids)
    expect(Object.keys(valid).sort()).toEqual([...ALL_CHANNELS].sort())
    for (const channel of ALL_CHANNELS) expect(valid[channel]?.length ?? 0, channel).toBeGreaterThan(0)
  })
})

describe('malformed input for every channel is refused with a typed error, and nothing is stored', () => {
  for (const channel of ALL_CHANNELS) {
    const runs = runsFor(channel)
    it(`${channel}: ${runs} malformed payloads`, async () => {
      const w = await world()
      const valid = validInputs(w.ids)[channel]
      expect(valid, `${channel} has valid inputs in tests/fault/hostile.ts`).toBeDefined()
      // The valid inputs really are accepted here, so each malformation is what is refused.
      for (const input of valid!) {
        const r = await callSafely(w, channel, structuredClone(input))
        expect(r.ok ? 'ok' : r.error.message, `${channel} valid input`).toBe('ok')
      }
      const rows = tableContents(w.ctx)
      const files = filesIn(w.dir)
      const writes = writesSoFar(w)
      await fc.assert(
        fc.asyncProperty(malformedFor(channel, valid!), async (m) => {
          const result = await callSafely(w, channel, m.input)
          expectTypedError(result, `${channel}: ${m.what}`)
          if (!result.ok) expect(result.error.code, `${channel}: ${m.what}`).toBe('INVALID_INPUT')
          expect(writesSoFar(w), `${channel}: ${m.what} wrote no row`).toBe(writes)
          expectNoPollution()
        }),
        { seed: SEED, numRuns: runs }
      )
      // And, row by row and file by file, the record is as it was.
      expect(tableContents(w.ctx), `${channel}: every table unchanged`).toBe(rows)
      expect(filesIn(w.dir), `${channel}: no file written or changed`).toBe(files)
      expect(w.logged).toEqual([])
    })
  }
})

/** The channels that work while the records cannot be opened; start-up and restore move files then. */
const RECOVERY_CHANNELS = ['startup.status', 'backups.overview', 'backups.restore', 'startup.startEmpty'] as const satisfies readonly Channel[]

const cleanupsOfRecovery: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const c of cleanupsOfRecovery.splice(0)) await c()
})

describe('in recovery (the database file damaged), malformed input moves no file', () => {
  for (const channel of RECOVERY_CHANNELS) {
    it(`${channel}: 300 malformed payloads, then the valid input still works`, async () => {
      const w = await makeRecoveryWorld()
      cleanupsOfRecovery.push(w.cleanup)
      expect(w.storage.startupStatus().mode).toBe('recovery')
      const files = filesIn(w.dir)
      // With backups beside the damaged file, starting empty takes the typed confirmation.
      const valid = channel === 'startup.startEmpty' ? [{ confirmation: START_EMPTY_CONFIRMATION }] : validInputs(w.ids)[channel]
      await fc.assert(
        fc.asyncProperty(malformedFor(channel, valid), async (m) => {
          let result: Result<unknown> | Promise<Result<unknown>> | undefined
          expect(() => {
            result = w.handlers[channel](m.input)
          }).not.toThrow()
          const answer = await result!
          expectTypedError(answer, `${channel}: ${m.what}`)
          if (!answer.ok) expect(answer.error.code, `${channel}: ${m.what}`).toBe('INVALID_INPUT')
          expectNoPollution()
        }),
        { seed: SEED, numRuns: 300 }
      )
      expect(filesIn(w.dir), `${channel}: no file moved, written or changed`).toBe(files)
      expect(w.storage.startupStatus().mode).toBe('recovery')
      // Proof that the refusals were the malformations' doing: the valid input is accepted here.
      for (const input of valid) {
        const r = await w.handlers[channel](structuredClone(input))
        expect(r.ok ? 'ok' : r.error.message, `${channel} valid input in recovery`).toBe('ok')
      }
      expect(w.logged).toEqual([])
    })
  }
})

/** Values at and past every edge, for the property below. */
const EDGE_VALUES: unknown[] = [
  -0, 0, 1, -1, 0.1, Number.MIN_VALUE, Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER + 2, 8.64e15, 8.64e15 + 1, -8.64e15,
  Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, '', ' ', '\u0000', '\ud800', '‮evil', '𝄞🙂', 'x'.repeat(5001),
  '0001-01-01', '9999-12-31', '1900-01-01', '2100-02-29', 'NaN', '1e308', null, true, [], {}
]

/** The original core tables: a successful core write adds one row to one of them. */
const CORE_TABLES = ['patients', 'staff', 'sessions', 'events', 'protocols']
const rowCounts = (w: World) => Object.fromEntries(TABLES.map((table) => [table, (w.ctx.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n]))
/**
 * Not here: a random absolute folder (fast-check's strings include "/") would make the test create
 * folders outside its temp folder. Its malformed inputs are above; its folder checks have tests of
 * their own (tests/unit/storage/backups.test.ts).
 */
const NOT_ANY_VALUE: ReadonlySet<Channel> = new Set(['backups.setFolder'])

describe('any value anywhere: the handlers answer, never throw, and write only what they report', () => {
  for (const channel of ALL_CHANNELS.filter((c) => !NOT_ANY_VALUE.has(c))) {
    const runs = CORE_CHANNELS.has(channel) ? 300 : 100
    it(`${channel}: ${runs} inputs with a field replaced by an edge or arbitrary value`, async () => {
      const w = await world()
      const valid = validInputs(w.ids)[channel]!
      const value = fc.oneof(fc.constantFrom(...EDGE_VALUES), fc.anything({ maxDepth: 2 }))
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...valid), value, fc.nat(), async (template, replacement, pick) => {
          const input = replaceAField(template, replacement, pick)
          const before = rowCounts(w)
          const result = await callSafely(w, channel, input)
          const after = rowCounts(w)
          if (!result.ok) {
            expectTypedError(result, channel)
            // A refusal may be audited (a wrong PIN, a forbidden action, a refused restore), and a
            // wrong PIN counts against its credential; nothing else is written.
            const { audit_log: auditBefore, staff_credentials: _, ...restBefore } = before
            const { audit_log: auditAfter, staff_credentials: __, ...restAfter } = after
            expect(restAfter).toEqual(restBefore)
            expect(auditAfter! - auditBefore!).toBeGreaterThanOrEqual(0)
            expect(auditAfter! - auditBefore!).toBeLessThanOrEqual(1)
          } else if (CORE_CHANNELS.has(channel)) {
            // A core write that succeeds adds one row to one core table.
            const changed = CORE_TABLES.map((t) => after[t]! - before[t]!).filter((d) => d !== 0)
            expect(changed.every((d) => d === 1) && changed.length <= 1).toBe(true)
          }
          expectNoPollution()
        }),
        { seed: SEED, numRuns: runs }
      )
      expect(w.logged).toEqual([])
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
