import { sql as initial } from './001_initial'
import { sql as eventsHardening } from './002_events_hardening'
// issue 6 (backups): 005 is reserved for it; at merge it goes after 003 and 004.
import { sql as backupLog } from './005_backup_log'

/** Migration N is at index N-1; PRAGMA user_version holds the last one applied. Never edit a shipped one. */
export const MIGRATIONS: readonly string[] = [initial, eventsHardening, backupLog]
