/**
 * Two guards of the sign-in.
 *
 * The database's own identity: a random id written once, when the database is created (and here,
 * for databases created before it existed). A backup is a copy and keeps it; a new empty database
 * gets a new one. A sign-in is bound to it, so swapping the file under a signed-in workstation
 * (a restore, a fresh start) never leaves someone signed in as whoever has their staff number in
 * the other file. It never changes: the triggers refuse an update or a delete.
 *
 * A PIN an administrator set for someone (a reset) is known to two people: it opens no session
 * until its owner has replaced it with their own, at their first sign-in with it.
 */
export const sql = `
CREATE TABLE database_identity (
  id TEXT NOT NULL PRIMARY KEY CHECK (length(id) = 32),
  created_at INTEGER NOT NULL,
  one_row INTEGER NOT NULL DEFAULT 1 UNIQUE CHECK (one_row = 1)
);
INSERT INTO database_identity (id, created_at)
  VALUES (lower(hex(randomblob(16))), CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
CREATE TRIGGER database_identity_no_update BEFORE UPDATE ON database_identity
BEGIN SELECT RAISE(ABORT, 'the database identity never changes'); END;
CREATE TRIGGER database_identity_no_delete BEFORE DELETE ON database_identity
BEGIN SELECT RAISE(ABORT, 'the database identity never changes'); END;
ALTER TABLE staff_credentials ADD COLUMN must_change INTEGER NOT NULL DEFAULT 0 CHECK (must_change IN (0, 1));
`
