/**
 * Markers (infusion start, pauses, stop, notes) that would be drawn closer together than a label
 * can be read are drawn as one. An eight-hour session has hundreds of notes: drawn one by one they
 * are an unreadable smear, and each one drawn costs the chart time on every redraw. Every note
 * stays in the record and the timeline; the chart shows where they are and how many.
 */
import type { ChartMarker, MarkerKind } from './chart'

/** Which kind a cluster shows: an adverse event must never hide behind a routine note. */
export const MARKER_PRIORITY: Record<MarkerKind, number> = { adverse_event: 5, stop: 4, start: 3, pause: 2, scale: 1, note: 0 }

export interface MarkerCluster extends ChartMarker {
  /** How many markers it stands for (1 for a marker on its own). */
  count: number
}

const DETAIL_LINES = 5

/**
 * Groups markers (in t order) whose x positions fall within `minGapPx` of the first marker of
 * their group, for a plot `plotWidthPx` wide showing `domain` (minutes). A group is drawn at its
 * first marker's time, as its most important kind; its label counts the others ("AE +3"), and its
 * detail lists the first few.
 */
export function clusterMarkers(
  markers: readonly ChartMarker[],
  domain: readonly [number, number],
  plotWidthPx: number,
  minGapPx: number
): MarkerCluster[] {
  const span = domain[1] - domain[0]
  const minutesPerPx = span > 0 && plotWidthPx > 0 ? span / plotWidthPx : 0
  const gap = minGapPx * minutesPerPx
  const groups: ChartMarker[][] = []
  for (const m of markers) {
    const group = groups[groups.length - 1]
    if (group && m.t - group[0]!.t < gap) group.push(m)
    else groups.push([m])
  }
  return groups.map(toCluster)
}

function toCluster(group: ChartMarker[]): MarkerCluster {
  const first = group[0]!
  if (group.length === 1) return { ...first, count: 1 }
  // The most important kind leads; among equals, the earliest.
  const lead = group.reduce((best, m) => (MARKER_PRIORITY[m.kind] > MARKER_PRIORITY[best.kind] ? m : best), first)
  const shown = group.slice(0, DETAIL_LINES).map((m) => m.detail)
  const more = group.length - shown.length
  return {
    t: first.t,
    kind: lead.kind,
    label: `${lead.label} +${group.length - 1}`,
    detail: `${group.length} entries: ${shown.join('; ')}${more > 0 ? `; and ${more} more` : ''}`,
    count: group.length
  }
}
