import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { MARKER_KINDS, type ChartMarker } from '../../../src/shared/domain/chart'
import { clusterMarkers } from '../../../src/shared/domain/chartMarkerClusters'

const note = (t: number, detail = `note at ${t}`): ChartMarker => ({ t, kind: 'note', label: 'Obs', detail })

describe('clustering chart markers', () => {
  // 100 minutes over 1000 px: 10 px per minute, so a 24 px gap is 2.4 minutes.
  const domain: [number, number] = [0, 100]

  it('keeps markers that are far enough apart as they are', () => {
    const markers = [note(0), note(10), note(20)]
    expect(clusterMarkers(markers, domain, 1000, 24)).toEqual(markers.map((m) => ({ ...m, count: 1 })))
  })

  it('draws close markers as one, at the first, counting the others in its label', () => {
    const [c] = clusterMarkers([note(10, 'a'), note(11, 'b'), note(12, 'c')], domain, 1000, 24)
    expect(c).toMatchObject({ t: 10, kind: 'note', label: 'Obs +2', count: 3 })
    expect(c!.detail).toBe('3 entries: a; b; c')
  })

  it('never lets an adverse event hide behind a routine note', () => {
    const ae: ChartMarker = { t: 11, kind: 'adverse_event', label: 'AE', detail: 'vomited' }
    const [c] = clusterMarkers([note(10), ae, note(12)], domain, 1000, 24)
    expect(c).toMatchObject({ kind: 'adverse_event', label: 'AE +2', t: 10 })
  })

  it('lists the first five in the detail and says how many more there are', () => {
    const many = Array.from({ length: 9 }, (_, i) => note(10 + i * 0.1, `n${i}`))
    const [c] = clusterMarkers(many, domain, 1000, 24)
    expect(c!.detail).toBe('9 entries: n0; n1; n2; n3; n4; and 4 more')
  })

  it('accounts for every marker exactly once and keeps clusters in time order and apart', () => {
    const markerArb = fc.record({ t: fc.double({ min: 0, max: 100, noNaN: true }), kind: fc.constantFrom(...MARKER_KINDS) })
    fc.assert(
      fc.property(fc.array(markerArb, { maxLength: 200 }), fc.integer({ min: 100, max: 2000 }), fc.integer({ min: 1, max: 60 }), (raw, width, gap) => {
        const markers = raw.map((m) => ({ ...m, label: 'x', detail: 'y' })).sort((a, b) => a.t - b.t)
        const clusters = clusterMarkers(markers, domain, width, gap)
        expect(clusters.reduce((n, c) => n + c.count, 0)).toBe(markers.length)
        const minutesGap = (gap * 100) / width
        for (let i = 1; i < clusters.length; i++) expect(clusters[i]!.t - clusters[i - 1]!.t).toBeGreaterThanOrEqual(minutesGap)
      })
    )
  })
})
