/**
 * Where each entry came from: a staff member, a device (a monitor's values, with their
 * provenance), or the app itself (its notes of clock jumps). The author stays a person in every
 * case: the staff member who entered the values, who validated a device's values into the record,
 * or who was at the console when the app wrote its note. A device never pretends to be that
 * person; the source says the values were the device's.
 *
 * Two columns added, nothing copied: adding a column is a change to the schema alone, so a clinic
 * with years of records upgrades at once. Rows already stored keep both columns NULL, so their
 * seals (which leave NULL columns out, shared/record/integrity.ts) still verify; a NULL source reads
 * as a staff entry, or as the app's own note for the types only the app writes (db/rows.ts). The
 * rules are checked on every new entry by a trigger (a CHECK on an added column would scan every
 * stored row).
 */
export const sql = `
ALTER TABLE events ADD COLUMN source_kind TEXT;
-- The device's provenance (which monitor, which feed, its own identifiers), as JSON.
ALTER TABLE events ADD COLUMN source_device TEXT;

CREATE TRIGGER events_require_source BEFORE INSERT ON events
WHEN NEW.source_kind IS NULL OR NEW.source_kind NOT IN ('staff', 'device', 'system')
BEGIN SELECT RAISE(ABORT, 'Every new entry must say where it came from (staff, device or system)'); END;
CREATE TRIGGER events_require_device BEFORE INSERT ON events
WHEN (NEW.source_kind = 'device') != (NEW.source_device IS NOT NULL)
  OR (NEW.source_device IS NOT NULL AND NOT json_valid(NEW.source_device))
BEGIN SELECT RAISE(ABORT, 'A device entry names its device, and only a device entry does'); END;
`
