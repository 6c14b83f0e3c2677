import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { CONTROL_EVENTS_SQL } from '../../../src/main/record/eventStore'
import { makeTestContext } from '../helpers'

let t: ReturnType<typeof makeTestContext>
beforeEach(() => {
  t = makeTestContext()
})
afterEach(() => t.cleanup())

const plan = (sql: string, ...args: unknown[]): string =>
  (t.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args) as { detail: string }[]).map((r) => r.detail).join('\n')

describe('migration 006: the indexes that keep writes fast in a long record', () => {
  it('a write reads the infusion entries, the end and the amendments from the partial index, not the whole session', () => {
    expect(plan(CONTROL_EVENTS_SQL, 1)).toMatch(/USING INDEX events_control/)
  })

  it('the index holds only those kinds of entry', () => {
    const { sql } = t.db.prepare("SELECT sql FROM sqlite_schema WHERE name = 'events_control'").get() as { sql: string }
    for (const type of ['infusion_started', 'rate_changed', 'infusion_paused', 'infusion_resumed', 'infusion_stopped', 'session_ended', 'correction', 'entered_in_error'])
      expect(sql).toContain(`'${type}'`)
    expect(sql).not.toMatch(/'vitals'|'note'/)
  })
})
