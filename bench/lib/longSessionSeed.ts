/**
 * An eight-hour session recorded through the real service: a vitals set every second (28,800),
 * 500 notes and 50 rate changes, each at its own time. The seeding connection skips the fsync
 * (synchronous=OFF): it writes a new file for the benchmark, never a clinical record.
 */
import { renameSync, rmSync } from 'node:fs'
import { openDatabase } from '../../src/main/db/connection'
import { recordEntry } from '../../src/main/record/entries'
import type { EntryInput } from '../../src/shared/record/events'
import type { SessionPlan } from '../../src/shared/record/plan'
import { BENCH_T0, manualClock, seedSession } from './seed'
import { prng } from './stats'

export const LONG_SEED_VERSION = 1
export const HOURS = 8
export const VITALS_COUNT = HOURS * 3600
export const NOTES_COUNT = 500
export const RATE_CHANGES = 50

/**
 * Eight hours planned: 1 mg/kg for 70 kg (70 mg, the drug library's soft maximum) in a 1000 mL bag
 * at 1 mg/mL. The rates recorded deliver more than that: the planned dose is reached hours in.
 */
export const LONG_PLAN: SessionPlan = {
  weightKg: 70,
  route: 'IV',
  drug: 'racemic ketamine',
  concentrationMgPerMl: 1,
  bagVolumeMl: 1000,
  plannedDose: { kind: 'mg/kg', value: 1 },
  plannedDurationMin: HOURS * 60
}

export interface LongSession {
  sessionId: number
  nurseId: number
  /** Clinical entries in the record: the timeline's count. */
  entries: number
  /** The time of the last entry: the harness clock starts here. */
  end: number
}

export function longSessionFacts(): LongSession {
  return { sessionId: 1, nurseId: 2, entries: VITALS_COUNT + NOTES_COUNT + RATE_CHANGES + 1, end: BENCH_T0 + VITALS_COUNT * 1000 }
}

export function seedLongSession(path: string): { seconds: number } {
  const started = Date.now()
  const partial = `${path}.partial`
  for (const f of [partial, `${partial}-wal`, `${partial}-shm`]) rmSync(f, { force: true })
  const clock = manualClock(BENCH_T0)
  const db = openDatabase(partial)
  db.pragma('synchronous = OFF')
  const ctx = { db, clock }
  const { physician, nurse, session } = seedSession(ctx, LONG_PLAN)
  const facts = longSessionFacts()
  if (session.id !== facts.sessionId || nurse.id !== facts.nurseId) throw new Error('the long session was not seeded as expected')
  const rand = prng(42)
  const record = (at: number, authorId: number, entry: EntryInput) => {
    clock.set(at)
    recordEntry(ctx, { sessionId: session.id, authorId, entry, confirmOverPlan: true })
  }
  // Entries in the order they are made: the infusion starts with the first second.
  record(BENCH_T0, physician.id, { type: 'infusion_started', rate: { value: 0.6, unit: 'mg/kg/h' } })
  const noteEvery = Math.floor(VITALS_COUNT / NOTES_COUNT)
  const rateEvery = Math.floor(VITALS_COUNT / RATE_CHANGES)
  for (let s = 1; s <= VITALS_COUNT; s++) {
    const at = BENCH_T0 + s * 1000
    const wave = Math.sin(s / 600)
    record(at, nurse.id, {
      type: 'vitals',
      vitals: {
        systolic: Math.round(125 + 15 * wave + rand() * 6),
        diastolic: Math.round(78 + 8 * wave + rand() * 4),
        heartRate: Math.round(74 + 10 * Math.cos(s / 900) + rand() * 5),
        spo2: 95 + Math.floor(rand() * 5),
        respiratoryRate: 12 + Math.floor(rand() * 6)
      }
    })
    if (s % noteEvery === 0 && s / noteEvery <= NOTES_COUNT)
      record(at, physician.id, { type: 'note', note: { noteType: 'observation', text: `Observation ${s / noteEvery}: settled, responsive to voice` } })
    if (s % rateEvery === 0 && s / rateEvery <= RATE_CHANGES)
      record(at, physician.id, { type: 'rate_changed', rate: { value: Number((0.4 + rand() * 0.4).toFixed(2)), unit: 'mg/kg/h' } })
  }
  db.close()
  renameSync(partial, path)
  return { seconds: (Date.now() - started) / 1000 }
}
