/** The first schema: reference data, sessions, and the append-only session record. */
export const sql = `
CREATE TABLE patients (
  id INTEGER PRIMARY KEY,
  patient_code TEXT NOT NULL UNIQUE COLLATE NOCASE,
  full_name TEXT NOT NULL,
  date_of_birth TEXT NOT NULL,
  weight_kg REAL NOT NULL CHECK (weight_kg > 0),
  created_at INTEGER NOT NULL
);

CREATE TABLE staff (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('physician', 'nurse', 'therapist', 'administrator')),
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  created_at INTEGER NOT NULL
);

CREATE TABLE protocols (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  definition TEXT NOT NULL CHECK (json_valid(definition)),
  created_at INTEGER NOT NULL
);

CREATE TABLE sessions (
  id INTEGER PRIMARY KEY,
  patient_id INTEGER NOT NULL REFERENCES patients(id),
  protocol_id INTEGER REFERENCES protocols(id),
  -- The plan and protocol are copied at the start so later edits never change a past session.
  plan TEXT NOT NULL CHECK (json_valid(plan)),
  protocol_snapshot TEXT CHECK (protocol_snapshot IS NULL OR json_valid(protocol_snapshot)),
  physician_id INTEGER NOT NULL REFERENCES staff(id),
  nurse_id INTEGER NOT NULL REFERENCES staff(id),
  therapist_id INTEGER REFERENCES staff(id),
  created_by INTEGER NOT NULL REFERENCES staff(id),
  created_at INTEGER NOT NULL
);
CREATE INDEX sessions_by_patient ON sessions(patient_id, created_at);

CREATE TABLE events (
  id INTEGER PRIMARY KEY,
  session_id INTEGER NOT NULL REFERENCES sessions(id),
  seq INTEGER NOT NULL CHECK (seq >= 1),
  type TEXT NOT NULL,
  occurred_at INTEGER NOT NULL,
  recorded_at INTEGER NOT NULL,
  author_id INTEGER NOT NULL REFERENCES staff(id),
  payload TEXT NOT NULL CHECK (json_valid(payload)),
  amends_event_id INTEGER REFERENCES events(id),
  reason TEXT,
  UNIQUE (session_id, seq),
  CHECK ((type IN ('correction', 'entered_in_error')) = (amends_event_id IS NOT NULL AND reason IS NOT NULL))
);
-- Finding open sessions must not scan the whole record.
CREATE INDEX events_session_ended ON events(session_id) WHERE type = 'session_ended';

CREATE TRIGGER events_refuse_update BEFORE UPDATE ON events
BEGIN SELECT RAISE(ABORT, 'The session record is append-only: entries cannot be changed'); END;
CREATE TRIGGER events_refuse_delete BEFORE DELETE ON events
BEGIN SELECT RAISE(ABORT, 'The session record is append-only: entries cannot be deleted'); END;
`
