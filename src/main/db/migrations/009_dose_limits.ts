/**
 * A session plan over a soft limit of the drug library carries the physician's confirmation
 * (who, why, which limits), kept with the session it allowed. Null for every other session.
 */
export const sql = `
ALTER TABLE sessions ADD COLUMN plan_override TEXT;
`
