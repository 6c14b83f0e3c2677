/**
 * Exports, backups and restores are reported here, as events the storage layer can raise without
 * knowing the audit log; `writeAuditEvent` turns each into a row of the hash-chained audit log.
 */
import type { NewAuditEntry } from '../../shared/people/audit'
import { appendAudit } from './audit'
import type { ServiceContext } from '../app/context'

/**
 * `actorNote` says who did it when no one can be named (recovery, or someone signed in to other
 * records); it is shown beside the row.
 */
export type AuditEvent = (
  | { action: 'export'; format: 'report' | 'fhir' | 'csv' | 'rems'; sessionId: number; actorId: number | null; at: number; fileName: string }
  | { action: 'backup'; kind: 'session' | 'daily' | 'manual'; fileName: string; folder: string; actorId: number | null; at: number }
  | { action: 'backup_failed'; kind: 'session' | 'daily' | 'manual'; message: string; actorId: number | null; at: number }
  | { action: 'backup_folder_changed'; from: string; to: string; actorId: number | null; at: number }
  | { action: 'restore'; fileName: string; takenAt: number; setAsideAs: string | null; actorId: number | null; at: number }
  | { action: 'restore_refused'; fileName: string; message: string; actorId: number | null; at: number }
  | { action: 'started_empty'; setAsideAs: string | null; backupsInFolder: number; actorId: null; at: number }
) & { actorNote?: string }

/** Never lets a failing audit sink turn a finished export or backup into an error. */
export function audit(ctx: Pick<ServiceContext, 'audit'>, event: AuditEvent): void {
  try {
    ctx.audit?.(event)
  } catch {
    // The action itself has happened; the sink reports its own failures.
  }
}

function toAuditEntry(e: AuditEvent): NewAuditEntry {
  const entry = describe(e)
  return e.actorNote ? { ...entry, detail: { ...entry.detail, actor: e.actorNote } } : entry
}

function describe(e: AuditEvent): NewAuditEntry {
  switch (e.action) {
    case 'export':
      return { kind: 'record_exported', actorId: e.actorId, sessionId: e.sessionId, detail: { format: e.format, fileName: e.fileName } }
    case 'backup':
      return { kind: 'backup_created', actorId: e.actorId, detail: { backup: e.kind, fileName: e.fileName, folder: e.folder } }
    case 'backup_failed':
      return { kind: 'backup_failed', actorId: e.actorId, detail: { backup: e.kind, message: e.message } }
    case 'backup_folder_changed':
      return { kind: 'settings_changed', actorId: e.actorId, detail: { setting: 'backup folder', from: e.from, to: e.to } }
    case 'restore':
      return { kind: 'restored', actorId: e.actorId, detail: { fileName: e.fileName, takenAt: e.takenAt, setAsideAs: e.setAsideAs } }
    case 'restore_refused':
      return { kind: 'restore_refused', actorId: e.actorId, detail: { fileName: e.fileName, message: e.message } }
    case 'started_empty':
      return { kind: 'records_started_empty', actorId: null, detail: { setAsideAs: e.setAsideAs, backupsInFolder: e.backupsInFolder } }
  }
}

/** Appends the event to the audit log of `ctx`'s database (in recovery there is none: nothing is written). */
export function writeAuditEvent(ctx: ServiceContext, event: AuditEvent): void {
  appendAudit(ctx, toAuditEntry(event), event.at)
}
