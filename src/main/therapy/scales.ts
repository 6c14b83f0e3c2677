import { courseScales, type CourseScale } from '../../shared/therapy/scaleCourse'
import type { SessionEvent } from '../../shared/record/events'
import { effectiveEntries } from '../../shared/record/record'
import type { ServiceContext } from '../app/context'
import { loadEvent } from '../record/eventStore'
import { getPatient } from '../people/people'

/** Every live scale score of a patient, session by session (oldest first), corrections applied. */
export function scalesForPatient(ctx: ServiceContext, patientId: number): CourseScale[] {
  return ctx.db.transaction(() => {
    getPatient(ctx, patientId)
    const sessions = ctx.db.prepare('SELECT id, created_at FROM sessions WHERE patient_id = ? ORDER BY created_at, id').all(patientId) as {
      id: number
      created_at: number
    }[]
    const select = ctx.db.prepare(
      "SELECT id FROM events WHERE session_id = ? AND type IN ('scale', 'correction', 'entered_in_error') ORDER BY seq"
    )
    return sessions.flatMap((s) => {
      const events = (select.all(s.id) as { id: number }[]).map((r) => loadEvent(ctx.db, r.id)).filter((e): e is SessionEvent => e !== undefined)
      return courseScales({ id: s.id, createdAt: s.created_at }, effectiveEntries(events))
    })
  })()
}
