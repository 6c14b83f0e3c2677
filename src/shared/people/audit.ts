/**
 * The audit trail: everything that is not itself a clinical entry (sign-in and out, wrong PINs,
 * locks, sign-offs, staff, settings and protocol changes, exports, refused actions), and the
 * Audit view's one list that merges it with a session's entries, corrections and addenda.
 */
import type { SignOff } from './auth'
import type { SessionEvent } from '../record/events'
import type { IntegrityReport } from '../record/integrity'

export const AUDIT_KINDS = [
  'administrator_created',
  'signed_in',
  'signed_out',
  'screen_locked',
  'pin_failed',
  'account_locked_out',
  'signed_off',
  'staff_added',
  'staff_deactivated',
  'staff_reactivated',
  'pin_reset',
  'settings_changed',
  'protocol_changed',
  'record_exported',
  'action_refused',
  'integrity_failed',
  'backup_created',
  'backup_failed',
  'restored',
  'restore_refused',
  'dose_limit_override',
  'records_started_empty',
  'wrong_pins_burst',
  'pin_changed'
] as const
export type AuditKind = (typeof AUDIT_KINDS)[number]

/** One row of the append-only audit_log table. */
export interface AuditEntry {
  id: number
  at: number
  kind: AuditKind
  /** Who did it, or who tried (a wrong PIN is logged against the name that was picked). */
  actorId: number | null
  /** The staff member a staff change is about. */
  subjectId: number | null
  sessionId: number | null
  detail: Record<string, unknown>
  /** The newest session entry (any session) when this row was written: orders rows among entries. */
  afterEventId: number
}

export type NewAuditEntry = Omit<AuditEntry, 'id' | 'at' | 'actorId' | 'subjectId' | 'sessionId' | 'detail' | 'afterEventId'> & {
  actorId?: number | null
  subjectId?: number | null
  sessionId?: number | null
  detail?: Record<string, unknown>
}

/** The Audit view's "Kind" filter: what a reviewer looks for, not table names. */
export const AUDIT_CATEGORIES = {
  entry: 'Entries',
  correction: 'Corrections',
  entered_in_error: 'Entered in error',
  addendum: 'Addenda',
  sign_off: 'Sign-off',
  sign_in_out: 'Sign-in and sign-out',
  failed_pin: 'Wrong PINs and lock-outs',
  lock: 'Screen locks',
  staff: 'Staff changes',
  settings: 'Settings changes',
  protocol: 'Protocol changes',
  export: 'Exports',
  refused: 'Refused actions',
  integrity: 'Integrity checks',
  backup: 'Backups and restores',
  dose_limit: 'Dose limit overrides'
} as const
export type AuditCategory = keyof typeof AUDIT_CATEGORIES

const CATEGORY_OF_KIND: Record<AuditKind, AuditCategory> = {
  administrator_created: 'staff',
  signed_in: 'sign_in_out',
  signed_out: 'sign_in_out',
  screen_locked: 'lock',
  pin_failed: 'failed_pin',
  account_locked_out: 'failed_pin',
  signed_off: 'sign_off',
  staff_added: 'staff',
  staff_deactivated: 'staff',
  staff_reactivated: 'staff',
  pin_reset: 'staff',
  settings_changed: 'settings',
  protocol_changed: 'protocol',
  record_exported: 'export',
  action_refused: 'refused',
  integrity_failed: 'integrity',
  backup_created: 'backup',
  backup_failed: 'backup',
  restored: 'backup',
  restore_refused: 'backup',
  dose_limit_override: 'dose_limit',
  records_started_empty: 'backup',
  wrong_pins_burst: 'failed_pin',
  pin_changed: 'staff'
}

export const AUDIT_KIND_LABELS: Record<AuditKind, string> = {
  administrator_created: 'Administrator created',
  signed_in: 'Signed in',
  signed_out: 'Signed out',
  screen_locked: 'Screen locked',
  pin_failed: 'Wrong PIN',
  account_locked_out: 'Account locked out',
  signed_off: 'Record signed off',
  staff_added: 'Staff member added',
  staff_deactivated: 'Staff member deactivated',
  staff_reactivated: 'Staff member reactivated',
  pin_reset: 'PIN reset',
  settings_changed: 'Settings changed',
  protocol_changed: 'Protocol changed',
  record_exported: 'Record exported',
  action_refused: 'Action refused',
  integrity_failed: 'Integrity check failed',
  backup_created: 'Backup taken',
  backup_failed: 'Backup failed',
  restored: 'Restored from backup',
  restore_refused: 'Restore refused',
  dose_limit_override: 'Dose over a soft limit confirmed',
  records_started_empty: 'Started with an empty database',
  wrong_pins_burst: 'Wrong PINs in a row',
  pin_changed: 'PIN changed'
}

export type AuditRow =
  | { source: 'event'; key: string; at: number; category: AuditCategory; staffId: number; event: SessionEvent; addendum: boolean }
  | { source: 'log'; key: string; at: number; category: AuditCategory; staffId: number | null; entry: AuditEntry }

/**
 * A session's whole history in the order it was written: entries by their (database-wide,
 * increasing) id, each audit row just after the newest entry that existed when it was written.
 * Clock times can tie or step back; the order of writing cannot. Entries after the sign-off are
 * addenda.
 */
export function auditRows(events: readonly SessionEvent[], log: readonly AuditEntry[], signOff: SignOff | null): AuditRow[] {
  const rows: (AuditRow & { order: [number, number, number] })[] = []
  for (const e of events) {
    const addendum = signOff !== null && e.seq > signOff.lastSeq
    const category: AuditCategory =
      e.type === 'correction' ? 'correction' : e.type === 'entered_in_error' ? 'entered_in_error' : addendum ? 'addendum' : 'entry'
    rows.push({ source: 'event', key: `e${e.id}`, at: e.recordedAt, category, staffId: e.authorId, event: e, addendum, order: [e.id, 0, 0] })
  }
  for (const a of log) {
    rows.push({ source: 'log', key: `a${a.id}`, at: a.at, category: CATEGORY_OF_KIND[a.kind], staffId: a.actorId, entry: a, order: [a.afterEventId, 1, a.id] })
  }
  rows.sort((x, y) => x.order[0] - y.order[0] || x.order[1] - y.order[1] || x.order[2] - y.order[2])
  return rows.map(({ order: _, ...row }) => row as AuditRow)
}

export interface AuditFilter {
  staffId: number | null
  category: AuditCategory | null
}

/** A staff change is about two people: it shows under the one who made it and the one it concerns. */
export function filterAuditRows(rows: readonly AuditRow[], f: AuditFilter): AuditRow[] {
  return rows.filter((r) => {
    if (f.category !== null && r.category !== f.category) return false
    if (f.staffId === null) return true
    return r.staffId === f.staffId || (r.source === 'log' && r.entry.subjectId === f.staffId)
  })
}

/**
 * One line for an audit log row; names come from `nameOf` so the view shows "Nurse Joy (Nurse)".
 * A row written with nobody it can name (recovery, or a person of another database) says so.
 */
export function describeAuditEntry(a: AuditEntry, nameOf: (id: number) => string): string {
  const line = describeWhat(a, nameOf)
  const actor = a.detail['actor']
  return typeof actor === 'string' && actor !== '' ? `${line} (${actor})` : line
}

function describeWhat(a: AuditEntry, nameOf: (id: number) => string): string {
  const d = a.detail
  const subject = a.subjectId === null ? '' : nameOf(a.subjectId)
  const text = (k: string) => (typeof d[k] === 'string' ? (d[k] as string) : '')
  switch (a.kind) {
    case 'signed_in':
      return d['replaced'] !== undefined ? `Signed in, taking over from ${nameOf(Number(d['replaced']))}` : 'Signed in'
    case 'signed_out':
      return text('reason') ? `Signed out (${text('reason')})` : 'Signed out'
    case 'screen_locked':
      return d['reason'] === 'idle' ? `Screen locked after ${Number(d['idleMinutes'])} min without use` : 'Screen locked'
    case 'pin_failed':
      return d['during'] === 'sign_off'
        ? 'Wrong PIN when signing off'
        : d['during'] === 'dose_override'
          ? 'Wrong PIN when confirming a dose over a soft limit'
          : d['locked'] ? 'PIN entered while the account was locked out' : 'Wrong PIN at sign-in'
    case 'account_locked_out':
      return `Locked out for ${Number(d['minutes'])} min after ${Number(d['attempts'])} wrong PINs in a row`
    case 'signed_off':
      return `Signed off entries #1–#${Number(d['lastSeq'])}: “${text('meaning')}”`
    case 'staff_added':
    case 'administrator_created':
      return `${subject} added`
    case 'staff_deactivated':
      return `${subject} deactivated`
    case 'staff_reactivated':
      return `${subject} reactivated`
    case 'pin_reset':
      return `PIN of ${subject} reset`
    case 'settings_changed':
      return text('summary') || (text('setting') ? `${text('setting')} changed from ${text('from')} to ${text('to')}` : 'Settings changed')
    case 'protocol_changed':
      return text('summary') || AUDIT_KIND_LABELS[a.kind]
    case 'record_exported':
      return text('summary') || (text('format') ? `Exported ${text('format').toUpperCase()}: ${text('fileName')}` : AUDIT_KIND_LABELS[a.kind])
    case 'action_refused':
      return text('reason')
    case 'integrity_failed':
      return text('summary')
    case 'backup_created':
      return `Backup taken (${text('backup')}): ${text('fileName')}`
    case 'backup_failed':
      return `Backup failed (${text('backup')}): ${text('message')}`
    case 'restored':
      return `Restored from ${text('fileName')}`
    case 'restore_refused':
      return `Restore of ${text('fileName')} refused: ${text('message')}`
    case 'dose_limit_override':
      return text('summary') || AUDIT_KIND_LABELS[a.kind]
    case 'pin_changed':
      return 'Chose their own PIN, replacing the one an administrator set'
    case 'wrong_pins_burst':
      return `${Number(d['attempts'])} wrong PINs in a row at this workstation; the next try had to wait ${Number(d['waitSeconds'])} s`
    case 'records_started_empty':
      return text('setAsideAs') ? `Started with an empty database; the previous file was kept as ${text('setAsideAs')}` : 'Started with an empty database'
  }
}

/** What the Audit view gets for one session. */
export interface SessionAudit {
  sessionId: number
  events: SessionEvent[]
  log: AuditEntry[]
  signOff: SignOff | null
  integrity: IntegrityReport
  auditLogIntegrity: IntegrityReport
}

/** Checked each time a record is opened. */
export interface RecordStatus {
  integrity: IntegrityReport
  signOff: SignOff | null
}
