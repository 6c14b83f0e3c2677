import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openDatabase } from '../../../src/main/db/connection'
import { recordEntry } from '../../../src/main/record/entries'
import { loadEvents } from '../../../src/main/record/eventStore'
import { countEvents, makeSeededContext } from '../helpers'

type Seeded = ReturnType<typeof makeSeededContext>
let t: Seeded
beforeEach(() => {
  t = makeSeededContext()
  recordEntry(t.ctx, {
    sessionId: t.session.id,
    authorId: t.team.nurse.id,
    entry: { type: 'vitals', vitals: { systolic: 120, diastolic: 80, heartRate: 70, spo2: 98, respiratoryRate: 14 } }
  })
})
afterEach(() => t.cleanup())

describe('the events table is append-only', () => {
  it('raw SQL UPDATE of an entry is refused', () => {
    const before = loadEvents(t.db, t.session.id)
    expect(() => t.db.prepare("UPDATE events SET payload = '{}' WHERE session_id = ?").run(t.session.id)).toThrow(/append-only/)
    expect(() => t.db.prepare('UPDATE events SET occurred_at = occurred_at - 1').run()).toThrow(/cannot be changed/)
    expect(loadEvents(t.db, t.session.id)).toEqual(before)
  })

  it('raw SQL DELETE of an entry is refused', () => {
    expect(() => t.db.prepare('DELETE FROM events').run()).toThrow(/cannot be deleted/)
    expect(() => t.db.prepare('DELETE FROM events WHERE seq = 1').run()).toThrow(/append-only/)
    expect(countEvents(t.db)).toBe(1)
  })

  it('INSERT OR REPLACE cannot overwrite an entry either', () => {
    const [e] = loadEvents(t.db, t.session.id)
    expect(() =>
      t.db
        .prepare(
          "INSERT OR REPLACE INTO events (id, session_id, seq, type, occurred_at, recorded_at, author_id, payload, source_kind) VALUES (?, ?, 1, 'note', 0, 0, ?, '{}', 'staff')"
        )
        .run(e!.id, t.session.id, t.team.nurse.id)
    ).toThrow(/append-only/)
    // Same session and seq under a new id would replace it too.
    expect(() =>
      t.db
        .prepare("REPLACE INTO events (session_id, seq, type, occurred_at, recorded_at, author_id, payload, source_kind) VALUES (?, 1, 'note', 0, 0, ?, '{}', 'staff')")
        .run(t.session.id, t.team.nurse.id)
    ).toThrow(/append-only/)
    expect(() =>
      t.db
        .prepare(
          "INSERT INTO events (id, session_id, seq, type, occurred_at, recorded_at, author_id, payload, source_kind) VALUES (?, ?, 1, 'note', 0, 0, ?, '{}', 'staff') ON CONFLICT DO UPDATE SET payload = excluded.payload"
        )
        .run(e!.id, t.session.id, t.team.nurse.id)
    ).toThrow(/append-only/)
    expect(loadEvents(t.db, t.session.id)).toEqual([e])
  })

  it('the refusal survives closing and reopening the file', () => {
    t.db.close()
    const db = openDatabase(t.dbPath)
    try {
      expect(() => db.prepare('DELETE FROM events').run()).toThrow(/append-only/)
      expect(() => db.prepare("UPDATE events SET type = 'note'").run()).toThrow(/append-only/)
    } finally {
      db.close()
    }
  })

  it('a second entry with the same session and seq is refused', () => {
    expect(() =>
      t.db
        .prepare("INSERT INTO events (session_id, seq, type, occurred_at, recorded_at, author_id, payload, source_kind) VALUES (?, 1, 'note', 0, 0, ?, '{}', 'staff')")
        .run(t.session.id, t.team.nurse.id)
    ).toThrow(/append-only|UNIQUE/)
  })

  it('an amendment needs what it amends and a reason; a clinical entry has neither', () => {
    const insert = (type: string, amends: number | null, reason: string | null) =>
      t.db
        .prepare('INSERT INTO events (session_id, seq, type, occurred_at, recorded_at, author_id, payload, amends_event_id, reason, source_kind) VALUES (?, 9, ?, 0, 0, ?, \'{}\', ?, ?, \'staff\')')
        .run(t.session.id, type, t.team.nurse.id, amends, reason)
    const [e] = loadEvents(t.db, t.session.id)
    expect(() => insert('correction', null, 'typo')).toThrow(/CHECK/)
    expect(() => insert('entered_in_error', e!.id, null)).toThrow(/CHECK/)
    expect(() => insert('note', e!.id, 'typo')).toThrow(/CHECK/)
    expect(countEvents(t.db)).toBe(1)
  })
})
