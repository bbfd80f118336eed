import type { Database, Sql } from './db/database.ts'
import { sweepIdempotentRequests } from './idempotency.ts'
import type { Counters } from './limits/counters.ts'

/** Every 5 minutes on the clock: a boundary of every limit's window (10 and 15 minutes). */
const EVERY_MS = 5 * 60_000
/** The embedded database is vacuumed and its statistics brought up to date every 12 runs: hourly. */
const VACUUM_EVERY_RUNS = 12
/** What the app itself writes, row by row, all day. */
const WRITTEN_TABLES = ['concerns', 'client_limits', 'idempotent_requests', 'sessions', 'routes', 'patrols', 'patrol_concerns']

/** Deletes what has outlived its purpose: limit counters of ended windows, expired idempotent answers. */
export async function sweep(sql: Sql, counters: Counters): Promise<{ counters: number; idempotentRequests: number }> {
  return { counters: await counters.sweep(sql), idempotentRequests: await sweepIdempotentRequests(sql) }
}

/**
 * PGlite runs no autovacuum: without this, the embedded database's tables would grow with dead
 * rows (every counter, session touch and "me too" leaves one) and its planner would plan with
 * the statistics of the day the table was created. A PostgreSQL server's autovacuum does both.
 */
export async function vacuum(sql: Sql): Promise<void> {
  await sql`VACUUM (ANALYZE) ${sql(WRITTEN_TABLES)}`
}

/**
 * Runs `sweep` at each 5-minute boundary, so a counter is gone the moment its window ends,
 * whether or not another request comes, and on the embedded database `vacuum` every hour. A
 * failed run (the database away) is logged and tried again at the next boundary.
 */
export function startHousekeeping(db: Database, counters: Counters, log: (line: string) => void): { stop(): void } {
  let timer: NodeJS.Timeout | undefined
  let stopped = false
  let runs = 0
  const schedule = () => {
    if (stopped) return
    // A few ms past the boundary, so the window's end is not in the future by the database's clock.
    timer = setTimeout(run, EVERY_MS - (Date.now() % EVERY_MS) + 50)
    timer.unref()
  }
  const run = async () => {
    try {
      await sweep(db.sql, counters)
      if (db.kind === 'embedded' && ++runs % VACUUM_EVERY_RUNS === 0) await vacuum(db.sql)
    } catch (error) {
      log(`Housekeeping failed (next try in 5 min): ${(error as Error).message}`)
    } finally {
      schedule()
    }
  }
  schedule()
  return {
    stop: () => {
      stopped = true
      clearTimeout(timer)
    },
  }
}
