/**
 * Recovery cannot be used to become someone else: a swap of the records (restore, start empty)
 * signs everyone out, a sign-in is bound to the identity of the database it was made in, starting
 * empty while backups exist must be typed, and the audit names who did it from main's sign-in only.
 */
import Database from 'better-sqlite3'
import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createHandlers } from '../../../src/main/app/handlers'
import { listAudit } from '../../../src/main/people/audit'
import { createWorkstation } from '../../../src/main/people/workstation'
import { databaseIdentity } from '../../../src/main/db/identity'
import type { Storage } from '../../../src/main/storage/storage'
import type { Channel, InputOf, OutputOf } from '../../../src/shared/contract'
import type { Result } from '../../../src/shared/kernel/result'
import { NOBODY_SIGNED_IN } from '../../../src/shared/storage/backup'
import { CHEAP_PIN_COST } from '../authHelpers'
import { makeStorage, seedRecords } from './storageHelpers'

const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c()
})

function api(storage: Storage) {
  const workstation = createWorkstation()
  const handlers = createHandlers(storage.context(), { workstation, pinCost: CHEAP_PIN_COST })
  const call = <C extends Channel>(channel: C, input: InputOf<C>) => handlers[channel](input) as Result<OutputOf<C>> | Promise<Result<OutputOf<C>>>
  return { call, workstation }
}
const value = async <T>(r: Result<T> | Promise<Result<T>>): Promise<T> => {
  const settled = await r
  if (!settled.ok) throw new Error(`expected ok, got ${JSON.stringify(settled.error)}`)
  return settled.value
}

/** The clinic's records: its first administrator (staff #1), staff and a session; one backup of them. */
async function clinicWithBackup() {
  const s = makeStorage()
  cleanups.push(s.cleanup)
  const clinic = api(s.storage)
  const admin = (await value(clinic.call('auth.setUp', { name: 'Alma Admin', pin: '1357' }))).staff!
  seedRecords(s.storage, s.clock)
  // Someone is at the keyboard: the minutes of seeding do not lock the screen.
  await value(clinic.call('auth.activity', {}))
  const backup = await value(clinic.call('backups.create', {}))
  return { ...s, clinic, admin, backup }
}

describe('recovery takeover', () => {
  it('an empty database, its own administrator and a restore of the real backup leave nobody signed in, and the audit blames no one of the clinic', async () => {
    const s = await clinicWithBackup()
    const clinicIdentity = databaseIdentity(s.storage.holder.get())
    await s.storage.close()
    for (const suffix of ['', '-wal', '-shm']) rmSync(s.dbPath + suffix, { force: true })

    const storage = s.open()
    expect(storage.startupStatus()).toMatchObject({ mode: 'recovery', reason: 'missing' })
    const { call, workstation } = api(storage)
    // One click is not enough while backups exist.
    expect(await call('startup.startEmpty', {})).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'confirmation' } })
    expect(storage.startupStatus().mode).toBe('recovery')
    await value(call('startup.startEmpty', { confirmation: 'START EMPTY' }))
    expect(listAudit(storage.holder.get())).toMatchObject([{ kind: 'records_started_empty', actorId: null, detail: { actor: NOBODY_SIGNED_IN, backupsInFolder: 1 } }])

    const mallory = (await value(call('auth.setUp', { name: 'Mallory', pin: '9753' }))).staff!
    // The same staff number as the clinic's real administrator, in another database.
    expect(mallory.id).toBe(s.admin.id)
    expect(databaseIdentity(storage.holder.get())).not.toBe(clinicIdentity)

    await value(call('backups.restore', { fileName: s.backup.fileName, authorId: mallory.id }))
    expect(workstation.staffId).toBeNull()
    expect(await value(call('auth.state', {}))).toMatchObject({ status: 'signed_out', staff: null })
    expect(await call('patients.list', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })

    const restoredLog = listAudit(storage.holder.get())
    const restored = restoredLog.find((a) => a.kind === 'restored')!
    expect(restored.actorId).toBeNull()
    expect(restored.detail['actor']).toContain('Mallory')
    // Nothing written after the restore is put on the clinic's administrator.
    expect(restoredLog.filter((a) => a.id >= restored.id && a.actorId === s.admin.id)).toEqual([])
  })

  it('a sign-in is checked against the open records on every guarded call: replaced under it, it is over', async () => {
    const s = await clinicWithBackup()
    const other = makeStorage()
    cleanups.push(other.cleanup)
    await value(api(other.storage).call('auth.setUp', { name: 'Mallory', pin: '9753' }))
    await other.storage.close()
    await s.clinic.call('auth.signOut', {})
    const nurse = s.clinic
    await value(nurse.call('auth.signIn', { staffId: s.admin.id, pin: '1357' }))
    // Another database's file put where the records are, by a path that signs nobody out.
    const restoredByHand = s.storage.holder
    restoredByHand.set(new Database(other.dbPath))
    expect(await nurse.call('patients.list', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: expect.stringContaining('Sign in first') } })
    expect(nurse.workstation).toMatchObject({ staffId: null, databaseId: null })
    expect(listAudit(restoredByHand.get()).at(-1)).toMatchObject({ kind: 'signed_out', actorId: null, detail: { reason: 'the session records were replaced' } })
  })

  it('the administrator restoring a backup of the same records is signed out, and named in the audit', async () => {
    const s = await clinicWithBackup()
    await value(s.clinic.call('backups.restore', { fileName: s.backup.fileName }))
    expect(await value(s.clinic.call('auth.state', {}))).toMatchObject({ status: 'signed_out' })
    const log = listAudit(s.storage.holder.get())
    expect(log.find((a) => a.kind === 'restored')).toMatchObject({ actorId: s.admin.id })
    expect(log.find((a) => a.kind === 'restored')!.detail['actor']).toBeUndefined()
    expect(log.at(-1)).toMatchObject({ kind: 'signed_out', actorId: s.admin.id, detail: { reason: 'the records were restored from a backup' } })
  })

  it('start empty is only a step of recovery: with the records open it does nothing and signs nobody out', async () => {
    const s = await clinicWithBackup()
    expect(await value(s.clinic.call('startup.startEmpty', { confirmation: 'START EMPTY' }))).toEqual({ mode: 'normal' })
    expect(await value(s.clinic.call('auth.state', {}))).toMatchObject({ status: 'active', staff: { id: s.admin.id } })
  })
})

describe('who did it comes from the sign-in, never from the input', () => {
  it('a restore in recovery that names the administrator is audited as done with nobody signed in', async () => {
    const s = await clinicWithBackup()
    await s.storage.close()
    rmSync(s.dbPath, { force: true })
    const storage = s.open()
    const { call } = api(storage)
    await value(call('backups.restore', { fileName: s.backup.fileName, authorId: s.admin.id }))
    const restored = listAudit(storage.holder.get()).find((a) => a.kind === 'restored')!
    expect(restored).toMatchObject({ actorId: null, detail: { actor: NOBODY_SIGNED_IN } })
  })

  it('a backup, an export and a backup folder change without an author are audited under the person signed in', async () => {
    const s = await clinicWithBackup()
    const db = () => s.storage.holder.get()
    const sessionId = (db().prepare('SELECT id FROM sessions').get() as { id: number }).id
    await value(s.clinic.call('exports.csv', { sessionId }))
    await value(s.clinic.call('reports.document', { sessionId }))
    await value(s.clinic.call('backups.setFolder', { folder: join(s.dir, 'elsewhere') }))
    const log = listAudit(db())
    expect(log.find((a) => a.kind === 'backup_created')).toMatchObject({ actorId: s.admin.id })
    expect(log.filter((a) => a.kind === 'record_exported').map((a) => a.actorId)).toEqual([s.admin.id, s.admin.id])
    expect(log.find((a) => a.kind === 'settings_changed')).toMatchObject({ actorId: s.admin.id })
  })
})
