import { describe, expect, it } from 'vitest'
import { inject } from 'vitest'
import { connect } from '../../server/db/database.ts'
import { useTestSql } from '../support/db.ts'

const sql = useTestSql()

// The wire-protocol server in front of PGlite (server/db/pglite-server.ts); on a PostgreSQL
// server the same tests hold, which is the point.
describe('the database connection', () => {
  it('answers the next query correctly after a query failed', async () => {
    await expect(sql`SELECT 1 / 0`).rejects.toThrow(/division by zero/)
    const [row] = await sql<{ n: number }[]>`SELECT ${41}::int + 1 AS n`
    expect(row?.n).toBe(42)
  })

  it('keeps failures on one connection away from queries on another', async () => {
    const other = connect(inject('databaseUrl'), { max: 1 })
    try {
      const results = await Promise.allSettled([
        ...Array.from({ length: 5 }, () => sql`SELECT 1 / 0`),
        ...Array.from({ length: 5 }, (_, i) => other<{ n: number }[]>`SELECT ${i}::int AS n`),
      ])
      expect(results.slice(0, 5).every((r) => r.status === 'rejected')).toBe(true)
      expect(results.slice(5).map((r) => (r.status === 'fulfilled' ? r.value[0]?.n : r.reason))).toEqual([0, 1, 2, 3, 4])
    } finally {
      await other.end()
    }
  })

  it('never shows another connection a transaction before it commits', async () => {
    await sql`CREATE TABLE IF NOT EXISTS socket_probe (n int)`
    await sql`TRUNCATE socket_probe`
    const other = connect(inject('databaseUrl'), { max: 1 })
    await other`SELECT 1`
    try {
      let read: Promise<{ count: number; at: number }> | undefined
      let committedAt = 0
      await sql.begin(async (tx) => {
        await tx`INSERT INTO socket_probe VALUES (1)`
        read = other<{ c: number }[]>`SELECT count(*)::int AS c FROM socket_probe`.then((r) => ({
          count: r[0]!.c,
          at: performance.now(),
        }))
        await new Promise((r) => setTimeout(r, 100))
        committedAt = performance.now()
      })
      const { count, at } = await read!
      if (inject('databaseKind') === 'embedded') {
        // PGlite is one session: the other connection waits for the transaction to end.
        expect(at).toBeGreaterThanOrEqual(committedAt)
        expect(count).toBe(1)
      } else {
        expect(count).toBe(0)
      }
    } finally {
      await other.end()
      await sql`DROP TABLE socket_probe`
    }
  })
})
