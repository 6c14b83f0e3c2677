/**
 * Where each entry came from: a staff member, a device (a monitor's values, with their
 * provenance), or the app itself (its notes of clock jumps). A device has no staff id, so the
 * author becomes optional for device and system entries; SQLite cannot relax NOT NULL in place,
 * so the table is rebuilt (SQLite's documented create, copy, drop, rename), its indexes and
 * triggers re-created word for word.
 *
 * Rows already stored are copied unchanged, with both new columns NULL. No value is written into
 * them: the hash chain leaves NULL columns out (shared/record/integrity.ts), so their seals still
 * verify, and the record stays as it was written. A NULL source reads as a staff entry by the
 * author it carries, or as the app's own note for the types only the app writes (db/rows.ts).
 * Every entry inserted from now on must name its source.
 *
 * The seals reference the entries: the runner (db/connection.ts migrate) turns foreign keys off
 * while the copy takes the old table's name, and checks every reference before it commits.
 */
export const sql = `
CREATE TABLE events_with_source (
  id INTEGER PRIMARY KEY,
  session_id INTEGER NOT NULL REFERENCES sessions(id),
  seq INTEGER NOT NULL CHECK (seq >= 1),
  type TEXT NOT NULL,
  occurred_at INTEGER NOT NULL,
  recorded_at INTEGER NOT NULL,
  author_id INTEGER REFERENCES staff(id),
  payload TEXT NOT NULL CHECK (json_valid(payload)),
  amends_event_id INTEGER REFERENCES events(id),
  reason TEXT,
  source_kind TEXT CHECK (source_kind IN ('staff', 'device', 'system')),
  -- The device's provenance (which monitor, which feed, its own identifiers), as JSON.
  source_device TEXT CHECK (source_device IS NULL OR json_valid(source_device)),
  UNIQUE (session_id, seq),
  CHECK ((type IN ('correction', 'entered_in_error')) = (amends_event_id IS NOT NULL AND reason IS NOT NULL)),
  -- Only a person is an author: a staff entry always names one, a device or the app need not.
  CHECK (author_id IS NOT NULL OR source_kind IN ('device', 'system')),
  -- A device entry always says which device, and no other entry claims one.
  CHECK ((source_device IS NOT NULL) = (source_kind IS 'device'))
);
INSERT INTO events_with_source (id, session_id, seq, type, occurred_at, recorded_at, author_id, payload, amends_event_id, reason)
  SELECT id, session_id, seq, type, occurred_at, recorded_at, author_id, payload, amends_event_id, reason FROM events ORDER BY id;
DROP TABLE events;
ALTER TABLE events_with_source RENAME TO events;

CREATE INDEX events_session_ended ON events(session_id) WHERE type = 'session_ended';
CREATE INDEX events_by_amended ON events(amends_event_id, seq) WHERE amends_event_id IS NOT NULL;
CREATE INDEX events_control ON events(session_id, seq)
WHERE type IN ('infusion_started','rate_changed','infusion_paused','infusion_resumed','infusion_stopped','session_ended','discharge','correction','entered_in_error');

CREATE TRIGGER events_refuse_update BEFORE UPDATE ON events
BEGIN SELECT RAISE(ABORT, 'The session record is append-only: entries cannot be changed'); END;
CREATE TRIGGER events_refuse_delete BEFORE DELETE ON events
BEGIN SELECT RAISE(ABORT, 'The session record is append-only: entries cannot be deleted'); END;
CREATE TRIGGER events_refuse_replace BEFORE INSERT ON events
WHEN EXISTS (SELECT 1 FROM events WHERE id = NEW.id OR (session_id = NEW.session_id AND seq = NEW.seq))
BEGIN SELECT RAISE(ABORT, 'The session record is append-only: entries cannot be replaced'); END;
CREATE TRIGGER events_require_source BEFORE INSERT ON events
WHEN NEW.source_kind IS NULL
BEGIN SELECT RAISE(ABORT, 'Every new entry must say where it came from (staff, device or system)'); END;
CREATE TRIGGER sessions_ended AFTER INSERT ON events WHEN NEW.type = 'session_ended'
BEGIN DELETE FROM open_sessions WHERE session_id = NEW.session_id; END;
`
