/**
 * A full scripted session through the real services, for the export tests: baseline vitals, start,
 * a rate change, a pause with a reason, resume, stop, notes (one with commas, quotes and a line
 * break, one rating pain, one medication), a corrected vitals set, one marked in error, the end.
 */
import { correctEntry, markInError, recordEntry } from '../../../src/main/record/entries'
import type { SessionEvent } from '../../../src/shared/record/events'
import { makeSeededContext, MIN, T0, END_OVERRIDDEN } from '../helpers'

export const TRICKY_NOTE = 'Feels "floaty", calm,\nthen =SUM(A1) laughed; said: hello, world'

export function scriptedSession() {
  const t = makeSeededContext()
  const { ctx, clock, team, session } = t
  const events: SessionEvent[] = []
  const at = (min: number) => T0 + min * MIN
  const rec = (min: number, authorId: number, entry: Parameters<typeof recordEntry>[1]['entry']) => {
    clock.set(at(min))
    const e = recordEntry(ctx, { sessionId: session.id, authorId, entry, confirmOverPlan: true })
    events.push(e)
    return e
  }
  const vitals = (sys: number, dia: number, hr: number, spo2: number, rr: number, extra: object = {}) => ({
    type: 'vitals' as const,
    vitals: { systolic: sys, diastolic: dia, heartRate: hr, spo2, respiratoryRate: rr, ...extra }
  })
  const nurse = team.nurse.id
  const doc = team.physician.id

  rec(1, nurse, vitals(122, 78, 72, 99, 14, { temperature: 36.8, sedation: 5 }))
  rec(5, doc, { type: 'infusion_started', rate: { value: 0.75, unit: 'mg/kg/h' } })
  rec(15, nurse, vitals(134, 84, 78, 98, 15))
  const wrong = rec(20, nurse, vitals(210, 90, 70, 98, 14))
  rec(20.5, team.therapist.id, { type: 'note', note: { noteType: 'subjective_report', text: TRICKY_NOTE, intensity: 3, intensityOf: 'pain' } })
  rec(25, doc, { type: 'rate_changed', rate: { value: 42, unit: 'mg/h' } })
  const typo = rec(30, nurse, vitals(141, 88, 82, 97, 16))
  rec(32, doc, { type: 'infusion_paused', reason: 'Nausea, "mild"' })
  rec(33, nurse, { type: 'note', note: { noteType: 'medication_given', text: '', medication: { drug: 'Ondansetron', dose: 4, unit: 'mg', route: 'IV' } } })
  rec(37, doc, { type: 'infusion_resumed' })
  rec(45, nurse, vitals(139, 86, 80, 98, 14, { sedation: 4 }))
  rec(50, doc, { type: 'infusion_stopped' })
  rec(80, nurse, vitals(124, 80, 74, 99, 14))

  clock.set(at(82))
  events.push(correctEntry(ctx, { sessionId: session.id, authorId: nurse, eventId: typo.id, reason: 'Misread the monitor', entry: vitals(140, 88, 82, 97, 16) }))
  events.push(markInError(ctx, { sessionId: session.id, authorId: nurse, eventId: wrong.id, reason: "Another patient's reading" }))
  rec(90, doc, END_OVERRIDDEN)
  clock.set(at(95))
  return { ...t, events, at }
}

/**
 * Worked by hand: 0.75 mg/kg/h x 70 kg = 52.5 mg/h for 20 min (5 -> 25) = 17.5 mg; 42 mg/h for
 * 7 min (25 -> 32) = 4.9 mg; paused 32 -> 37; 42 mg/h for 13 min (37 -> 50) = 9.1 mg. Total 31.5 mg.
 */
export const EXPECTED = {
  deliveredMg: 31.5,
  segments: [
    { fromMin: 5, toMin: 25, mgPerHour: 52.5, doseMg: 17.5 },
    { fromMin: 25, toMin: 32, mgPerHour: 42, doseMg: 4.9 },
    { fromMin: 37, toMin: 50, mgPerHour: 42, doseMg: 9.1 }
  ],
  /** Live vitals after the correction and the void, in clinical order. */
  vitals: [
    { min: 1, sys: 122, dia: 78, hr: 72, spo2: 99, rr: 14 },
    { min: 15, sys: 134, dia: 84, hr: 78, spo2: 98, rr: 15 },
    { min: 30, sys: 140, dia: 88, hr: 82, spo2: 97, rr: 16 },
    { min: 45, sys: 139, dia: 86, hr: 80, spo2: 98, rr: 14 },
    { min: 80, sys: 124, dia: 80, hr: 74, spo2: 99, rr: 14 }
  ]
} as const
