import { afterEach, describe, expect, it } from 'vitest'
import { reportDocument } from '../../../src/main/records-out/records'
import { recordEntry } from '../../../src/main/record/entries'
import { getSessionRecord } from '../../../src/main/sessions/sessions'
import { listStaff } from '../../../src/main/people/people'
import { sessionReport, type ReportSection } from '../../../src/shared/records-out/report'
import { renderReportHtml } from '../../../src/shared/records-out/reportHtml'
import { makeSeededContext, MIN, T0 } from '../helpers'
import { EXPECTED, scriptedSession } from './scenario'

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

describe('session report', () => {
  it('its figures come from the record: delivered dose and every rate segment', () => {
    const s = scriptedSession()
    cleanups.push(s.cleanup)
    const r = sessionReport({ record: getSessionRecord(s.ctx, s.session.id), staff: listStaff(s.ctx), generatedAt: s.at(95) })
    expect(r.dose.deliveredMg).toBeCloseTo(EXPECTED.deliveredMg, 9)
    expect(r.dose.segments.map((g) => [(g.from - T0) / MIN, (g.to - T0) / MIN, g.rate.mgPerHour])).toEqual(
      EXPECTED.segments.map((g) => [g.fromMin, g.toMin, g.mgPerHour])
    )
    r.dose.segments.forEach((g, i) => expect(g.doseMg).toBeCloseTo(EXPECTED.segments[i]!.doseMg, 9))
    expect(r.vitals.filter((v) => v.status !== 'entered in error').map((v) => v.vitals.systolic)).toEqual(EXPECTED.vitals.map((v) => v.sys))
    expect(r.amendments.map((a) => [a.kind, a.reason])).toEqual([
      ['Correction', 'Misread the monitor'],
      ['Entered in error', "Another patient's reading"]
    ])
    expect(r.rems).toBeNull()
  })

  it('the printable document shows the dose, every vitals row, the corrections, and puts the patient on every page', () => {
    const s = scriptedSession()
    cleanups.push(s.cleanup)
    const doc = reportDocument(s.ctx, { sessionId: s.session.id })
    const body = text(doc.html)
    expect(body).toContain('Delivered dose: 31.5 mg (0.45 mg/kg)')
    for (const v of EXPECTED.vitals) expect(body).toContain(`${v.sys}/${v.dia} ${v.hr} ${v.spo2} ${v.rr}`)
    expect(body).toContain('210/90')
    expect(body).toContain('ENTERED IN ERROR')
    expect(body).toContain('Misread the monitor')
    expect(body).toMatch(/Was .*BP 141\/88/s)
    expect(body).toContain(s.patient.patientCode)
    expect(doc.headerTemplate).toContain(s.patient.patientCode)
    expect(doc.footerTemplate).toContain(s.patient.patientCode)
    expect(doc.footerTemplate).toContain('class="pageNumber"')
    expect(doc.footerTemplate).toContain('class="totalPages"')
    expect(doc.html).toContain('<svg')
    expect(doc.html).not.toMatch(/<script/i)
  })

  it('text typed by people is escaped, never markup', () => {
    const t = makeSeededContext()
    cleanups.push(t.cleanup)
    t.clock.set(T0 + MIN)
    recordEntry(t.ctx, { sessionId: t.session.id, authorId: t.team.nurse.id, entry: { type: 'note', note: { noteType: 'observation', text: '<script>alert(1)</script> & <b>bold</b>' } } })
    const doc = reportDocument(t.ctx, { sessionId: t.session.id })
    expect(doc.html).not.toContain('<script>')
    expect(doc.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;')
  })

  it('a session with no entries still makes a small, complete report', () => {
    const t = makeSeededContext()
    cleanups.push(t.cleanup)
    const doc = reportDocument(t.ctx, { sessionId: t.session.id })
    const body = text(doc.html)
    expect(body).toContain('No vital signs recorded.')
    expect(body).toContain('No infusion was delivered.')
    expect(body).toContain('Delivered dose: 0.0 mg')
    expect(doc.html.length).toBeLessThan(40_000)
  })

  it('sections other features add appear in their place, escaped', () => {
    const t = makeSeededContext()
    cleanups.push(t.cleanup)
    const sections: ReportSection[] = [
      { id: 'integrity', title: 'Record integrity', blocks: [{ kind: 'paragraph', text: 'Record intact' }] },
      { id: 'alerts', title: 'Alerts and responses', blocks: [{ kind: 'table', columns: ['Alert', 'Response'], rows: [['Systolic > 180', 'Paused <infusion>']] }] }
    ]
    const html = renderReportHtml(sessionReport({ record: getSessionRecord(t.ctx, t.session.id), staff: listStaff(t.ctx), generatedAt: T0, sections }))
    expect(html.indexOf('Alerts and responses')).toBeLessThan(html.indexOf('Record integrity'))
    expect(html).toContain('Paused &lt;infusion&gt;')
  })
})

describe('abnormal values in the report', () => {
  it('are set in bold with their arrow and the limit they passed; values within limits stay plain', () => {
    const t = makeSeededContext()
    cleanups.push(t.cleanup)
    const vitals = (v: { systolic: number; diastolic: number; heartRate: number; spo2: number; respiratoryRate: number }) => {
      t.clock.advance(MIN)
      recordEntry(t.ctx, { sessionId: t.session.id, authorId: t.team.nurse.id, entry: { type: 'vitals', vitals: v } })
    }
    vitals({ systolic: 180, diastolic: 80, heartRate: 72, spo2: 92, respiratoryRate: 10 })
    vitals({ systolic: 181, diastolic: 80, heartRate: 72, spo2: 91, respiratoryRate: 9 })
    const html = renderReportHtml(sessionReport({ record: getSessionRecord(t.ctx, t.session.id), staff: listStaff(t.ctx), generatedAt: T0 + 3 * MIN }))
    // At the limit is within it: the first set is plain.
    expect(html).toContain('<td>180/80</td><td>72</td><td>92</td><td>10</td>')
    expect(html).toContain('<td><strong class="flag" title="above the limit of 180">181↑</strong>/80</td>')
    expect(html).toContain('<td><strong class="flag" title="below the limit of 92">91↓</strong></td>')
    expect(html).toContain('<td><strong class="flag" title="below the limit of 10">9↓</strong></td>')
  })
})
