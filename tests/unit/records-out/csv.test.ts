import { parse } from 'csv-parse/sync'
import { afterEach, describe, expect, it } from 'vitest'
import { recordEntry } from '../../../src/main/record/entries'
import { exportCsv } from '../../../src/main/records-out/records'
import { CSV_COLUMNS, guardFormula } from '../../../src/shared/records-out/csvRows'
import { listProtocols } from '../../../src/main/protocols/protocols'
import { createSession } from '../../../src/main/sessions/sessions'
import { makeSeededContext, STANDARD_PLAN } from '../helpers'
import { ADDENDUM_REASON, DISCHARGE_OVERRIDE, safetySession } from './safetyScenario'
import { scriptedSession, TRICKY_NOTE } from './scenario'

const cleanups: (() => void)[] = []
afterEach(() => cleanups.splice(0).forEach((c) => c()))
const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?[+-]\d{2}:\d{2}$/

function exported() {
  const s = scriptedSession()
  cleanups.push(s.cleanup)
  const file = exportCsv(s.ctx, { sessionId: s.session.id })
  // An independent RFC 4180 parser (csv-parse), not the library that wrote it.
  const rows = parse(file.content, { bom: true, columns: true, relax_column_count: false }) as Record<string, string>[]
  return { s, file, rows }
}

describe('CSV export', () => {
  it('has a header row and one row per stored entry, corrections and voids included, in entry order', () => {
    const { s, file, rows } = exported()
    expect(file.content.startsWith('\uFEFF')).toBe(true)
    expect(file.content.slice(1).split('\r\n')[0]).toBe(CSV_COLUMNS.join(','))
    expect(rows).toHaveLength(s.events.length)
    expect(rows.map((r) => Number(r['entry_no']))).toEqual(s.events.map((e) => e.seq))
    expect(file.mimeType).toMatch(/text\/csv/)
  })

  it('times are ISO 8601 with the UTC offset and mean the recorded instants', () => {
    const { s, rows } = exported()
    for (const [i, r] of rows.entries()) {
      expect(r['occurred_at']).toMatch(ISO_WITH_OFFSET)
      expect(r['recorded_at']).toMatch(ISO_WITH_OFFSET)
      expect(Date.parse(r['recorded_at']!)).toBe(s.events[i]!.recordedAt)
    }
    const started = rows.find((r) => r['kind'] === 'Infusion started')!
    expect(Date.parse(started['occurred_at']!)).toBe(s.at(5))
    expect(started['rate_mg_per_h']).toBe('52.5')
  })

  it('a note with commas, quotes and a line break survives the round trip, guarded against formulas only where it starts with one', () => {
    const { rows } = exported()
    const report = rows.find((r) => r['note_type'] === 'Subjective report')!
    expect(report['text']).toBe(TRICKY_NOTE)
    expect(report['intensity_0_10']).toBe('3')
    const pause = rows.find((r) => r['kind'] === 'Infusion paused')!
    expect(pause['reason']).toBe('Nausea, "mild"')
  })

  it('corrections point at the entry they amend, with the reason and the corrected values', () => {
    const { rows } = exported()
    const correction = rows.find((r) => r['kind'] === 'Correction of Vitals')!
    const original = rows.find((r) => r['entry_no'] === correction['amends_entry_no'])!
    expect(original['systolic_mmHg']).toBe('141')
    expect(correction['systolic_mmHg']).toBe('140')
    expect(correction['reason']).toBe('Misread the monitor')
    const voided = rows.find((r) => r['kind'] === 'Marked entered in error')!
    expect(rows.find((r) => r['entry_no'] === voided['amends_entry_no'])!['systolic_mmHg']).toBe('210')
  })

  it('free text that starts like a formula is prefixed so spreadsheets show it as text; numbers are left alone', () => {
    expect(guardFormula('=HYPERLINK("x")')).toBe(`'=HYPERLINK("x")`)
    for (const c of ['+', '-', '@', '\t', '\r']) expect(guardFormula(`${c}1`)).toBe(`'${c}1`)
    expect(guardFormula('calm = relaxed')).toBe('calm = relaxed')
    const t = makeSeededContext()
    cleanups.push(t.cleanup)
    const content = exportCsv(t.ctx, { sessionId: t.session.id }).content
    expect(parse(content, { bom: true, columns: true })).toEqual([])
  })
})

describe('CSV export of the safety entries', () => {
  function exportedSafety() {
    const s = safetySession()
    cleanups.push(s.cleanup)
    const { signOff } = s.signAndAddendum()
    const file = exportCsv(s.ctx, { sessionId: s.session.id })
    const rows = parse(file.content, { bom: true, columns: true, relax_column_count: false }) as Record<string, string>[]
    return { s, rows, signOff }
  }
  const filled = (r: Record<string, string>) => Object.fromEntries(Object.entries(r).filter(([k, v]) => v !== '' && !['patient_id', 'session_id', 'occurred_at', 'recorded_at', 'author_role'].includes(k)))

  it('a scale row has the scale, timing, total, maximum, band and the answers', () => {
    const { rows } = exportedSafety()
    const phq9 = rows.filter((r) => r['scale'] === 'PHQ-9')
    expect(phq9.map((r) => [r['scale_timing'], r['scale_total'], r['scale_max'], r['scale_band'], r['scale_items']])).toEqual([
      ['before', '10', '27', 'moderate', '2 2 1 1 1 1 1 1 0'],
      ['after', '5', '27', 'mild', '1 1 1 1 0 0 1 0 0']
    ])
    expect(rows.find((r) => r['scale'] === 'MOAA/S')).toMatchObject({ kind: 'Scale', scale_total: '4', scale_max: '5', scale_timing: '', scale_items: '' })
  })

  it('an acknowledgement row says which alert, the response and the note', () => {
    const { rows } = exportedSafety()
    expect(filled(rows.find((r) => r['kind'] === 'Alert acknowledged')!)).toMatchObject({
      author: 'Nina Nurse',
      alert_rule: 'Vital sign past its limit',
      alert_response: 'Continue',
      text: expect.stringMatching(/^Systolic 190 mmHg at \d\d:\d\d:\d\d is above the limit of 180 · Response: Continue · Rechecking in 5 min$/)
    })
  })

  it('the discharge row has the Aldrete total, the override’s reason, and the assessment in words; the checklist row its answers', () => {
    const { rows } = exportedSafety()
    const discharge = rows.find((r) => r['kind'] === 'Discharge')!
    expect(discharge['aldrete_total']).toBe('9')
    expect(discharge['override_reason']).toBe(DISCHARGE_OVERRIDE)
    expect(discharge['text']).toMatch(/^Aldrete 9\/10 \(2 2 2 1 2\) · escort present · no-driving advice given · patient: Feels calm, a bit tired · Physician override: /)
    expect(rows.find((r) => r['kind'] === 'Pre-infusion checklist')!['text']).toBe(
      'Consent confirmed · escort arranged · uncontrolled hypertension: no · active psychosis: no · pregnancy: not applicable · recent trauma: no · last food and drink: Toast 07:30'
    )
  })

  it('entries after the sign-off are marked as addenda, with their reason', () => {
    const { rows, signOff } = exportedSafety()
    const addenda = rows.filter((r) => r['addendum'] === 'yes')
    expect(addenda.map((r) => [Number(r['entry_no']), r['kind'], r['reason']])).toEqual([[signOff.lastSeq + 1, 'Note', ADDENDUM_REASON]])
    expect(rows.filter((r) => Number(r['entry_no']) <= signOff.lastSeq).every((r) => r['addendum'] === '')).toBe(true)
  })

  it('a single score has no timing or answers, and a band only where its scale has one', () => {
    const t = makeSeededContext()
    cleanups.push(t.cleanup)
    t.clock.set(t.session.createdAt + 60_000)
    recordEntry(t.ctx, { sessionId: t.session.id, authorId: t.team.nurse.id, entry: { type: 'scale', scale: { kind: 'distress', score: 3 } } })
    const rows = parse(exportCsv(t.ctx, { sessionId: t.session.id }).content, { bom: true, columns: true }) as Record<string, string>[]
    expect(rows[0]).toMatchObject({ kind: 'Scale', scale: 'Distress', scale_total: '3', scale_max: '10', scale_band: '', scale_timing: '', scale_items: '' })
  })

  it('an override reason that starts like a formula is guarded like any free text', () => {
    const t = makeSeededContext()
    cleanups.push(t.cleanup)
    const session = createSession(t.ctx, {
      patientId: t.patient.id,
      authorId: t.team.nurse.id,
      plan: STANDARD_PLAN,
      team: { physicianId: t.team.physician.id, nurseId: t.team.nurse.id, therapistId: null },
      protocolId: listProtocols(t.ctx)[0]!.id
    })
    t.clock.set(t.session.createdAt + 60_000)
    const reason = '=HYPERLINK("http://x")'
    recordEntry(t.ctx, { sessionId: session.id, authorId: t.team.physician.id, entry: { type: 'infusion_started', rate: { value: 52.5, unit: 'mg/h' }, override: { reason } } })
    const [start] = parse(exportCsv(t.ctx, { sessionId: session.id }).content, { bom: true, columns: true }) as Record<string, string>[]
    expect(start!['override_reason']).toBe(`'${reason}`)
    expect(start!['text']).toMatch(/^52\.5 mg\/h \(/)
    expect(start!['text']).toContain(`Physician override: ${reason} (overrode: Consent not confirmed;`)
  })
})
