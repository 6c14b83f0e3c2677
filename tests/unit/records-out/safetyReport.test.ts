import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { recordEntry } from '../../../src/main/record/entries'
import { listAudit } from '../../../src/main/people/audit'
import { listProtocols } from '../../../src/main/protocols/protocols'
import { createSession } from '../../../src/main/sessions/sessions'
import { reportDocument } from '../../../src/main/records-out/records'
import { formatClock } from '../../../src/shared/record/messages'
import { SIGN_OFF_MEANING } from '../../../src/shared/people/auth'
import { makeTestContext, MIN, seedPatient, seedStaff, STANDARD_PLAN, T0 } from '../helpers'
import { ACK_NOTE, ADDENDUM_REASON, DISCHARGE_OVERRIDE, PATIENT_REPORT, safetySession } from './safetyScenario'

const cleanups: (() => void)[] = []
afterEach(() => cleanups.splice(0).forEach((c) => c()))

/** The visible text of the HTML, roughly as a PDF text extraction would give it. */
const text = (html: string) =>
  html
    .replace(/<style>[\s\S]*?<\/style>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')

/** The text of one section of the report, from its heading to the next one. */
const sectionText = (html: string, id: string) => {
  const m = new RegExp(`<section id="${id}">([\\s\\S]*?)</section>`).exec(html)
  if (!m) throw new Error(`no section ${id}`)
  return text(m[1]!)
}

function signedSession() {
  const s = safetySession()
  cleanups.push(s.cleanup)
  return { s, ...s.signAndAddendum() }
}

describe('the report of a session with clinical safety entries', () => {
  it('lists every alert with the response, who gave it and when, and says which were never acknowledged', () => {
    const { s } = signedSession()
    const alerts = sectionText(reportDocument(s.ctx, { sessionId: s.session.id }).html, 'alerts')
    expect(alerts).toContain('3 alerts raised: 1 acknowledged, 2 NOT ACKNOWLEDGED.')
    expect(alerts).toMatch(/CRITICAL Systolic 190 mmHg at \d\d:\d\d:\d\d is above the limit of 180/)
    expect(alerts).toContain(`Continue, by Nina Nurse (nurse) at ${formatClock(s.at(14))} (#${s.ack.seq}). Note: ${ACK_NOTE}`)
    expect(alerts).toContain(`Vitals overdue since ${formatClock(s.at(28))}`)
    expect(alerts).toContain(`NOT ACKNOWLEDGED Ended ${formatClock(s.at(31))}: vitals recorded`)
  })

  it('shows the pre-infusion checklist and which required checks were met at the start', () => {
    const { s } = signedSession()
    const checks = sectionText(reportDocument(s.ctx, { sessionId: s.session.id }).html, 'checks')
    expect(checks).toContain('Protocol: IV ketamine 0.5 mg/kg over 40 min (version 1).')
    expect(checks).toContain('Consent confirmed Yes')
    expect(checks).toContain('Last food and drink Toast 07:30')
    expect(checks).toContain('Baseline scale recorded Met')
    expect(checks).not.toContain('NOT MET')
    expect(checks).toContain('The infusion was started without an override.')
  })

  it('shows each scale with its total and band, and PHQ-9 and GAD-7 before and after', () => {
    const { s } = signedSession()
    const scales = sectionText(reportDocument(s.ctx, { sessionId: s.session.id }).html, 'scales')
    // PHQ-9 2+2+1+1+1+1+1+1+0 = 10 (moderate, 10-14) then 1+1+1+1+0+0+1+0+0 = 5 (mild, 5-9); GAD-7 10 (moderate) then 3 (minimal).
    expect(scales).toContain('PHQ-9 10 (moderate) 5 (mild) -5')
    expect(scales).toContain('GAD-7 10 (moderate) 3 (minimal) -7')
    expect(scales).toContain('PHQ-9 (before) 10/27 moderate 2 2 1 1 1 1 1 1 0 Theo Therapist (therapist)')
    expect(scales).toContain('MOAA/S 4/5 Lethargic response to name spoken in normal tone')
    expect(scales).toContain('Dissociation 2/4 Moderate')
  })

  it('shows recovery and discharge: Aldrete items and total, escort, no-driving advice, the patient’s words, and the override with its reason', () => {
    const { s } = signedSession()
    const d = sectionText(reportDocument(s.ctx, { sessionId: s.session.id }).html, 'discharge')
    // Stopped at 43 min, discharged at 70: 27 min of the protocol's 60.
    expect(d).toContain('Recovery observation 27 min after the infusion stopped (protocol minimum 60 min): SHORTER')
    expect(d).toContain('Modified Aldrete total 9/10 (minimum 9)')
    expect(d).toContain('Consciousness 1 Arousable on calling')
    expect(d).toContain('Escort present Yes')
    expect(d).toContain('No-driving advice given Yes')
    expect(d).toContain(`Patient's own report ${PATIENT_REPORT}`)
    expect(d).toContain('PHYSICIAN OVERRIDE by Dr Ada Physician (physician)')
    expect(d).toContain(`Reason ${DISCHARGE_OVERRIDE}`)
    expect(d).toContain("Criteria not met Recovery observation 27 min is shorter than the protocol's minimum of 60 min")
  })

  it('shows the sign-off with its statement, and the addendum marked as such with its reason', () => {
    const { s, signOff, addendum } = signedSession()
    const html = reportDocument(s.ctx, { sessionId: s.session.id }).html
    const sig = sectionText(html, 'signatures')
    expect(sig).toContain('Signed off by Dr Ada Physician (physician)')
    expect(sig).toContain(`Statement “${SIGN_OFF_MEANING}”`)
    expect(sig).toContain(`Covers entries #1 to #${signOff.lastSeq}`)
    expect(sig).toContain(signOff.chainHash)
    expect(sig).toContain(`${addendum.seq}`)
    expect(sig).toMatch(new RegExp(`ADDENDA.*Note Observation · Escort phone 0123 456 Nina Nurse \\(nurse\\) ${ADDENDUM_REASON}`))
    // In the notes table, too.
    expect(sectionText(html, 'notes')).toMatch(/Escort phone 0123 456 Nina Nurse \(nurse\) ADDENDUM/)
    expect(sectionText(html, 'integrity')).toContain('Record intact')
  })

  it('an unsigned record says so; safety entries are not repeated in the infusion record', () => {
    const s = safetySession()
    cleanups.push(s.cleanup)
    const html = reportDocument(s.ctx, { sessionId: s.session.id }).html
    expect(sectionText(html, 'signatures')).toContain('Not signed off.')
    expect(sectionText(html, 'infusion')).not.toMatch(/Scale|Alert acknowledged|Discharge|checklist/)
    // The sections come in their order, after the record.
    const order = ['amendments', 'checks', 'alerts', 'scales', 'discharge', 'signatures', 'integrity'].map((id) => html.indexOf(`<section id="${id}">`))
    expect(order).toEqual([...order].sort((a, b) => a - b))
  })

  it('a record changed behind the app’s back is reported as not intact, naming the entry, and the failed check is audited', () => {
    const s = safetySession()
    cleanups.push(s.cleanup)
    const raw = new Database(s.dbPath)
    raw.pragma('foreign_keys = OFF')
    raw.exec('DROP TRIGGER IF EXISTS events_refuse_update')
    raw.prepare("UPDATE events SET payload = json_set(payload, '$.vitals.systolic', 150) WHERE session_id = ? AND seq = ?").run(s.session.id, s.high.seq)
    raw.close()
    const integrity = sectionText(reportDocument(s.ctx, { sessionId: s.session.id }).html, 'integrity')
    expect(integrity).toContain(`Record not intact: entry #${s.high.seq} was changed after it was recorded`)
    expect(integrity).toContain(`#${s.high.seq} entry #${s.high.seq} was changed after it was recorded`)
    expect(listAudit(s.db).some((a) => a.kind === 'integrity_failed' && a.sessionId === s.session.id)).toBe(true)
  })

  it('a start with checks unmet shows the physician’s override, its reason and what it overrode', () => {
    const t = makeTestContext()
    cleanups.push(t.cleanup)
    const team = seedStaff(t.ctx)
    const patient = seedPatient(t.ctx)
    const session = createSession(t.ctx, {
      patientId: patient.id,
      authorId: team.nurse.id,
      plan: STANDARD_PLAN,
      team: { physicianId: team.physician.id, nurseId: team.nurse.id, therapistId: null },
      protocolId: listProtocols(t.ctx)[0]!.id
    })
    t.clock.set(T0 + MIN)
    recordEntry(t.ctx, { sessionId: session.id, authorId: team.physician.id, entry: { type: 'infusion_started', rate: { value: 52.5, unit: 'mg/h' }, override: { reason: 'Checks done on paper' } } })
    const checks = sectionText(reportDocument(t.ctx, { sessionId: session.id }).html, 'checks')
    expect(checks).toContain('No pre-infusion checklist was recorded before the infusion.')
    expect(checks).toContain('Consent confirmed NOT MET: Consent not confirmed')
    expect(checks).toContain('Baseline vitals recorded NOT MET: No baseline vitals recorded')
    expect(checks).toMatch(/PHYSICIAN OVERRIDE by Dr Ada Physician \(physician\) at \d\d:\d\d:\d\d Reason Checks done on paper/)
    expect(checks).toMatch(/Checks not met when overridden Consent not confirmed; Escort not arranged; .*No baseline scale recorded/)
    expect(sectionText(reportDocument(t.ctx, { sessionId: session.id }).html, 'discharge')).toContain('No discharge assessment recorded yet.')
  })
})
