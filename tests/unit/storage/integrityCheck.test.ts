import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { checkIntegrityOffThread } from '../../../src/main/storage/integrityCheck'
import { Storage } from '../../../src/main/storage/storage'
import { NOT_OPEN_MESSAGE } from '../../../src/main/storage/holder'
import { MIN } from '../helpers'
import { corruptPages, count, makeStorage, seedRecords } from './storageHelpers'

const cleanups: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c()
})
const setup = () => {
  const s = makeStorage()
  cleanups.push(s.cleanup)
  return s
}

describe('the integrity check off the main thread', () => {
  it('passes an intact database and names the problems of a damaged one', async () => {
    const s = setup()
    seedRecords(s.storage, s.clock)
    await s.storage.close()
    expect(await checkIntegrityOffThread(s.dbPath)).toEqual([])
    corruptPages(s.dbPath)
    const problems = await checkIntegrityOffThread(s.dbPath)
    expect(problems.length).toBeGreaterThan(0)
    expect(problems.length).toBeLessThanOrEqual(5)
  })

  it('never passes a file it cannot read', async () => {
    const s = setup()
    const notDb = join(s.dir, 'not-a-db.sqlite')
    writeFileSync(notDb, 'x'.repeat(8192))
    expect(await checkIntegrityOffThread(notDb)).toEqual([expect.stringMatching(/not a database/)])
    expect(await checkIntegrityOffThread(join(s.dir, 'missing.sqlite'))).toEqual([expect.stringMatching(/unable to open|does not exist/i)])
  })
})

describe('start-up does not wait for the integrity check', () => {
  /** A check that finishes only when the test says so, with the answer the test gives. */
  const heldCheck = () => {
    let finish: (problems: string[]) => void = () => undefined
    const answer = new Promise<string[]>((resolve) => (finish = resolve))
    return { check: () => answer, finish }
  }

  it('the records open and take entries while the check runs; damage found later puts the app into recovery', async () => {
    const s = setup()
    seedRecords(s.storage, s.clock)
    await s.storage.close()
    const held = heldCheck()
    const storage = Storage.open({ dbPath: s.dbPath, clock: s.clock, integrityCheck: held.check })
    cleanups.push(() => storage.close())
    expect(storage.startupStatus()).toEqual({ mode: 'normal' })
    const before = count(storage.context().db, 'events')
    seedRecords(storage, s.clock, { code: 'LATER-1' })
    expect(count(storage.context().db, 'events')).toBeGreaterThan(before)

    held.finish(['*** in database main *** Page 7: btreeInitPage() returns error code 11'])
    await storage.integrityChecked
    const status = storage.startupStatus()
    expect(status).toMatchObject({ mode: 'recovery', reason: 'damaged' })
    if (status.mode === 'recovery') expect(status.problem).toMatch(/failed their integrity check \(\*\*\* in database main \*\*\* Page 7/)
    expect(() => storage.context().db).toThrow(NOT_OPEN_MESSAGE)
  })

  it('a restore made while the check runs is not undone by the check of the file it replaced', async () => {
    const s = setup()
    seedRecords(s.storage, s.clock)
    const backup = await s.storage.backupNow('manual')
    await s.storage.close()
    const held = heldCheck()
    const storage = Storage.open({ dbPath: s.dbPath, clock: s.clock, integrityCheck: held.check })
    cleanups.push(() => storage.close())
    s.clock.advance(MIN)
    await storage.restore(backup.fileName)
    held.finish(['damaged'])
    await storage.integrityChecked
    expect(storage.startupStatus()).toEqual({ mode: 'normal' })
    expect(count(storage.context().db, 'events')).toBe(4)
  })
})
