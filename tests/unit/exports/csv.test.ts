import { parse } from 'csv-parse/sync'
import { afterEach, describe, expect, it } from 'vitest'
import { exportCsv } from '../../../src/main/services/records'
import { CSV_COLUMNS, guardFormula } from '../../../src/shared/domain/csvRows'
import { makeSeededContext } from '../helpers'
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
