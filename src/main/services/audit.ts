/**
 * The audit hook of issue 6: exports, backups and restores are reported here. Until the audit log
 * (issue 5) exists, the context's `audit` is absent and this does nothing; at merge, the lead
 * points ServiceContext.audit at the audit log's append function.
 */
import type { ServiceContext } from './context'

export type AuditEvent =
  | { action: 'export'; format: 'report' | 'fhir' | 'csv' | 'rems'; sessionId: number; actorId: number | null; at: number; fileName: string }
  | { action: 'backup'; kind: 'session' | 'daily' | 'manual'; fileName: string; folder: string; actorId: number | null; at: number }
  | { action: 'backup_failed'; kind: 'session' | 'daily' | 'manual'; message: string; actorId: number | null; at: number }
  | { action: 'backup_folder_changed'; from: string; to: string; actorId: number | null; at: number }
  | { action: 'restore'; fileName: string; takenAt: number; setAsideAs: string | null; actorId: number | null; at: number }
  | { action: 'restore_refused'; fileName: string; message: string; actorId: number | null; at: number }

/** Never lets a failing audit sink turn a finished export or backup into an error. */
export function audit(ctx: Pick<ServiceContext, 'audit'>, event: AuditEvent): void {
  try {
    ctx.audit?.(event)
  } catch {
    // The action itself has happened; the sink reports its own failures.
  }
}
