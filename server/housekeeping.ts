import type { Sql } from './db/database.ts'
import { sweepIdempotentRequests } from './idempotency.ts'
import type { Counters } from './limits/counters.ts'

/** Every 5 minutes on the clock: a boundary of every limit's window (10 and 15 minutes). */
const EVERY_MS = 5 * 60_000

/** Deletes what has outlived its purpose: limit counters of ended windows, expired idempotent answers. */
export async function sweep(sql: Sql, counters: Counters): Promise<{ counters: number; idempotentRequests: number }> {
  return { counters: await counters.sweep(sql), idempotentRequests: await sweepIdempotentRequests(sql) }
}

/**
 * Runs `sweep` at each 5-minute boundary, so a counter is gone the moment its window ends,
 * whether or not another request comes. A failed sweep (the database away) is logged and tried
 * again at the next boundary.
 */
export function startHousekeeping(sql: Sql, counters: Counters, log: (line: string) => void): { stop(): void } {
  let timer: NodeJS.Timeout | undefined
  let stopped = false
  const schedule = () => {
    if (stopped) return
    // A few ms past the boundary, so the window's end is not in the future by the database's clock.
    timer = setTimeout(run, EVERY_MS - (Date.now() % EVERY_MS) + 50)
    timer.unref()
  }
  const run = () => {
    sweep(sql, counters)
      .catch((error: Error) => log(`Housekeeping failed (next try in 5 min): ${error.message}`))
      .finally(schedule)
  }
  schedule()
  return {
    stop: () => {
      stopped = true
      clearTimeout(timer)
    },
  }
}
