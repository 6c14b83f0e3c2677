/**
 * Indexes that keep a write and the session lists fast however large the record grows
 * (measured in bench/: an eight-hour session of 29,000 entries, a clinic of 25 million).
 * 1. Every write reads the session's infusion entries, end and amendments to decide what may
 *    come next. Without this index it read the whole session (every vitals set) to find them.
 *    The query in services/eventStore.ts (loadControlEvents) repeats this WHERE clause word for
 *    word, which is what lets SQLite use a partial index; a test checks that it does.
 */
export const sql = `
CREATE INDEX events_control ON events(session_id, seq)
WHERE type IN ('infusion_started','rate_changed','infusion_paused','infusion_resumed','infusion_stopped','session_ended','discharge','correction','entered_in_error');
`
