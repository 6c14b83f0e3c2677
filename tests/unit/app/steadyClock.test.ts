import { afterEach, describe, expect, it } from 'vitest'
import { boot } from '../../../src/main/app/boot'
import { recordEntry } from '../../../src/main/record/entries'
import { createSteadyClock } from '../../../src/main/app/steadyClock'
import type { ClockReading } from '../../../src/shared/kernel/clockJump'
import { readFileSync, writeFileSync } from 'node:fs'
import { makeSeededContext, makeTempDir, MIN, T0 } from '../helpers'

const HOUR = 60 * MIN

describe('the app’s steady clock', () => {
  it('keeps the jumps it saw, and hands out those after a given time', () => {
    let wall = T0
    let mono = 0
    const clock = createSteadyClock((): ClockReading => ({ wall, mono }))
    wall += MIN
    mono += MIN
    expect(clock.now()).toBe(T0 + MIN)
    wall -= HOUR
    expect(clock.now()).toBe(T0 + MIN)
    // A minute passes and the clock is put forward two hours.
    wall += MIN + 2 * HOUR
    mono += MIN
    expect(clock.now()).toBe(T0 + 2 * MIN)
    expect(clock.jumpsSince(0).map((j) => j.byMs)).toEqual([-HOUR, 2 * HOUR])
    expect(clock.jumpsSince(T0 + MIN).map((j) => j.byMs)).toEqual([2 * HOUR])
  })

  it('with a floor ahead of the wall clock, starts at the floor and counts that as a jump back', () => {
    const clock = createSteadyClock(() => ({ wall: T0 - HOUR, mono: 0 }), T0)
    expect(clock.now()).toBe(T0)
    expect(clock.jumpsSince(-Infinity)).toEqual([{ detectedAt: T0, byMs: -HOUR, wallAt: T0 - HOUR }])
  })
})

describe('boot: what the main process does before the window opens', () => {
  const cleanups: (() => void)[] = []
  afterEach(() => cleanups.splice(0).forEach((c) => c()))

  it('starts the clock no earlier than the newest entry in the database', async () => {
    const t = makeSeededContext()
    cleanups.push(() => t.cleanup())
    // An entry recorded a year ahead of the real clock (a clock that was wrong then).
    t.clock.set(Date.now() + 365 * 24 * HOUR)
    const saved = recordEntry(t.ctx, {
      sessionId: t.session.id,
      authorId: t.team.nurse.id,
      entry: { type: 'note', note: { noteType: 'observation', text: 'x' } }
    })
    t.db.close()
    const booted = boot(t.dbPath, { automaticBackups: false })
    cleanups.push(() => booted.storage.holder.close())
    expect(booted.clock.now()).toBeGreaterThanOrEqual(saved.recordedAt)
    expect(booted.handlers['clock.now']({})).toMatchObject({ ok: true })
    expect(booted.storage.startupStatus()).toEqual({ mode: 'normal' })
    await booted.storage.integrityChecked
    expect(booted.storage.startupStatus()).toEqual({ mode: 'normal' })
  })

  it('opens a file that is not a database in recovery, and leaves it unchanged', async () => {
    const { dir, cleanup } = makeTempDir()
    cleanups.push(cleanup)
    const path = `${dir}/not-a-db.sqlite`
    writeFileSync(path, 'x'.repeat(8192))
    const booted = boot(path, { automaticBackups: false })
    await booted.storage.integrityChecked
    expect(booted.storage.startupStatus()).toMatchObject({ mode: 'recovery', reason: 'unreadable' })
    expect(readFileSync(path, 'utf8')).toBe('x'.repeat(8192))
  })
})
