/**
 * Which backups this database has had taken. It lives in the database (not next to the
 * backups) so that after a restore the log matches the restored records: a session that ends
 * later than the restored backup's last entry still gets its own backup.
 */
export const sql = `
CREATE TABLE backup_log (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('session', 'daily', 'manual')),
  file_name TEXT NOT NULL,
  folder TEXT NOT NULL,
  taken_at INTEGER NOT NULL,
  -- The newest session_ended entry the backup holds: a later one needs a new session backup.
  last_session_end_id INTEGER,
  size_bytes INTEGER NOT NULL
);
CREATE INDEX backup_log_by_kind ON backup_log(kind, taken_at);
`
