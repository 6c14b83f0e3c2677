import { sql as initial } from './001_initial'
import { sql as eventsHardening } from './002_events_hardening'
import { sql as staffAudit } from './004_staff_audit'

/** Migration N is at index N-1; PRAGMA user_version holds the last one applied. Never edit a shipped one. */
export const MIGRATIONS: readonly string[] = [initial, eventsHardening, staffAudit]
