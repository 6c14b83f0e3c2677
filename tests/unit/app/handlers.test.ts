import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createHandlers, type Handlers } from '../../../src/main/app/handlers'
import { recordEntry } from '../../../src/main/record/entries'
import { listProtocols } from '../../../src/main/protocols/protocols'
import { CHANNELS, contract, type Channel, type InputOf } from '../../../src/shared/contract'
import type { SessionEvent } from '../../../src/shared/record/events'
import { defaultPermissionTable } from '../../../src/shared/people/permissions'
import type { Result } from '../../../src/shared/kernel/result'
// issue 6: the backup channels need the database file's storage
import { join } from 'node:path'
import type { BackupInfo } from '../../../src/shared/storage/backup'
import { Storage } from '../../../src/main/storage/storage'
import { createWorkstation, type Workstation } from '../../../src/main/people/workstation'
import { givePin, sitDown } from '../authHelpers'
import { countRows, makeSeededContext, MIN, seedSession, STANDARD_PLAN, T0 } from '../helpers'

type Seeded = ReturnType<typeof makeSeededContext>
let t: Seeded
let handlers: Handlers
let logged: { channel: Channel; error: unknown }[]
let event: SessionEvent
/** Clinical safety: a reading above the default systolic limit, so there is an alert to acknowledge. */
let alarming: SessionEvent
let storage: Storage
let backup: BackupInfo
let workstation: Workstation
/** A second session, ended, for the sign-off channel. */
let endedSessionId: number
beforeEach(async () => {
  t = makeSeededContext()
  storage = Storage.open({ dbPath: t.dbPath, clock: t.clock })
  t.ctx.storage = storage
  logged = []
  workstation = createWorkstation()
  handlers = createHandlers(t.ctx, { log: (channel, error) => logged.push({ channel, error }), workstation })
  t.clock.set(T0 + 5 * MIN)
  event = recordEntry(t.ctx, { sessionId: t.session.id, authorId: t.team.nurse.id, entry: { type: 'vitals', vitals: VITALS } })
  alarming = recordEntry(t.ctx, { sessionId: t.session.id, authorId: t.team.nurse.id, entry: { type: 'vitals', vitals: { ...VITALS, systolic: 190 } } })
  backup = await storage.backupNow('manual')
  givePin(t.ctx, t.team.nurse.id, '2468')
  givePin(t.ctx, t.team.physician.id, '8642')
  endedSessionId = seedSession(t.ctx, t.team, t.patient).id
  recordEntry(t.ctx, { sessionId: endedSessionId, authorId: t.team.nurse.id, entry: { type: 'session_ended' } })
  t.clock.set(T0 + 10 * MIN)
})
afterEach(async () => {
  // The start-up integrity check reads the file on a worker thread: let it finish before the file goes.
  await storage.integrityChecked
  await storage.close()
  t.cleanup()
})

const VITALS = { systolic: 120, diastolic: 80, heartRate: 70, spo2: 98, respiratoryRate: 14 }

/** One valid input per channel; the type makes a new channel without one a compile error. */
function validInputs(): { [C in Channel]: InputOf<C> } {
  return {
    'clock.now': {},
    'patients.list': {},
    'patients.get': { patientId: t.patient.id },
    'patients.create': { patientCode: 'P-0002', fullName: 'New Patient', dateOfBirth: '1990-01-01', weightKg: 82.5 },
    'staff.list': {},
    'staff.create': { authorId: t.team.admin.id, name: 'Nora Nurse', role: 'nurse', pin: '2580' },
    'sessions.create': {
      patientId: t.patient.id,
      authorId: t.team.nurse.id,
      plan: STANDARD_PLAN,
      team: { physicianId: t.team.physician.id, nurseId: t.team.nurse.id, therapistId: null }
    },
    'sessions.get': { sessionId: t.session.id },
    'entries.since': { sessionId: t.session.id, afterSeq: 0 },
    'sessions.listForPatient': { patientId: t.patient.id },
    'sessions.listOpen': {},
    'entries.record': { sessionId: t.session.id, authorId: t.team.nurse.id, entry: { type: 'vitals', vitals: { ...VITALS, heartRate: 72 } } },
    'entries.correct': {
      sessionId: t.session.id,
      authorId: t.team.nurse.id,
      eventId: event.id,
      reason: 'misread the monitor',
      entry: { type: 'vitals', vitals: { ...VITALS, systolic: 118 } }
    },
    'entries.markInError': { sessionId: t.session.id, authorId: t.team.nurse.id, eventId: event.id, reason: 'wrong patient' },
    // Clinical safety
    'protocols.list': {},
    'protocols.history': { lineageId: listProtocols(t.ctx)[0]!.lineageId },
    'protocols.create': { authorId: t.team.admin.id, definition: { ...listProtocols(t.ctx)[0]!.definition, name: 'Clinic IV 0.6' } },
    'protocols.update': {
      authorId: t.team.admin.id,
      protocolId: listProtocols(t.ctx)[0]!.id,
      definition: { ...listProtocols(t.ctx)[0]!.definition, minRecoveryMin: 90 },
      reason: 'Longer observation'
    },
    'protocols.retire': { authorId: t.team.admin.id, protocolId: listProtocols(t.ctx)[0]!.id, reason: 'No longer offered' },
    'alerts.acknowledge': {
      sessionId: t.session.id,
      authorId: t.team.nurse.id,
      alertKey: `vital_limit:systolic:high:${alarming.id}`,
      response: 'recheck_vitals'
    },
    'discharge.record': {
      sessionId: t.session.id,
      authorId: t.team.physician.id,
      assessment: {
        aldrete: { activity: 2, respiration: 2, circulation: 2, consciousness: 2, oxygenSaturation: 2 },
        escortPresent: true,
        noDrivingAdviceGiven: true,
        patientReport: 'Feels well'
      },
      override: { reason: 'Systolic rechecked at 150, physician reviewed' }
    },
    'scales.listForPatient': { patientId: t.patient.id },
    // issue 6
    'reports.document': { sessionId: t.session.id },
    'reports.rems': { sessionId: t.session.id },
    'exports.fhir': { sessionId: t.session.id },
    'exports.csv': { sessionId: t.session.id },
    'patients.course': { patientId: t.patient.id },
    'backups.overview': {},
    'backups.create': {},
    'backups.restore': { fileName: backup.fileName, authorId: t.team.admin.id },
    'backups.setFolder': { folder: join(t.dir, 'elsewhere'), authorId: t.team.admin.id },
    'startup.status': {},
    'startup.startEmpty': {},
    // Issue 5: sign-in, roles and permissions, sign-off, audit trail
    'auth.state': {},
    'auth.setUp': { name: 'Alma Admin', pin: '1357' },
    'auth.signIn': { staffId: t.team.nurse.id, pin: '2468' },
    'auth.signOut': {},
    'auth.lock': {},
    'auth.activity': {},
    'staff.setActive': { authorId: t.team.admin.id, staffId: t.team.therapist.id, active: false },
    'staff.resetPin': { authorId: t.team.admin.id, staffId: t.team.therapist.id, pin: '5791' },
    'settings.get': {},
    'settings.update': { authorId: t.team.admin.id, idleLockMinutes: 10, lockoutMinutes: 30, permissions: defaultPermissionTable() },
    'monitor.openSessions': {},
    'record.status': { sessionId: t.session.id },
    'record.signOff': { sessionId: endedSessionId, authorId: t.team.physician.id, pin: '8642' },
    'audit.session': { sessionId: t.session.id }
  }
}

const TABLES = ['patients', 'staff', 'sessions', 'events', 'protocols']
const rowCounts = () => TABLES.map((table) => countRows(t.db, table))

/**
 * Calls a handler and insists it answers rather than throws. Whoever the input names as its
 * author is signed in first (the nurse when it names nobody): the guard has its own tests.
 */
function call(channel: Channel, input: unknown): Result<unknown> {
  const author = (input as { authorId?: unknown } | null)?.authorId
  sitDown(workstation, t.ctx, typeof author === 'number' && author > 0 && Number.isInteger(author) ? author : t.team.nurse.id)
  let result: Result<unknown> | Promise<Result<unknown>> | undefined
  expect(() => {
    result = handlers[channel](input)
  }).not.toThrow()
  if (result instanceof Promise) throw new Error(`${channel} answered a Promise where a Result was expected`)
  return result!
}

function expectInvalid(channel: Channel, input: unknown, label: string): { message: string; field?: string } {
  const before = rowCounts()
  const res = call(channel, input)
  expect(res.ok, `${channel} ${label} should be refused`).toBe(false)
  if (res.ok) throw new Error('unreachable')
  expect(res.error.code, `${channel} ${label}`).toBe('INVALID_INPUT')
  expect(typeof res.error.message).toBe('string')
  expect(res.error.message.trim().length, `${channel} ${label} message`).toBeGreaterThan(0)
  expect(rowCounts(), `${channel} ${label} wrote nothing`).toEqual(before)
  return res.error
}

/** The same object with an own "__proto__" key, as JSON.parse makes it. */
const withProtoKey = (input: object): unknown => JSON.parse(`{"__proto__":{"x":1}${Object.keys(input).length ? ',' : ''}${JSON.stringify(input).slice(1)}`)

/** Channels that take no input: for them the only malformation is an unknown field. */
const EMPTY_INPUT = new Set<Channel>([
  'clock.now',
  'patients.list',
  'staff.list',
  'sessions.listOpen',
  'protocols.list',
  // issue 6
  'backups.overview',
  'backups.create',
  'startup.status',
  'startup.startEmpty',
  'auth.state',
  'auth.signOut',
  'auth.lock',
  'auth.activity',
  'settings.get',
  'monitor.openSessions'
])
const isEmptyInput = (c: Channel) => EMPTY_INPUT.has(c)

describe('the contract', () => {
  it('every channel has a handler and a valid input in this test', () => {
    expect(Object.keys(handlers).sort()).toEqual([...CHANNELS].sort())
    expect(Object.keys(validInputs()).sort()).toEqual([...CHANNELS].sort())
    const inputs = validInputs()
    expect(CHANNELS.filter((c) => Object.keys(inputs[c]).length === 0).sort()).toEqual([...EMPTY_INPUT].sort())
  })

  for (const channel of CHANNELS) {
    it(`${channel} answers a valid input with ok`, async () => {
      const input = validInputs()[channel]
      const author = (input as { authorId?: unknown }).authorId
      sitDown(workstation, t.ctx, typeof author === 'number' ? author : t.team.nurse.id)
      const res = await handlers[channel](input)
      expect(res, JSON.stringify(res)).toMatchObject({ ok: true })
    })
  }
})

describe('malformed input is refused as INVALID_INPUT, never thrown, and nothing is written', () => {
  for (const channel of CHANNELS) {
    describe(channel, () => {
      it('an unknown extra field', () => {
        const err = expectInvalid(channel, { ...validInputs()[channel], surprise: 1 }, 'with an unknown field')
        expect(err.field).toBeUndefined()
        expect(err.message).toMatch(/surprise/)
      })

      it('a "__proto__" key', () => {
        expectInvalid(channel, withProtoKey(validInputs()[channel]), 'with __proto__')
        expect(({} as Record<string, unknown>)['x']).toBeUndefined()
      })

      it('a "constructor" key', () => {
        expectInvalid(channel, { ...validInputs()[channel], constructor: { x: 1 } }, 'with constructor')
      })

      if (isEmptyInput(channel)) return

      it('null', () => {
        expectInvalid(channel, null, 'null')
      })

      it('undefined', () => {
        expectInvalid(channel, undefined, 'undefined')
      })

      it('a string', () => {
        expectInvalid(channel, 'patients', 'a string')
      })

      it('an array', () => {
        expectInvalid(channel, [validInputs()[channel]], 'an array')
      })

      it('{} with the fields missing', () => {
        expectInvalid(channel, {}, '{}')
      })

      it('each field missing', () => {
        const valid = validInputs()[channel] as Record<string, unknown>
        const optional = new Set(['occurredAt', 'confirmOverPlan'])
        // Who asked for an export, backup or restore is optional: a restore may be needed before anyone can sign in.
        const schema = contract[channel].input
        for (const key of Object.keys(valid).filter((k) => !optional.has(k) && !(k === 'authorId' && schema.safeParse({ ...valid, authorId: undefined }).success))) {
          const { [key]: _, ...rest } = valid
          const err = expectInvalid(channel, rest, `without ${key}`)
          expect(err.field).toBe(key)
        }
      })

      it('each field of the wrong type', () => {
        const valid = validInputs()[channel] as Record<string, unknown>
        for (const [key, value] of Object.entries(valid)) {
          const wrong = typeof value === 'string' ? 42 : typeof value === 'number' ? String(value) : 'not an object'
          const err = expectInvalid(channel, { ...valid, [key]: wrong }, `${key}=${JSON.stringify(wrong)}`)
          expect(err.field?.split('.')[0]).toBe(key)
        }
      })

      it('NaN, Infinity and fractions in number fields', () => {
        const valid = validInputs()[channel] as Record<string, unknown>
        const numeric = Object.entries(valid).filter(([, v]) => typeof v === 'number')
        for (const [key] of numeric) {
          for (const bad of [Number.NaN, Infinity, -Infinity, -1, 1.5]) {
            if (channel === 'patients.create' && bad === 1.5) continue // a weight may have decimals, and 1.5 kg is refused anyway
            const err = expectInvalid(channel, { ...valid, [key]: bad }, `${key}=${bad}`)
            expect(err.field).toBe(key)
          }
        }
      })
    })
  }

  it('a nested unknown field is refused with its path', () => {
    const input = validInputs()['entries.record']
    const err = expectInvalid('entries.record', { ...input, entry: { type: 'vitals', vitals: { ...VITALS, glucose: 5 } } }, 'nested extra')
    expect(err.field).toBe('entry.vitals')
  })

  it('NaN and Infinity deep in an entry are refused', () => {
    const input = validInputs()['entries.record']
    for (const bad of [Number.NaN, Infinity]) {
      expectInvalid('entries.record', { ...input, entry: { type: 'vitals', vitals: { ...VITALS, spo2: bad } } }, `spo2=${bad}`)
      expectInvalid('entries.record', { ...input, entry: { type: 'infusion_started', rate: { value: bad, unit: 'mg/h' } } }, `rate=${bad}`)
      expectInvalid('sessions.create', { ...validInputs()['sessions.create'], plan: { ...STANDARD_PLAN, weightKg: bad } }, `weight=${bad}`)
    }
  })

  it('an occurredAt that is not a whole epoch time is refused', () => {
    const input = validInputs()['entries.record']
    for (const occurredAt of [1.5, -1, Number.NaN, '2025-03-10T12:00:00Z', 8.64e15 + 1]) {
      expect(expectInvalid('entries.record', { ...input, occurredAt }, `occurredAt=${occurredAt}`).field).toBe('occurredAt')
    }
  })
})

describe('field paths', () => {
  const record = (entry: unknown) => ({ ...validInputs()['entries.record'], entry })

  it('a systolic out of range is on entry.vitals.systolic', () => {
    expect(expectInvalid('entries.record', record({ type: 'vitals', vitals: { ...VITALS, systolic: 301 } }), 'systolic').field).toBe('entry.vitals.systolic')
  })

  it('a diastolic not below systolic is on entry.vitals.diastolic', () => {
    const err = expectInvalid('entries.record', record({ type: 'vitals', vitals: { ...VITALS, systolic: 120, diastolic: 120 } }), 'diastolic')
    expect(err.field).toBe('entry.vitals.diastolic')
    expect(err.message).toMatch(/below systolic/)
  })

  it('a zero rate is on entry.rate.value', () => {
    expect(expectInvalid('entries.record', record({ type: 'infusion_started', rate: { value: 0, unit: 'mg/h' } }), 'rate').field).toBe('entry.rate.value')
  })

  it('a medication note without its medication is on entry.note.medication', () => {
    const err = expectInvalid('entries.record', record({ type: 'note', note: { noteType: 'medication_given', text: '' } }), 'medication')
    expect(err.field).toBe('entry.note.medication')
  })

  it('an unknown entry type is on entry.type', () => {
    expect(expectInvalid('entries.record', record({ type: 'bolus' }), 'type').field).toBe('entry.type')
  })

  it('a Patient ID with a space is on patientCode', () => {
    expect(expectInvalid('patients.create', { ...validInputs()['patients.create'], patientCode: 'P 1' }, 'code').field).toBe('patientCode')
  })

  it('a plan number out of range is on plan.<field>', () => {
    const input = validInputs()['sessions.create']
    expect(expectInvalid('sessions.create', { ...input, plan: { ...STANDARD_PLAN, bagVolumeMl: 0 } }, 'bag').field).toBe('plan.bagVolumeMl')
    expect(expectInvalid('sessions.create', { ...input, team: { ...input.team, nurseId: 0 } }, 'nurse').field).toBe('team.nurseId')
  })

  it('a bag too small for the plan is on plan.bagVolumeMl', () => {
    const res = call('sessions.create', { ...validInputs()['sessions.create'], plan: { ...STANDARD_PLAN, bagVolumeMl: 30 } })
    expect(res).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'plan.bagVolumeMl' } })
  })
})

describe('service errors', () => {
  it('a domain refusal keeps its code and field', () => {
    const res = call('entries.record', { ...validInputs()['entries.record'], authorId: t.team.physician.id, entry: { type: 'infusion_resumed' } })
    expect(res).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } })
    const dup = call('patients.create', { ...validInputs()['patients.create'], patientCode: 'p-0001' })
    expect(dup).toMatchObject({ ok: false, error: { code: 'CONFLICT', field: 'patientCode' } })
    expect(logged).toEqual([])
  })

  it('an over-plan rate asks for confirmation, and is saved once confirmed', () => {
    const input = {
      ...validInputs()['entries.record'],
      authorId: t.team.physician.id,
      entry: { type: 'infusion_started' as const, rate: { value: 70, unit: 'mg/h' as const } }
    }
    expect(call('entries.record', input)).toMatchObject({ ok: false, error: { code: 'CONFIRMATION_REQUIRED', field: 'entry.rate.value' } })
    expect(call('entries.record', { ...input, confirmOverPlan: true })).toMatchObject({ ok: true, value: { type: 'infusion_started' } })
  })

  it('an unknown session is NOT_FOUND', () => {
    expect(call('sessions.get', { sessionId: 9999 })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', field: 'sessionId' } })
  })

  it('an SQLite failure becomes STORAGE, says nothing was saved, and is logged', () => {
    t.db.pragma('query_only = 1')
    const before = rowCounts()
    const res = call('patients.create', validInputs()['patients.create'])
    expect(res.ok).toBe(false)
    if (res.ok) return
    expect(res.error.code).toBe('STORAGE')
    expect(res.error.message).toMatch(/nothing was saved/i)
    expect(rowCounts()).toEqual(before)
    expect(logged).toHaveLength(1)
    expect(logged[0]!.channel).toBe('patients.create')
    t.db.pragma('query_only = 0')
  })

  it('every write channel answers STORAGE when the database is read-only', () => {
    const inputs = validInputs()
    t.db.pragma('query_only = 1')
    for (const channel of ['patients.create', 'staff.create', 'sessions.create', 'entries.record', 'entries.correct', 'entries.markInError'] as const) {
      const res = call(channel, inputs[channel])
      expect(res, channel).toMatchObject({ ok: false, error: { code: 'STORAGE' } })
      if (!res.ok) expect(res.error.message).toMatch(/nothing was saved/i)
    }
    // Reading still works.
    expect(call('sessions.get', inputs['sessions.get']).ok).toBe(true)
    t.db.pragma('query_only = 0')
  })

  it('an unexpected failure becomes INTERNAL with a plain message, even when what was thrown is not an Error', () => {
    for (const thrown of [new Error('boom'), null, undefined, 'a string', 42]) {
      const broken = createHandlers(
        {
          db: t.db,
          clock: {
            now: () => {
              throw thrown
            }
          }
        },
        { log: (channel, error) => logged.push({ channel, error }) }
      )
      let res: Result<unknown> | undefined
      expect(() => {
        res = broken['clock.now']({})
      }, String(thrown)).not.toThrow()
      expect(res).toMatchObject({ ok: false, error: { code: 'INTERNAL' } })
      if (res && !res.ok) expect(res.error.message).toMatch(/nothing was saved/i)
    }
    expect(logged).toHaveLength(5)
  })

  it('a logger that itself fails does not make the handler throw', () => {
    const noisy = createHandlers(t.ctx, {
      log: () => {
        throw new Error('stdout closed')
      },
      workstation
    })
    sitDown(workstation, t.ctx, t.team.admin.id)
    t.db.pragma('query_only = 1')
    let res: Result<unknown> | undefined
    expect(() => {
      res = noisy['staff.create']({ authorId: t.team.admin.id, name: 'Nora Nurse', role: 'nurse', pin: '2580' })
    }).not.toThrow()
    expect(res).toMatchObject({ ok: false, error: { code: 'STORAGE' } })
    t.db.pragma('query_only = 0')
  })

  it('the clock channel tells the time of the injected clock', () => {
    t.clock.set(T0 + 42)
    expect(call('clock.now', {})).toEqual({ ok: true, value: T0 + 42 })
    expect(call('clock.now', undefined)).toEqual({ ok: true, value: T0 + 42 })
  })
})
