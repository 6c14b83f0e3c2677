/**
 * Ten years of a busy clinic in one database: patients, staff, sessions and their records, with
 * the real schema (made by the app's own migrations, triggers and indexes included). Rows are
 * written with prepared statements in one transaction per batch of sessions, on a connection
 * with synchronous=OFF and its rollback journal in memory: that is safe only because this connection writes
 * a new file under a temporary name and renames it when complete. The app never does this.
 */
import { renameSync, rmSync } from 'node:fs'
import { openDatabase, type Db } from '../../src/main/db/connection'
import { log } from './figures'
import { prng } from './stats'

const MIN = 60_000
const DAY = 24 * 60 * MIN
/** Bump when the generated content changes, so a cached file is not reused. */
export const GENERATOR_VERSION = 1

export interface ClinicShape {
  patients: number
  sessions: number
  events: number
  /** Sessions at the end still open (no session_ended): the console reopens them at start-up. */
  openSessions: number
  start: number
}

export function clinicShape(scale: number): ClinicShape {
  return {
    patients: Math.max(3, Math.round(5_000 * scale)),
    sessions: Math.max(10, Math.round(50_000 * scale)),
    events: Math.max(10 * 60, Math.round(25_000_000 * scale)),
    openSessions: 2,
    start: Date.UTC(2016, 0, 4, 8, 0, 0)
  }
}

const STAFF = [
  ...Array.from({ length: 10 }, (_, i) => ({ name: `Dr Physician ${i + 1}`, role: 'physician' })),
  ...Array.from({ length: 20 }, (_, i) => ({ name: `Nurse ${i + 1}`, role: 'nurse' })),
  ...Array.from({ length: 10 }, (_, i) => ({ name: `Therapist ${i + 1}`, role: 'therapist' }))
]
const PHYSICIANS = [1, 10]
const NURSES = [11, 30]
const THERAPISTS = [31, 40]

interface Row {
  at: number
  type: string
  payload: string
  author: number
  amends?: number
  reason?: string
}

const NOTE_TEXTS = ['Settled, eyes closed', 'Reports floating sensation', 'Mild nausea', 'Talking about the week', 'Calm, oriented']

/** One session's record: baseline, a 40-minute infusion with titration, recovery, the end. */
function sessionRows(rand: () => number, size: number, createdAt: number, team: { physician: number; nurse: number; therapist: number }, open: boolean): Row[] {
  const start = createdAt + 5 * MIN
  const rateAt = (value: number) => `{"rate":{"value":${value},"unit":"mg/kg/h"}}`
  const control: Row[] = [{ at: start, type: 'infusion_started', payload: rateAt(0.75), author: team.physician }]
  control.push({ at: start + 15 * MIN, type: 'rate_changed', payload: rateAt(0.6), author: team.physician })
  if (rand() < 0.2) {
    control.push({ at: start + 20 * MIN, type: 'infusion_paused', payload: '{"reason":"Nausea"}', author: team.physician })
    control.push({ at: start + 23 * MIN, type: 'infusion_resumed', payload: '{}', author: team.physician })
  }
  control.push({ at: start + 30 * MIN, type: 'rate_changed', payload: rateAt(0.75), author: team.physician })
  if (!open) {
    control.push({ at: start + 42 * MIN, type: 'infusion_stopped', payload: '{}', author: team.physician })
    control.push({ at: start + 105 * MIN, type: 'session_ended', payload: '{}', author: team.physician })
  }
  const notes: Row[] = []
  const noteCount = 6 + Math.floor(rand() * 6)
  for (let i = 0; i < noteCount; i++) {
    const text = NOTE_TEXTS[Math.floor(rand() * NOTE_TEXTS.length)]!
    notes.push({
      at: start + Math.floor(rand() * 100 * MIN),
      type: 'note',
      payload: `{"note":{"noteType":"observation","text":"${text}"}}`,
      author: team.therapist
    })
  }
  const vitalsCount = Math.max(2, size - control.length - notes.length)
  const span = 102 * MIN
  const vitals: Row[] = new Array(vitalsCount)
  for (let i = 0; i < vitalsCount; i++) {
    const sys = 110 + Math.floor(rand() * 40)
    const dia = 65 + Math.floor(rand() * 20)
    const hr = 60 + Math.floor(rand() * 30)
    const spo2 = 94 + Math.floor(rand() * 7)
    vitals[i] = {
      at: createdAt + 2 * MIN + Math.floor((i * span) / vitalsCount),
      type: 'vitals',
      payload: `{"vitals":{"systolic":${sys},"diastolic":${dia},"heartRate":${hr},"spo2":${spo2},"respiratoryRate":${12 + Math.floor(rand() * 6)}}}`,
      author: team.nurse
    }
  }
  const rows = [...vitals, ...control, ...notes].sort((a, b) => a.at - b.at)
  // The end is the last entry of a closed session; nothing may follow it.
  if (!open) {
    const end = rows.findIndex((r) => r.type === 'session_ended')
    rows.push(...rows.splice(end, 1))
    rows[rows.length - 1]!.at = Math.max(rows[rows.length - 1]!.at, rows[rows.length - 2]!.at)
  }
  return rows
}

/** Writes the clinic to `path` (replacing it). Returns the seconds it took and the events written. */
export function generateClinic(path: string, shape: ClinicShape, seed = 20260112): { seconds: number; events: number } {
  const started = Date.now()
  const partial = `${path}.partial`
  for (const f of [partial, `${partial}-wal`, `${partial}-shm`, path, `${path}-wal`, `${path}-shm`]) rmSync(f, { force: true })
  let db: Db = openDatabase(partial)
  // Out of WAL (the app's migrations leave it there) to a journal kept in memory: each page is
  // written once. (better-sqlite3 refuses journal_mode=OFF: it runs SQLite in defensive mode.)
  const mode = db.pragma('journal_mode = MEMORY', { simple: true })
  if (mode !== 'memory') throw new Error(`the generator could not keep its journal in memory (${String(mode)})`)
  db.pragma('synchronous = OFF')
  db.pragma('cache_size = -262144')
  db.pragma('locking_mode = EXCLUSIVE')
  db.pragma('temp_store = MEMORY')

  const rand = prng(seed)
  const insertStaff = db.prepare('INSERT INTO staff (id, name, role, active, created_at) VALUES (?, ?, ?, 1, ?)')
  const insertPatient = db.prepare(
    'INSERT INTO patients (id, patient_code, full_name, date_of_birth, weight_kg, created_at) VALUES (?, ?, ?, ?, ?, ?)'
  )
  const insertSession = db.prepare(
    `INSERT INTO sessions (id, patient_id, plan, physician_id, nurse_id, therapist_id, created_by, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`
  )
  const insertEvent = db.prepare(
    `INSERT INTO events (id, session_id, seq, type, occurred_at, recorded_at, author_id, payload, amends_event_id, reason, source_kind)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'staff')`
  )

  const weights: number[] = []
  db.transaction(() => {
    STAFF.forEach((s, i) => insertStaff.run(i + 1, s.name, s.role, shape.start - DAY))
    for (let p = 1; p <= shape.patients; p++) {
      const weight = 50 + Math.floor(rand() * 60)
      weights.push(weight)
      const year = 1950 + Math.floor(rand() * 55)
      insertPatient.run(p, `P-${String(p).padStart(6, '0')}`, `Patient ${p}`, `${year}-0${1 + Math.floor(rand() * 9)}-1${Math.floor(rand() * 9)}`, weight, shape.start - DAY)
    }
  })()

  // Sizes sum to exactly shape.events: even share, then +d/-d jitter in pairs.
  const base = Math.floor(shape.events / shape.sessions)
  const sizes = Array.from({ length: shape.sessions }, (_, i) => base + (i < shape.events % shape.sessions ? 1 : 0))
  for (let i = 0; i + 1 < sizes.length; i += 2) {
    const d = Math.floor((rand() - 0.5) * base * 0.4)
    sizes[i]! += d
    sizes[i + 1]! -= d
  }

  const spacing = (10 * 365 * DAY) / shape.sessions
  let eventId = 0
  const pick = ([lo, hi]: number[]) => lo! + Math.floor(rand() * (hi! - lo! + 1))
  const BATCH = 250
  let lastLog = Date.now()
  for (let first = 0; first < shape.sessions; first += BATCH) {
    db.transaction(() => {
      for (let i = first; i < Math.min(shape.sessions, first + BATCH); i++) {
        const sessionId = i + 1
        const patientId = 1 + Math.floor(rand() * shape.patients)
        const createdAt = Math.floor(shape.start + i * spacing)
        const team = { physician: pick(PHYSICIANS), nurse: pick(NURSES), therapist: pick(THERAPISTS) }
        const plan = `{"weightKg":${weights[patientId - 1]},"route":"IV","drug":"racemic ketamine","concentrationMgPerMl":1,"bagVolumeMl":100,"plannedDose":{"kind":"mg/kg","value":0.5},"plannedDurationMin":40}`
        insertSession.run(sessionId, patientId, plan, team.physician, team.nurse, team.therapist, team.nurse, createdAt)
        const open = i >= shape.sessions - shape.openSessions
        // Some records carry a correction of an early vitals entry, as real ones do; it counts in the size.
        const corrected = rand() < 0.3
        const rows = sessionRows(rand, sizes[i]! - (corrected ? 1 : 0), createdAt, team, open)
        const correctAt = corrected ? rows.findIndex((r, k) => k >= 3 && r.type === 'vitals') : -1
        let seq = 0
        for (let r = 0; r < rows.length; r++) {
          const row = rows[r]!
          const id = ++eventId
          insertEvent.run(id, sessionId, ++seq, row.type, row.at, row.at, row.author, row.payload, null, null)
          if (r === correctAt) {
            const entry = `{"type":"vitals",${row.payload.slice(1, -1)}}`
            insertEvent.run(++eventId, sessionId, ++seq, 'correction', row.at, row.at + MIN, row.author, `{"entry":${entry},"occurredAt":${row.at}}`, id, 'Transcription error')
          }
        }
      }
    })()
    if (Date.now() - lastLog > 10_000) {
      lastLog = Date.now()
      log(`clinic: ${Math.min(shape.sessions, first + BATCH)} / ${shape.sessions} sessions, ${eventId} events`)
    }
  }
  db.pragma('journal_mode = DELETE')
  db.close()
  // The app opens it in WAL mode, as it does every database.
  db = openDatabase(partial)
  db.close()
  for (const f of [`${partial}-wal`, `${partial}-shm`]) rmSync(f, { force: true })
  renameSync(partial, path)
  return { seconds: (Date.now() - started) / 1000, events: eventId }
}
