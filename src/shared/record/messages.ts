import type { OverPlanWarning } from './infusion'

/** Local wall-clock time, HH:MM:SS, as shown next to entries. */
export function formatClock(epochMs: number): string {
  const d = new Date(epochMs)
  const p = (n: number) => String(n).padStart(2, '0')
  return `${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`
}

export function overPlanMessage(w: OverPlanWarning): string {
  const minutes = w.minutesToPlannedTotal
  const when = minutes < 0.05 ? 'at once' : `in ${minutes.toFixed(1)} min`
  return `At this rate the delivered dose passes the planned total of ${w.plannedTotalMg.toFixed(1)} mg ${when}. Confirm to save this rate.`
}
