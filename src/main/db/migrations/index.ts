import { sql as initial } from './001_initial'
import { sql as eventsHardening } from './002_events_hardening'
// issue 7 (benchmarks and fault tests): 006
import { sql as recordPerformance } from './006_record_performance'

/** Migration N is at index N-1; PRAGMA user_version holds the last one applied. Never edit a shipped one. */
export const MIGRATIONS: readonly string[] = [initial, eventsHardening, recordPerformance]
