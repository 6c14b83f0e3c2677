/**
 * A session under the shipped IV protocol through the real services, with what clinical safety
 * adds to a record: the pre-infusion checklist, PHQ-9 and GAD-7 before and after, a systolic over
 * the limit acknowledged with a response and a note, vitals left overdue twice (not acknowledged),
 * MOAA/S and a dissociation rating, a discharge with a physician's override (recovery too short),
 * the end, the physician's sign-off, and an addendum after it.
 *
 * Worked by hand (standard plan, 70 kg, 52.5 mg/h): the infusion runs 3 -> 43 min = 35.0 mg.
 * Alerts: systolic 190 at 13 min (limit 180), acknowledged at 14 min "Continue"; vitals at 18 min,
 * then none until 31 min: overdue after 28 min (every 10 min during infusion), ended by the
 * vitals at 31. Recovery vitals at 58: due at 51, the earlier of the last vitals (41) + 10 and the
 * stop (43) + 15, so overdue from 51 to 58, not acknowledged. Discharge at 70 min:
 * 27 min of recovery, shorter than the protocol's 60.
 */
import { givePin } from '../authHelpers'
import { recordEntry } from '../../../src/main/record/entries'
import { listProtocols } from '../../../src/main/protocols/protocols'
import { acknowledgeAlert, recordDischarge } from '../../../src/main/safety/safety'
import { createSession } from '../../../src/main/sessions/sessions'
import { signOffRecord } from '../../../src/main/record/signOff'
import type { EntryInput } from '../../../src/shared/record/events'
import { makeTestContext, MIN, seedPatient, seedStaff, STANDARD_PLAN, T0 } from '../helpers'

export const PHQ9_BEFORE = [2, 2, 1, 1, 1, 1, 1, 1, 0] // 10, moderate
export const PHQ9_AFTER = [1, 1, 1, 1, 0, 0, 1, 0, 0] // 5, mild
export const GAD7_BEFORE = [2, 2, 2, 1, 1, 1, 1] // 10, moderate
export const GAD7_AFTER = [1, 1, 1, 0, 0, 0, 0] // 3, minimal
export const ACK_NOTE = 'Rechecking in 5 min'
export const DISCHARGE_OVERRIDE = 'Escort waiting; stable, Aldrete 9'
export const ADDENDUM_REASON = "Escort's phone number noted late"
export const PATIENT_REPORT = 'Feels calm, a bit tired'

const vitals = (systolic: number, diastolic: number, heartRate = 76): EntryInput => ({
  type: 'vitals',
  vitals: { systolic, diastolic, heartRate, spo2: 98, respiratoryRate: 14 }
})

export function safetySession() {
  const t = makeTestContext()
  const team = seedStaff(t.ctx)
  const patient = seedPatient(t.ctx)
  const iv = listProtocols(t.ctx)[0]!
  const session = createSession(t.ctx, {
    patientId: patient.id,
    authorId: team.nurse.id,
    plan: STANDARD_PLAN,
    team: { physicianId: team.physician.id, nurseId: team.nurse.id, therapistId: team.therapist.id },
    protocolId: iv.id
  })
  const at = (min: number) => T0 + min * MIN
  const rec = (min: number, authorId: number, entry: EntryInput, addendumReason?: string) => {
    t.clock.set(at(min))
    return recordEntry(t.ctx, { sessionId: session.id, authorId, entry, ...(addendumReason ? { addendumReason } : {}) })
  }
  const nurse = team.nurse.id
  const doc = team.physician.id

  rec(0, nurse, { type: 'checklist', checklist: { consent: true, escort: true, screening: { hypertension: 'no', psychosis: 'no', pregnancy: 'not_applicable', trauma: 'no' }, lastFoodDrink: 'Toast 07:30' } })
  rec(1, nurse, vitals(124, 78, 72))
  rec(2, team.therapist.id, { type: 'scale', scale: { kind: 'phq9', timing: 'before', items: PHQ9_BEFORE } })
  rec(2.5, team.therapist.id, { type: 'scale', scale: { kind: 'gad7', timing: 'before', items: GAD7_BEFORE } })
  rec(3, doc, { type: 'infusion_started', rate: { value: 0.75, unit: 'mg/kg/h' } })
  const high = rec(13, nurse, vitals(190, 95, 88))
  t.clock.set(at(14))
  const [ack] = acknowledgeAlert(t.ctx, { sessionId: session.id, authorId: nurse, alertKey: `vital_limit:systolic:high:${high.id}`, response: 'continue', note: ACK_NOTE })
  rec(18, nurse, vitals(150, 88, 80))
  rec(20, nurse, { type: 'scale', scale: { kind: 'moaas', score: 4 } })
  rec(25, team.therapist.id, { type: 'scale', scale: { kind: 'dissociation', score: 2 } })
  rec(31, nurse, vitals(140, 86, 78))
  rec(41, nurse, vitals(132, 84, 76))
  rec(43, doc, { type: 'infusion_stopped' })
  rec(58, nurse, vitals(126, 80, 72))
  rec(60, team.therapist.id, { type: 'scale', scale: { kind: 'phq9', timing: 'after', items: PHQ9_AFTER } })
  rec(61, team.therapist.id, { type: 'scale', scale: { kind: 'gad7', timing: 'after', items: GAD7_AFTER } })
  t.clock.set(at(70))
  const discharge = recordDischarge(t.ctx, {
    sessionId: session.id,
    authorId: doc,
    assessment: {
      aldrete: { activity: 2, respiration: 2, circulation: 2, consciousness: 1, oxygenSaturation: 2 },
      escortPresent: true,
      noDrivingAdviceGiven: true,
      patientReport: PATIENT_REPORT
    },
    override: { reason: DISCHARGE_OVERRIDE }
  })
  const end = rec(75, doc, { type: 'session_ended' })

  /** The physician signs at 80 min; a nurse adds a note as an addendum at 85. */
  const signAndAddendum = () => {
    givePin(t.ctx, doc, '8642')
    t.clock.set(at(80))
    const signOff = signOffRecord(t.ctx, team.physician, { sessionId: session.id, authorId: doc, pin: '8642' })
    const addendum = rec(85, nurse, { type: 'note', note: { noteType: 'observation', text: 'Escort phone 0123 456' } }, ADDENDUM_REASON)
    return { signOff, addendum }
  }
  t.clock.set(at(90))
  return { ...t, team, patient, session, at, high, ack: ack!, discharge, end, signAndAddendum }
}
