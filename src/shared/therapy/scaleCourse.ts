/** A patient's scale scores across sessions: how the course of treatment is going. */
import type { EffectiveEntry } from '../record/record'
import { liveEntries } from '../record/record'
import { scaleTotal, type ScalePayload } from '../record/scales'

export interface CourseScale {
  sessionId: number
  sessionCreatedAt: number
  eventId: number
  occurredAt: number
  scale: ScalePayload
}

/** Live scale entries (corrections applied) of one session, in clinical order. */
export function courseScales(session: { id: number; createdAt: number }, entries: readonly EffectiveEntry[]): CourseScale[] {
  const out: CourseScale[] = []
  for (const e of liveEntries(entries)) {
    if (e.entry.type !== 'scale') continue
    out.push({ sessionId: session.id, sessionCreatedAt: session.createdAt, eventId: e.original.id, occurredAt: e.occurredAt, scale: e.entry.scale })
  }
  return out
}

/** A before/after questionnaire's scores in one session; null where that one was not taken. */
export interface PrePostScore {
  scale: 'PHQ-9' | 'GAD-7'
  pre: number | null
  post: number | null
}

/**
 * PHQ-9 and GAD-7 before and after one session: the latest live score of each timing (a repeated
 * questionnaire replaces the earlier one). Only the questionnaires taken at least once are listed.
 */
export function prePostScores(entries: readonly EffectiveEntry[]): PrePostScore[] {
  const found = { phq9: { pre: null, post: null }, gad7: { pre: null, post: null } } as Record<'phq9' | 'gad7', { pre: number | null; post: number | null }>
  // Clinical order: a later score of the same timing overwrites an earlier one.
  for (const e of liveEntries(entries)) {
    if (e.entry.type !== 'scale') continue
    const s = e.entry.scale
    if (s.kind !== 'phq9' && s.kind !== 'gad7') continue
    found[s.kind][s.timing === 'before' ? 'pre' : 'post'] = scaleTotal(s)
  }
  const out: PrePostScore[] = []
  if (found.phq9.pre !== null || found.phq9.post !== null) out.push({ scale: 'PHQ-9', ...found.phq9 })
  if (found.gad7.pre !== null || found.gad7.post !== null) out.push({ scale: 'GAD-7', ...found.gad7 })
  return out
}
