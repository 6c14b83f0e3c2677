/**
 * Who did what.
 * - staff: PIN credentials (a salted scrypt hash, never the PIN), every version of a staff row
 *   kept by triggers, and no deletes (someone who authored entries must stay resolvable).
 * - settings: the clinic's adjustments (permission table, idle lock, lock-out).
 * - audit_log: sign-in and out, wrong PINs, locks, sign-offs, staff and settings changes,
 *   exports, refused actions. Append-only and hash-chained like the record.
 * - event_seals: the per-session hash chain over events, written with each event.
 * - sign_offs: one per session, binding the signer to the chain's head at that moment.
 */
const appendOnly = (table: string, what: string) => `
CREATE TRIGGER ${table}_refuse_update BEFORE UPDATE ON ${table}
BEGIN SELECT RAISE(ABORT, '${what} cannot be changed'); END;
CREATE TRIGGER ${table}_refuse_delete BEFORE DELETE ON ${table}
BEGIN SELECT RAISE(ABORT, '${what} cannot be deleted'); END;
`

export const sql = `
ALTER TABLE staff ADD COLUMN updated_at INTEGER;
ALTER TABLE staff ADD COLUMN updated_by INTEGER REFERENCES staff(id);

CREATE TABLE staff_history (
  id INTEGER PRIMARY KEY,
  staff_id INTEGER NOT NULL REFERENCES staff(id),
  name TEXT NOT NULL,
  role TEXT NOT NULL,
  active INTEGER NOT NULL,
  changed_at INTEGER NOT NULL,
  changed_by INTEGER REFERENCES staff(id)
);
CREATE INDEX staff_history_by_staff ON staff_history(staff_id, id);
-- Staff added before this version: their row as it stands is their first known version.
INSERT INTO staff_history (staff_id, name, role, active, changed_at, changed_by)
  SELECT id, name, role, active, created_at, NULL FROM staff ORDER BY id;
CREATE TRIGGER staff_history_on_insert AFTER INSERT ON staff
BEGIN
  INSERT INTO staff_history (staff_id, name, role, active, changed_at, changed_by)
  VALUES (NEW.id, NEW.name, NEW.role, NEW.active, NEW.created_at, NEW.updated_by);
END;
CREATE TRIGGER staff_history_on_update AFTER UPDATE ON staff
BEGIN
  INSERT INTO staff_history (staff_id, name, role, active, changed_at, changed_by)
  VALUES (NEW.id, NEW.name, NEW.role, NEW.active, COALESCE(NEW.updated_at, NEW.created_at), NEW.updated_by);
END;
CREATE TRIGGER staff_refuse_delete BEFORE DELETE ON staff
BEGIN SELECT RAISE(ABORT, 'Staff members are never deleted: deactivate them instead'); END;
CREATE TRIGGER staff_refuse_renumber BEFORE UPDATE OF id, created_at ON staff
WHEN NEW.id IS NOT OLD.id OR NEW.created_at IS NOT OLD.created_at
BEGIN SELECT RAISE(ABORT, 'A staff member''s number and creation time cannot be changed'); END;
${appendOnly('staff_history', 'Staff history')}

CREATE TABLE staff_credentials (
  staff_id INTEGER PRIMARY KEY REFERENCES staff(id),
  pin_hash TEXT NOT NULL,
  failed_attempts INTEGER NOT NULL DEFAULT 0 CHECK (failed_attempts >= 0),
  locked_until INTEGER,
  set_at INTEGER NOT NULL,
  set_by INTEGER REFERENCES staff(id)
);

CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL CHECK (json_valid(value)),
  updated_at INTEGER NOT NULL,
  updated_by INTEGER REFERENCES staff(id)
);

CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  kind TEXT NOT NULL,
  actor_id INTEGER REFERENCES staff(id),
  subject_id INTEGER REFERENCES staff(id),
  session_id INTEGER REFERENCES sessions(id),
  detail TEXT NOT NULL CHECK (json_valid(detail)),
  -- The newest session entry when this row was written: places the row among the entries.
  after_event_id INTEGER NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE INDEX audit_log_by_session ON audit_log(session_id, id) WHERE session_id IS NOT NULL;
CREATE INDEX audit_log_by_time ON audit_log(at, id);
${appendOnly('audit_log', 'The audit log is append-only: its entries')}
CREATE TRIGGER audit_log_refuse_replace BEFORE INSERT ON audit_log
WHEN EXISTS (SELECT 1 FROM audit_log WHERE id = NEW.id)
BEGIN SELECT RAISE(ABORT, 'The audit log is append-only: its entries cannot be replaced'); END;

CREATE TABLE event_seals (
  event_id INTEGER PRIMARY KEY REFERENCES events(id),
  session_id INTEGER NOT NULL REFERENCES sessions(id),
  seq INTEGER NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL,
  UNIQUE (session_id, seq)
);
${appendOnly('event_seals', 'The seals of the session record')}
CREATE TRIGGER event_seals_refuse_replace BEFORE INSERT ON event_seals
WHEN EXISTS (SELECT 1 FROM event_seals WHERE event_id = NEW.event_id OR (session_id = NEW.session_id AND seq = NEW.seq))
BEGIN SELECT RAISE(ABORT, 'The seals of the session record cannot be replaced'); END;

CREATE TABLE sign_offs (
  id INTEGER PRIMARY KEY,
  session_id INTEGER NOT NULL UNIQUE REFERENCES sessions(id),
  staff_id INTEGER NOT NULL REFERENCES staff(id),
  signed_at INTEGER NOT NULL,
  meaning TEXT NOT NULL,
  last_seq INTEGER NOT NULL CHECK (last_seq >= 0),
  chain_hash TEXT NOT NULL
);
${appendOnly('sign_offs', 'A sign-off')}
CREATE TRIGGER sign_offs_refuse_replace BEFORE INSERT ON sign_offs
WHEN EXISTS (SELECT 1 FROM sign_offs WHERE id = NEW.id OR session_id = NEW.session_id)
BEGIN SELECT RAISE(ABORT, 'A sign-off cannot be replaced'); END;

-- Entries recorded before this version carry no seal; sealing starts with the next entry id.
CREATE TABLE integrity_meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL);
INSERT INTO integrity_meta (key, value) SELECT 'first_sealed_event_id', COALESCE(MAX(id), 0) + 1 FROM events;
CREATE TRIGGER integrity_meta_refuse_update BEFORE UPDATE ON integrity_meta
BEGIN SELECT RAISE(ABORT, 'Integrity settings cannot be changed'); END;
`
