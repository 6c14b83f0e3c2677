/**
 * Protocols: listed, created and edited in the app. Every save is a new version; nothing is ever
 * changed in place (triggers refuse it), so a session's protocol_id always names what it used.
 */
import { DomainError } from '../../shared/kernel/result'
import { protocolDefinitionSchema, type ProtocolDefinition, type ProtocolSnapshot, type ProtocolVersion } from '../../shared/protocols/protocols'
import { appendAudit } from '../people/audit'
import type { ServiceContext } from '../app/context'
import { requireActiveStaff } from '../people/people'
import { toProtocolVersion, type ProtocolRow } from '../db/rows'

/** Who may change protocols: clinical governance, not the bedside. */
export const PROTOCOL_EDITORS = ['physician', 'administrator'] as const


export const snapshotOf = (v: ProtocolVersion): ProtocolSnapshot => ({
  id: v.id,
  lineageId: v.lineageId,
  version: v.version,
  definition: v.definition
})

const LATEST_SQL = `
  SELECT p.* FROM protocols p
  WHERE p.version = (SELECT MAX(q.version) FROM protocols q WHERE COALESCE(q.lineage_id, q.id) = COALESCE(p.lineage_id, p.id))`

/** The current version of every protocol still in use, in the order they were first created. */
export function listProtocols({ db }: ServiceContext): ProtocolVersion[] {
  return (db.prepare(`${LATEST_SQL} AND p.retired = 0 ORDER BY COALESCE(p.lineage_id, p.id)`).all() as ProtocolRow[]).map(toProtocolVersion)
}

/** Every version of one protocol, newest first. */
export function protocolHistory({ db }: ServiceContext, lineageId: number): ProtocolVersion[] {
  const rows = db.prepare('SELECT * FROM protocols WHERE COALESCE(lineage_id, id) = ? ORDER BY version DESC').all(lineageId) as ProtocolRow[]
  if (rows.length === 0) throw new DomainError('NOT_FOUND', 'No such protocol', 'lineageId')
  return rows.map(toProtocolVersion)
}

export function getProtocolVersion({ db }: ServiceContext, id: number, field = 'protocolId'): ProtocolVersion {
  const row = db.prepare('SELECT * FROM protocols WHERE id = ?').get(id) as ProtocolRow | undefined
  if (!row) throw new DomainError('NOT_FOUND', 'No such protocol', field)
  return toProtocolVersion(row)
}

function latestOf({ db }: ServiceContext, lineageId: number): ProtocolVersion {
  const row = db
    .prepare('SELECT * FROM protocols WHERE COALESCE(lineage_id, id) = ? ORDER BY version DESC LIMIT 1')
    .get(lineageId) as ProtocolRow
  return toProtocolVersion(row)
}

/** The version a client edited or chose must still be the current one, so no one's change is lost unseen. */
export function requireCurrent(ctx: ServiceContext, id: number, field = 'protocolId'): ProtocolVersion {
  const v = getProtocolVersion(ctx, id, field)
  const latest = latestOf(ctx, v.lineageId)
  if (latest.id !== v.id)
    throw new DomainError('CONFLICT', `${v.definition.name} was changed (now version ${latest.version}): review it and try again`, field)
  if (v.retired) throw new DomainError('INVALID_STATE', `${v.definition.name} has been retired`, field)
  return v
}

function checkNameFree({ db }: ServiceContext, name: string, exceptLineage: number | null): void {
  const clash = (db.prepare(`${LATEST_SQL} AND p.retired = 0`).all() as ProtocolRow[]).find(
    (r) => r.name.toLowerCase() === name.toLowerCase() && (r.lineage_id ?? r.id) !== exceptLineage
  )
  if (clash) throw new DomainError('CONFLICT', `A protocol named ${name} already exists`, 'definition.name')
}

function insertVersion(
  { db, clock }: ServiceContext,
  v: { definition: ProtocolDefinition; lineageId: number | null; version: number; retired: boolean; reason: string | null; authorId: number }
): ProtocolVersion {
  // Re-validated here: the contract checks shape, this keeps every stored definition valid whoever calls.
  const definition = protocolDefinitionSchema.parse(v.definition)
  const row = db
    .prepare(
      `INSERT INTO protocols (name, definition, created_at, lineage_id, version, retired, change_reason, created_by)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING *`
    )
    .get(definition.name, JSON.stringify(definition), clock.now(), v.lineageId, v.version, v.retired ? 1 : 0, v.reason, v.authorId) as ProtocolRow
  const saved = toProtocolVersion(row)
  // Written in the same transaction as the version: a protocol change is never unaudited.
  const what = v.retired ? 'retired' : v.version === 1 ? 'created' : `saved as version ${v.version}`
  appendAudit(
    { db, clock },
    { kind: 'protocol_changed', actorId: v.authorId, detail: { summary: `Protocol “${definition.name}” ${what}${v.reason ? `: ${v.reason}` : ''}`, protocolId: saved.id } }
  )
  return saved
}

export function createProtocol(ctx: ServiceContext, input: { authorId: number; definition: ProtocolDefinition }): ProtocolVersion {
  return ctx.db.transaction(() => {
    requireActiveStaff(ctx, input.authorId, 'authorId', PROTOCOL_EDITORS)
    checkNameFree(ctx, input.definition.name, null)
    return insertVersion(ctx, { definition: input.definition, lineageId: null, version: 1, retired: false, reason: null, authorId: input.authorId })
  })()
}

/** Saves an edit as the next version of the protocol; past sessions keep the version they used. */
export function updateProtocol(
  ctx: ServiceContext,
  input: { authorId: number; protocolId: number; definition: ProtocolDefinition; reason: string }
): ProtocolVersion {
  return ctx.db.transaction(() => {
    requireActiveStaff(ctx, input.authorId, 'authorId', PROTOCOL_EDITORS)
    const current = requireCurrent(ctx, input.protocolId)
    if (JSON.stringify(protocolDefinitionSchema.parse(input.definition)) === JSON.stringify(current.definition))
      throw new DomainError('INVALID_INPUT', 'Nothing was changed', 'definition')
    checkNameFree(ctx, input.definition.name, current.lineageId)
    return insertVersion(ctx, {
      definition: input.definition,
      lineageId: current.lineageId,
      version: current.version + 1,
      retired: false,
      reason: input.reason,
      authorId: input.authorId
    })
  })()
}

/** Takes a protocol out of the list for new sessions, as a new version: its history stays. */
export function retireProtocol(ctx: ServiceContext, input: { authorId: number; protocolId: number; reason: string }): ProtocolVersion {
  return ctx.db.transaction(() => {
    requireActiveStaff(ctx, input.authorId, 'authorId', PROTOCOL_EDITORS)
    const current = requireCurrent(ctx, input.protocolId)
    return insertVersion(ctx, {
      definition: current.definition,
      lineageId: current.lineageId,
      version: current.version + 1,
      retired: true,
      reason: input.reason,
      authorId: input.authorId
    })
  })()
}
