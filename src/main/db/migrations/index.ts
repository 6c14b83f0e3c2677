import { sql as initial } from './001_initial'

/** Migration N is at index N-1; PRAGMA user_version holds the last one applied. Never edit a shipped one. */
export const MIGRATIONS: readonly string[] = [initial]
