/**
 * The one place main decides whether the signed-in person may make a call. Each module gives every
 * channel its rule (app/handlers.ts: a channel without one does not compile), the roles come from
 * the clinic's permission table, and a refused action changes nothing but the audit log.
 */
import type { Channel } from '../../shared/contract'
import { isClinical } from '../../shared/record/events'
import { amendProblem, describeStaff, ENTRY_PERMISSIONS, permissionProblem, type Permission } from '../../shared/people/permissions'
import { DomainError } from '../../shared/kernel/result'
import { appendAudit } from '../people/audit'
import { requireSignedIn } from '../people/auth'
import { loadEvent } from '../record/eventStore'
import { getSettings } from '../people/settings'
import type { HandlerContext } from '../people/workstation'
import { cached } from '../db/statements'

export type Rule =
  /** No sign-in needed: the clock, sign-in itself, and what the sign-in and lock screens show. */
  | { open: true }
  /** Any signed-in, unlocked staff member: reading records. */
  | { signedIn: true }
  | { permission: Permission }
  /** A new clinical entry: the permission follows its type. */
  | { entry: 'record' }
  /** A correction or void: the permission follows the type of the entry amended. */
  | { entry: 'amend' }
  /** Open while the records cannot be opened (nobody can sign in then); otherwise this permission. */
  | { recoveryOr: Permission }

type Input = Record<string, unknown>

function permissionFor(ctx: HandlerContext, rule: Rule, input: Input): Permission | null {
  if ('permission' in rule) return rule.permission
  if ('recoveryOr' in rule) return rule.recoveryOr
  if (!('entry' in rule)) return null
  if (rule.entry === 'record') {
    const type = (input['entry'] as { type?: unknown } | undefined)?.type
    return typeof type === 'string' && isClinical(type as never) ? ENTRY_PERMISSIONS[type as keyof typeof ENTRY_PERMISSIONS] : null
  }
  // An unknown target is left to the service, which answers NOT_FOUND.
  const target = typeof input['eventId'] === 'number' ? loadEvent(ctx.db, input['eventId']) : undefined
  return target && isClinical(target.type) ? ENTRY_PERMISSIONS[target.type] : null
}

/** Throws FORBIDDEN, saying why, when the call is not allowed; otherwise returns quietly. */
export function guard(ctx: HandlerContext, channel: Channel, rule: Rule, parsed: unknown): void {
  if ('open' in rule) return
  if ('recoveryOr' in rule && ctx.storage?.startupStatus().mode === 'recovery') return
  // A call is not a person: screens refresh on timers, so only input reported by the window
  // (auth.activity) or a sign-in keeps the idle lock away.
  const staff = requireSignedIn(ctx)
  if ('signedIn' in rule) return
  const input = (typeof parsed === 'object' && parsed !== null ? parsed : {}) as Input
  const sessionId = typeof input['sessionId'] === 'number' ? input['sessionId'] : null
  const refuse = (reason: string, field?: string): never => {
    appendAudit(ctx, { kind: 'action_refused', actorId: staff.id, sessionId: sessionId !== null && sessionExists(ctx, sessionId) ? sessionId : null, detail: { action: channel, reason } })
    throw new DomainError('FORBIDDEN', reason, field)
  }
  // The renderer names the author it believes is signed in; a stale screen must not write as someone else.
  if ('authorId' in input && input['authorId'] !== staff.id)
    refuse(`You are signed in as ${describeStaff(staff)}, not as the author this was sent for. Nothing was saved.`, 'authorId')
  const permission = permissionFor(ctx, rule, input)
  if (permission === null) return
  const problem = permissionProblem(getSettings(ctx).permissions, staff, permission)
  if (problem) refuse(problem)
  if ('entry' in rule && rule.entry === 'amend') {
    const target = loadEvent(ctx.db, input['eventId'] as number)
    const notClinician = target ? amendProblem(staff, target.authorId) : null
    if (notClinician) refuse(notClinician)
  }
}

const sessionExists = (ctx: HandlerContext, id: number) => Boolean(cached(ctx.db, 'SELECT 1 FROM sessions WHERE id = ?').get(id))
