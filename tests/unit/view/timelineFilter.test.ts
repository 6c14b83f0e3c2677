import { describe, expect, it } from 'vitest'
import type { EntryInput, SessionEvent } from '../../../src/shared/record/events'
import { effectiveEntries } from '../../../src/shared/record/record'
import { authorsOf, entryKind, filterEntries, NO_FILTER, toggled } from '../../../src/shared/view/timelineFilter'

const T0 = Date.UTC(2026, 11, 5, 9, 0)
const NURSE = 2
const THERAPIST = 3
const PHYSICIAN = 1

function record(rows: [number, EntryInput][]) {
  const events: SessionEvent[] = rows.map(([authorId, entry], i) => {
    const { type, ...payload } = entry
    return {
      id: i + 1,
      sessionId: 1,
      seq: i + 1,
      type,
      occurredAt: T0 + i * 60_000,
      recordedAt: T0 + i * 60_000,
      authorId,
      source: { kind: 'staff' },
      payload,
      amendsEventId: null,
      reason: null
    }
  })
  return effectiveEntries(events)
}

const vitals: EntryInput = { type: 'vitals', vitals: { systolic: 120, diastolic: 80, heartRate: 70, spo2: 98, respiratoryRate: 14 } }
const note = (noteType: 'observation' | 'adverse_event'): EntryInput => ({ type: 'note', note: { noteType, text: 'x' } }) as EntryInput
const entries = record([
  [PHYSICIAN, { type: 'infusion_started', rate: { value: 0.75, unit: 'mg/kg/h' } } as EntryInput],
  [NURSE, vitals],
  [THERAPIST, note('observation')],
  [NURSE, note('adverse_event')],
  [PHYSICIAN, { type: 'infusion_stopped' }]
])

describe('the timeline filter', () => {
  it('sorts every entry into one kind: an adverse event is a note, the drug itself is infusion', () => {
    expect(entries.map(entryKind)).toEqual(['infusion', 'vitals', 'note', 'note', 'infusion'])
  })

  it('with nothing chosen shows everything, as the same array (the list keeps its layout)', () => {
    expect(filterEntries(entries, NO_FILTER)).toBe(entries)
  })

  it('narrows to the chosen kinds, to the chosen authors, and to both together', () => {
    const seqs = (f: Parameters<typeof filterEntries>[1]) => filterEntries(entries, f).map((e) => e.original.seq)
    expect(seqs({ kinds: new Set(['note']), authorIds: new Set() })).toEqual([3, 4])
    expect(seqs({ kinds: new Set(), authorIds: new Set([NURSE]) })).toEqual([2, 4])
    expect(seqs({ kinds: new Set(['note']), authorIds: new Set([NURSE]) })).toEqual([4])
    expect(seqs({ kinds: new Set(['vitals', 'infusion']), authorIds: new Set() })).toEqual([1, 2, 5])
    expect(seqs({ kinds: new Set(['scale']), authorIds: new Set() })).toEqual([])
  })

  it('lists each author once, in the order they first wrote', () => {
    expect(authorsOf(entries)).toEqual([PHYSICIAN, NURSE, THERAPIST])
    expect(authorsOf([])).toEqual([])
  })

  it('toggles a choice on and off without changing the set it was given', () => {
    const none = new Set<number>()
    const one = toggled(none, 7)
    expect([...one]).toEqual([7])
    expect(none.size).toBe(0)
    expect(toggled(one, 7).size).toBe(0)
  })
})
