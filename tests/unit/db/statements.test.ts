import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { cached, inTransaction } from '../../../src/main/db/statements'
import { countRows, makeTestContext } from '../helpers'

let t: ReturnType<typeof makeTestContext>
beforeEach(() => {
  t = makeTestContext()
})
afterEach(() => t.cleanup())

describe('prepared statements and transactions kept per connection', () => {
  it('the same SQL on the same connection gets the same statement; another connection its own', () => {
    const sql = 'SELECT count(*) FROM staff'
    expect(cached(t.db, sql)).toBe(cached(t.db, sql))
    const other = makeTestContext()
    try {
      expect(cached(other.db, sql)).not.toBe(cached(t.db, sql))
    } finally {
      other.cleanup()
    }
  })

  it('inTransaction commits what its function did, and rolls it all back if it throws', () => {
    const insert = () => t.db.prepare("INSERT INTO staff (name, role, created_at) VALUES ('A', 'nurse', 1)").run()
    expect(inTransaction(t.db, () => (insert(), 'done'))).toBe('done')
    expect(countRows(t.db, 'staff')).toBe(1)
    expect(() =>
      inTransaction(t.db, () => {
        insert()
        insert()
        throw new Error('refused')
      })
    ).toThrow('refused')
    expect(countRows(t.db, 'staff')).toBe(1)
    expect(t.db.inTransaction).toBe(false)
  })
})
