/**
 * Storage trouble under the handlers (the same faults the harness brings on for the e2e tests,
 * tests/harness/fault.ts): every write gets a typed STORAGE error that says nothing was saved,
 * no half-written row is left, and once the trouble is gone everything saved before is there.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createHandlers, type Handlers } from '../../../src/main/app/handlers'
import type { RecordEntryInput } from '../../../src/shared/record/channels'
import type { Result } from '../../../src/shared/kernel/result'
import { createFaults, type Faults } from '../../harness/fault'
import { signedInWorkstation } from '../authHelpers'
import { countEvents, makeSeededContext } from '../helpers'

let t: ReturnType<typeof makeSeededContext>
let ctx: { db: ReturnType<typeof makeSeededContext>['db']; clock: ReturnType<typeof makeSeededContext>['clock'] }
let handlers: Handlers
let faults: Faults
beforeEach(() => {
  t = makeSeededContext()
  ctx = { db: t.db, clock: t.clock }
  // The nurse who records the vitals below is signed in (the guard refuses anyone else).
  handlers = createHandlers(ctx, { log: () => undefined, workstation: signedInWorkstation(ctx, t.team.nurse.id) })
  faults = createFaults(ctx, t.dbPath)
})
afterEach(() => {
  if (ctx.db.open) ctx.db.close()
  t.cleanup()
})

const vitals = (heartRate: number): RecordEntryInput => ({
  sessionId: t.session.id,
  authorId: t.team.nurse.id,
  entry: { type: 'vitals', vitals: { systolic: 120, diastolic: 80, heartRate, spo2: 98, respiratoryRate: 14 } }
})
const record = (heartRate: number) => handlers['entries.record'](vitals(heartRate)) as Result<{ seq: number }>
const events = () => countEvents(ctx.db)

function expectStorage(r: Result<unknown>, message: RegExp): void {
  expect(r).toMatchObject({ ok: false, error: { code: 'STORAGE' } })
  if (!r.ok) {
    expect(r.error.message).toMatch(message)
    expect(r.error.message).toMatch(/nothing was saved/i)
  }
}

describe('storage trouble', () => {
  it('read-only: every write is refused as such, reading still works, and writes resume once writable', () => {
    for (let i = 0; i < 3; i++) expect(record(70 + i).ok).toBe(true)
    faults.apply('readonly')
    expectStorage(record(90), /cannot be written to/)
    expectStorage(
      handlers['patients.create']({ patientCode: 'P-0099', fullName: 'New Patient', dateOfBirth: '1980-01-01', weightKg: 70 }) as Result<unknown>,
      /cannot be written to/
    )
    expect(handlers['sessions.get']({ sessionId: t.session.id }).ok).toBe(true)
    expect(events()).toBe(3)
    faults.apply('ok')
    expect(record(90).ok).toBe(true)
    expect(events()).toBe(4)
  })

  it('disk full: entries that fit are saved whole, the first that does not is refused as disk full, and none is half-written', () => {
    faults.apply('full')
    let saved = 0
    let refused: Result<unknown> | undefined
    for (let i = 0; i < 5000 && !refused; i++) {
      const r = record(60 + (i % 40))
      if (r.ok) saved++
      else refused = r
    }
    expect(refused).toBeDefined()
    expectStorage(refused!, /disk is full/)
    expect(events()).toBe(saved)
    expect(ctx.db.pragma('integrity_check', { simple: true })).toBe('ok')
    faults.apply('ok')
    const after = record(99)
    expect(after.ok && after.value.seq).toBe(saved + 1)
  })

  it('damaged file: writing is refused as damage, and the good copy put back holds every entry saved before', () => {
    for (let i = 0; i < 5; i++) expect(record(70 + i).ok).toBe(true)
    faults.apply('corrupt')
    expectStorage(record(90), /damaged/)
    expect(ctx.db.pragma('integrity_check', { simple: true })).not.toBe('ok')
    faults.apply('ok')
    expect(ctx.db.pragma('integrity_check', { simple: true })).toBe('ok')
    expect(events()).toBe(5)
    expect(record(90).ok).toBe(true)
  })
})
