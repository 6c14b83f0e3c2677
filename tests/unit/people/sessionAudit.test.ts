import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { appendAudit } from '../../../src/main/people/audit'
import { correctEntry, recordEntry } from '../../../src/main/record/entries'
import { sessionAudit } from '../../../src/main/people/sessionAudit'
import { monitorOpenSessions } from '../../../src/main/safety/monitor'
import { makeSeededContext, MIN, T0 } from '../helpers'

let t: ReturnType<typeof makeSeededContext>
const NOTE = { type: 'note' as const, note: { noteType: 'observation' as const, text: 'Pat says her husband drove her' } }
beforeEach(() => {
  t = makeSeededContext()
})
afterEach(() => t.cleanup())

describe('the Audit view of one session', () => {
  it('holds its entries, its own audit rows, and the workstation rows while it ran; not rows from before or after', () => {
    appendAudit(t.ctx, { kind: 'signed_in', actorId: t.team.admin.id }, T0 - MIN)
    t.clock.advance(MIN)
    appendAudit(t.ctx, { kind: 'signed_in', actorId: t.team.nurse.id })
    recordEntry(t.ctx, { sessionId: t.session.id, authorId: t.team.nurse.id, entry: NOTE })
    t.clock.advance(MIN)
    recordEntry(t.ctx, { sessionId: t.session.id, authorId: t.team.nurse.id, entry: { type: 'session_ended' } })
    t.clock.advance(MIN)
    appendAudit(t.ctx, { kind: 'signed_out', actorId: t.team.nurse.id })
    appendAudit(t.ctx, { kind: 'integrity_failed', sessionId: t.session.id, detail: { summary: 'x' } })
    const audit = sessionAudit(t.ctx, t.session.id)
    expect(audit.events.map((e) => e.type)).toEqual(['note', 'session_ended'])
    expect(audit.log.map((a) => a.kind)).toEqual(['signed_in', 'integrity_failed'])
    expect(audit.integrity.intact).toBe(true)
    expect(audit.auditLogIntegrity).toMatchObject({ intact: true, checked: 4 })
  })

  it('an unknown session is not found', () => {
    expect(() => sessionAudit(t.ctx, 999)).toThrow(/No such session/)
  })
})

describe('what the lock screen gets', () => {
  it('open sessions with plan, infusion figures and alerts, but no notes nor corrections of notes', () => {
    recordEntry(t.ctx, { sessionId: t.session.id, authorId: t.team.physician.id, entry: { type: 'infusion_started', rate: { value: 0.75, unit: 'mg/kg/h' } } })
    const note = recordEntry(t.ctx, { sessionId: t.session.id, authorId: t.team.nurse.id, entry: NOTE })
    t.clock.advance(MIN)
    correctEntry(t.ctx, { sessionId: t.session.id, authorId: t.team.nurse.id, eventId: note.id, reason: 'typo', entry: { ...NOTE, note: { ...NOTE.note, text: 'Pat says her sister drove her' } } })
    const [monitored, ...others] = monitorOpenSessions(t.ctx)
    expect(others).toEqual([])
    expect(monitored!.plan).toEqual(t.session.plan)
    expect(monitored!.actions.map((a) => a.type)).toEqual(['infusion_started'])
    expect(JSON.stringify(monitored)).not.toMatch(/Pat|drove/)
  })
})
