/**
 * How each table's stored row becomes the object the services hand out: one mapper per table,
 * so a column added by a migration is read the same way everywhere.
 */
import type { LimitOverride } from '../../shared/record/limitOverride'
import type { AuditEntry, AuditKind } from '../../shared/people/audit'
import type { Patient, Role, Staff } from '../../shared/people/people'
import type { ProtocolDefinition, ProtocolSnapshot, ProtocolVersion } from '../../shared/protocols/protocols'
import { SYSTEM_TYPES, type DeviceProvenance, type EntrySource, type EventType, type SessionEvent, type SourceKind } from '../../shared/record/events'
import type { SessionPlan } from '../../shared/record/plan'
import type { Session, SessionSummary } from '../../shared/sessions/session'

export interface EventRow {
  id: number
  session_id: number
  seq: number
  type: EventType
  occurred_at: number
  recorded_at: number
  author_id: number | null
  payload: string
  amends_event_id: number | null
  reason: string | null
  /** NULL on entries stored before sources were kept (migration 008). */
  source_kind: SourceKind | null
  source_device: string | null
}

/**
 * Entries stored before sources were kept were all entered by staff, except the notes only the
 * app writes; their rows are left as stored so their seals still verify.
 */
function sourceOf(r: EventRow): EntrySource {
  const kind = r.source_kind ?? ((SYSTEM_TYPES as readonly string[]).includes(r.type) ? 'system' : 'staff')
  if (kind === 'device') return { kind, device: JSON.parse(r.source_device!) as DeviceProvenance }
  return { kind }
}

export function toEvent(r: EventRow): SessionEvent {
  // Nothing this version writes lacks an author; device entries without one come with the
  // readers (report, exports, timeline) that know how to name a device.
  if (r.author_id === null) throw new Error(`Entry #${r.seq} of session ${r.session_id} has no author: this version cannot show it`)
  return {
    id: r.id,
    sessionId: r.session_id,
    seq: r.seq,
    type: r.type,
    occurredAt: r.occurred_at,
    recordedAt: r.recorded_at,
    authorId: r.author_id,
    source: sourceOf(r),
    payload: JSON.parse(r.payload) as unknown,
    amendsEventId: r.amends_event_id,
    reason: r.reason
  }
}

export interface StaffRow {
  id: number
  name: string
  role: Role
  active: number
  created_at: number
}

export const toStaff = (r: StaffRow): Staff => ({ id: r.id, name: r.name, role: r.role, active: r.active === 1, createdAt: r.created_at })

export interface PatientRow {
  id: number
  patient_code: string
  full_name: string
  date_of_birth: string
  weight_kg: number
  created_at: number
}

export const toPatient = (r: PatientRow): Patient => ({
  id: r.id,
  patientCode: r.patient_code,
  fullName: r.full_name,
  dateOfBirth: r.date_of_birth,
  weightKg: r.weight_kg,
  createdAt: r.created_at
})

export interface SessionRow {
  id: number
  patient_id: number
  plan: string
  physician_id: number
  nurse_id: number
  therapist_id: number | null
  created_by: number
  created_at: number
  protocol_id: number | null
  protocol_snapshot: string | null
  plan_override: string | null
}

export const toSession = (r: SessionRow): Session => ({
  id: r.id,
  patientId: r.patient_id,
  plan: JSON.parse(r.plan) as SessionPlan,
  team: { physicianId: r.physician_id, nurseId: r.nurse_id, therapistId: r.therapist_id },
  createdBy: r.created_by,
  createdAt: r.created_at,
  ...(r.protocol_snapshot === null ? {} : { protocol: JSON.parse(r.protocol_snapshot) as ProtocolSnapshot }),
  ...(r.plan_override === null || r.plan_override === undefined ? {} : { planOverride: JSON.parse(r.plan_override) as LimitOverride })
})

/** A session row joined with its patient and the time it ended. */
export type SessionSummaryRow = SessionRow & { patient_code: string; full_name: string; ended_at: number | null }

export const toSessionSummary = (r: SessionSummaryRow): SessionSummary => ({
  ...toSession(r),
  patientCode: r.patient_code,
  patientName: r.full_name,
  endedAt: r.ended_at
})

export interface ProtocolRow {
  id: number
  name: string
  definition: string
  created_at: number
  lineage_id: number | null
  version: number
  retired: number
  change_reason: string | null
  created_by: number | null
}

export const toProtocolVersion = (r: ProtocolRow): ProtocolVersion => ({
  id: r.id,
  lineageId: r.lineage_id ?? r.id,
  version: r.version,
  definition: JSON.parse(r.definition) as ProtocolDefinition,
  retired: r.retired === 1,
  changeReason: r.change_reason,
  createdBy: r.created_by,
  createdAt: r.created_at
})

export interface AuditRow {
  id: number
  at: number
  kind: AuditKind
  actor_id: number | null
  subject_id: number | null
  session_id: number | null
  detail: string
  after_event_id: number
  prev_hash: string
  hash: string
}

export const toAuditEntry = (r: AuditRow): AuditEntry => ({
  id: r.id,
  at: r.at,
  kind: r.kind,
  actorId: r.actor_id,
  subjectId: r.subject_id,
  sessionId: r.session_id,
  detail: JSON.parse(r.detail) as Record<string, unknown>,
  afterEventId: r.after_event_id
})
