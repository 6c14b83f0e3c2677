/** A session's protocol: chosen at the start, copied into the session, read back as its safety settings. */
import type { SessionPlan } from '../../shared/record/plan'
import { safetyOf, type ProtocolSnapshot, type SafetySettings } from '../../shared/protocols/protocols'
import type { Session } from '../../shared/sessions/session'
import type { ServiceContext } from '../app/context'
import { requireCurrent, snapshotOf } from './protocols'

/** The snapshot a new session keeps: the chosen version, which must be current and not retired. */
export function sessionProtocol(ctx: ServiceContext, protocolId: number): ProtocolSnapshot {
  return snapshotOf(requireCurrent(ctx, protocolId, 'protocolId'))
}

/** The dose and duration may be adjusted for the patient; the drug and route are the protocol's. */
export function protocolPlanProblem(p: ProtocolSnapshot, plan: SessionPlan): { field: string; message: string } | null {
  const d = p.definition
  if (plan.drug !== d.drug) return { field: 'drug', message: `${d.name} is for ${d.drug}` }
  if (plan.route !== d.route) return { field: 'route', message: `${d.name} is for the ${d.route} route` }
  return null
}

export function sessionSafety(session: Session): SafetySettings {
  return safetyOf(session.protocol ?? null)
}
