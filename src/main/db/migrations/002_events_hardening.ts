/**
 * 1. INSERT OR REPLACE (and REPLACE INTO) resolves a clash by deleting the old row without firing
 *    DELETE triggers (unless recursive_triggers is on), so it could overwrite an entry despite
 *    events_refuse_delete. Refuse any insert that would land on an existing entry.
 * 2. Session lists look up the latest correction of each session's end: index amendments by target.
 */
export const sql = `
CREATE TRIGGER events_refuse_replace BEFORE INSERT ON events
WHEN EXISTS (SELECT 1 FROM events WHERE id = NEW.id OR (session_id = NEW.session_id AND seq = NEW.seq))
BEGIN SELECT RAISE(ABORT, 'The session record is append-only: entries cannot be replaced'); END;

CREATE INDEX events_by_amended ON events(amends_event_id, seq) WHERE amends_event_id IS NOT NULL;
`
