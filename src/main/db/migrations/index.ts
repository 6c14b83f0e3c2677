import { sql as initial } from './001_initial'
import { sql as eventsHardening } from './002_events_hardening'
import { sql as protocols } from './003_protocols'
import { sql as staffAudit } from './004_staff_audit'
import { sql as backupLog } from './005_backup_log'
import { sql as recordPerformance } from './006_record_performance'
import { sql as openSessions } from './007_open_sessions'
import { sql as entrySource } from './008_entry_source'
import { sql as doseLimits } from './009_dose_limits'
import { sql as signInSecurity } from './010_sign_in_security'

/**
 * Migration N is at index N-1; PRAGMA user_version holds the last one applied. Never edit a shipped one.
 */
export const MIGRATIONS: readonly string[] = [initial, eventsHardening, protocols, staffAudit, backupLog, recordPerformance, openSessions, entrySource, doseLimits, signInSecurity]
