import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import Database from 'better-sqlite3'
import { boot, type Booted } from '../../../src/main/app/boot'
import { announcing } from '../../../src/main/app/announce'
import { createEventBus } from '../../../src/main/app/bus'
import type { Handlers } from '../../../src/main/app/handlers'
import { noteAppended } from '../../../src/main/db/changes'
import type { AppEvent } from '../../../src/shared/contract'
import type { Result } from '../../../src/shared/kernel/result'
import { createEventHub } from '../../../src/shared/appEvents'
import { givePin, sitDown } from '../authHelpers'
import { makeSeededContext, MIN, T0 } from '../helpers'

const VITALS = { systolic: 120, diastolic: 80, heartRate: 70, spo2: 98, respiratoryRate: 14 }

describe('the event bus', () => {
  it('tells every listener, in order, until it unsubscribes', () => {
    const bus = createEventBus()
    const first: AppEvent[] = []
    const second: AppEvent[] = []
    const stop = bus.subscribe((e) => first.push(e))
    bus.subscribe((e) => second.push(e))
    bus.emit({ type: 'entries.appended', sessionId: 1, seq: 2 })
    stop()
    bus.emit({ type: 'sessions.changed' })
    expect(first).toEqual([{ type: 'entries.appended', sessionId: 1, seq: 2 }])
    expect(second).toEqual([{ type: 'entries.appended', sessionId: 1, seq: 2 }, { type: 'sessions.changed' }])
  })

  it('a listener that throws is logged and the others are still told', () => {
    const logged: string[] = []
    const bus = createEventBus((message) => logged.push(message))
    const told: AppEvent[] = []
    bus.subscribe(() => {
      throw new Error('window gone')
    })
    bus.subscribe((e) => told.push(e))
    bus.emit({ type: 'auth.changed' })
    expect(told).toEqual([{ type: 'auth.changed' }])
    expect(logged).toEqual(['telling of auth.changed failed'])
  })
})

describe("the page's subscription", () => {
  it('passes on declared events only, and hands the newest clock event to a late listener', () => {
    const hub = createEventHub()
    hub.deliver({ type: 'clock.changed', now: 5, rate: 0 })
    hub.deliver({ type: 'not.declared' })
    hub.deliver('nonsense')
    const told: AppEvent[] = []
    const stop = hub.onEvent((e) => told.push(e))
    hub.deliver({ type: 'sessions.changed' })
    stop()
    hub.deliver({ type: 'auth.changed' })
    expect(told).toEqual([{ type: 'clock.changed', now: 5, rate: 0 }, { type: 'sessions.changed' }])
  })
})

describe('what main tells after a call', () => {
  let t: ReturnType<typeof makeSeededContext>
  let booted: Booted
  let events: AppEvent[]
  let clockNow: number
  const openBoot = (rate: number) => {
    booted = boot(t.dbPath, { clock: { now: () => clockNow, rate }, automaticBackups: false, integrityCheck: () => Promise.resolve([]) })
    booted.bus.subscribe((e) => events.push(e))
    givePin(booted.context, t.team.nurse.id, '2468')
  }
  const call = <C extends keyof Handlers>(channel: C, input: unknown) => booted.handlers[channel](input)
  beforeEach(() => {
    t = makeSeededContext()
    clockNow = T0 + MIN
    events = []
  })
  afterEach(async () => {
    vi.useRealTimers()
    await booted.close()
    t.cleanup()
  })

  it('an entry is told once, after its commit, by session and sequence number only', () => {
    openBoot(0)
    sitDown(booted.context.workstation, booted.context, t.team.nurse.id)
    // Read through another connection at the moment of telling: the entry must be there already.
    const reader = new Database(t.dbPath, { readonly: true })
    const seenAtTelling: number[] = []
    booted.bus.subscribe(() => seenAtTelling.push(reader.prepare('SELECT COALESCE(MAX(seq), 0) AS n FROM events WHERE session_id = ?').pluck().get(t.session.id) as number))
    const r = call('entries.record', { sessionId: t.session.id, authorId: t.team.nurse.id, entry: { type: 'vitals', vitals: VITALS } })
    reader.close()
    expect(r).toMatchObject({ ok: true, value: { seq: 1 } })
    expect(events).toEqual([{ type: 'entries.appended', sessionId: t.session.id, seq: 1 }])
    expect(seenAtTelling).toEqual([1])
  })

  it('what was appended is fetched by sequence number, only by someone signed in', () => {
    openBoot(0)
    expect(call('entries.since', { sessionId: t.session.id, afterSeq: 0 })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    sitDown(booted.context.workstation, booted.context, t.team.nurse.id)
    for (const heartRate of [70, 71, 72]) call('entries.record', { sessionId: t.session.id, authorId: t.team.nurse.id, entry: { type: 'vitals', vitals: { ...VITALS, heartRate } } })
    const since = call('entries.since', { sessionId: t.session.id, afterSeq: 1 }) as Result<{ seq: number }[]>
    expect(since.ok && since.value.map((e) => e.seq)).toEqual([2, 3])
    expect(call('entries.since', { sessionId: t.session.id, afterSeq: 3 })).toEqual({ ok: true, value: [] })
    expect(call('entries.since', { sessionId: 9999, afterSeq: 0 })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', field: 'sessionId' } })
  })

  it('a refused or invalid write tells nothing', () => {
    openBoot(0)
    // Nobody is signed in: refused by the guard.
    expect(call('entries.record', { sessionId: t.session.id, authorId: t.team.nurse.id, entry: { type: 'vitals', vitals: VITALS } })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' }
    })
    sitDown(booted.context.workstation, booted.context, t.team.nurse.id)
    expect(call('entries.record', { sessionId: t.session.id, authorId: t.team.nurse.id, entry: { type: 'vitals' } })).toMatchObject({ ok: false })
    expect(call('entries.record', { sessionId: 9999, authorId: t.team.nurse.id, entry: { type: 'vitals', vitals: VITALS } })).toMatchObject({ ok: false })
    expect(events).toEqual([])
  })

  it("a call that failed after noting an append tells nothing, and its notes are not told by the next call", () => {
    openBoot(0)
    const bus = createEventBus()
    const told: AppEvent[] = []
    bus.subscribe((e) => told.push(e))
    const failing = { ...booted.handlers } as Record<string, (input: unknown) => unknown>
    failing['entries.record'] = () => {
      noteAppended(booted.context.db, t.session.id, 7)
      return { ok: false, error: { code: 'STORAGE', message: 'disk full' } }
    }
    const handlers = announcing(failing as unknown as Handlers, booted.context, bus)
    expect(handlers['entries.record']({})).toMatchObject({ ok: false })
    expect(handlers['patients.list']({})).toMatchObject({ ok: false }) // signed out, but a call all the same
    expect(handlers['clock.now']({})).toMatchObject({ ok: true })
    expect(told).toEqual([])
  })

  it('opening and ending a session tell that the open sessions changed', () => {
    openBoot(0)
    sitDown(booted.context.workstation, booted.context, t.team.nurse.id)
    const created = call('sessions.create', {
      patientId: t.patient.id,
      authorId: t.team.nurse.id,
      plan: { ...t.session.plan },
      team: { physicianId: t.team.physician.id, nurseId: t.team.nurse.id, therapistId: null }
    })
    expect(created).toMatchObject({ ok: true })
    expect(events).toEqual([{ type: 'sessions.changed' }])
    events.length = 0
    expect(call('entries.record', { sessionId: t.session.id, authorId: t.team.nurse.id, entry: { type: 'session_ended' } })).toMatchObject({ ok: true })
    expect(events).toEqual([{ type: 'entries.appended', sessionId: t.session.id, seq: 1 }, { type: 'sessions.changed' }])
  })

  it('a sign-in is told, and so is the idle lock falling when a manual clock is moved past it', () => {
    openBoot(0)
    expect(call('auth.signIn', { staffId: t.team.nurse.id, pin: '2468' })).toMatchObject({ ok: true, value: { status: 'active' } })
    expect(events).toEqual([{ type: 'auth.changed' }])
    events.length = 0
    clockNow += 5 * MIN + 1
    booted.clockMoved()
    expect(events).toEqual([{ type: 'clock.changed', now: clockNow, rate: 0 }, { type: 'auth.changed' }])
    expect(call('auth.state', {})).toMatchObject({ ok: true, value: { status: 'locked' } })
  })

  it('with a running clock, a timer locks the screen at the idle deadline, and the windows are told', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    openBoot(1)
    expect(call('auth.signIn', { staffId: t.team.nurse.id, pin: '2468' })).toMatchObject({ ok: true })
    events.length = 0
    clockNow += 5 * MIN - 1000
    vi.advanceTimersByTime(5 * MIN - 1000)
    expect(events).toEqual([])
    clockNow += 1000
    vi.advanceTimersByTime(1000)
    expect(events).toEqual([{ type: 'auth.changed' }])
    expect(call('auth.state', {})).toMatchObject({ ok: true, value: { status: 'locked' } })
  })
})

describe('telling the windows after the answers', () => {
  it('a window is told of a write only after the call that made it has returned, in order, and not after it stopped listening', async () => {
    const bus = createEventBus()
    const told: string[] = []
    const stop = bus.subscribeAfterAnswers((e) => told.push(e.type))
    bus.emit({ type: 'sessions.changed' })
    bus.emit({ type: 'auth.changed' })
    told.push('answered')
    await new Promise((resolve) => setImmediate(resolve))
    expect(told).toEqual(['answered', 'sessions.changed', 'auth.changed'])
    bus.emit({ type: 'sessions.changed' })
    stop()
    await new Promise((resolve) => setImmediate(resolve))
    expect(told).toEqual(['answered', 'sessions.changed', 'auth.changed'])
  })
})
