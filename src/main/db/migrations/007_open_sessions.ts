/**
 * The sessions not yet ended, kept by the database itself. At start-up the console goes back to
 * them, and the sign-in and lock screens watch their alerts; finding them meant probing every
 * session ever held, which grows with the clinic (tens of milliseconds after ten years, measured in
 * bench/clinic10y.ts). The triggers run in the same transaction as a session's start and its end.
 * A session's end cannot be marked entered in error and a correction keeps its kind, so once ended
 * a session stays ended. Not clinical: a list derived from the record, rebuilt here from it.
 */
export const sql = `
CREATE TABLE open_sessions (session_id INTEGER PRIMARY KEY REFERENCES sessions(id));
INSERT INTO open_sessions (session_id)
  SELECT s.id FROM sessions s WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.session_id = s.id AND e.type = 'session_ended');
CREATE TRIGGER sessions_opened AFTER INSERT ON sessions
BEGIN INSERT INTO open_sessions (session_id) VALUES (NEW.id); END;
CREATE TRIGGER sessions_ended AFTER INSERT ON events WHEN NEW.type = 'session_ended'
BEGIN DELETE FROM open_sessions WHERE session_id = NEW.session_id; END;
`
