import { createHash } from 'node:crypto'
import type { Context } from 'hono'
import { clientAddress } from '../auth/login-throttle.ts'
import type { Sql } from '../db/database.ts'
import { ApiError } from '../errors.ts'

/** How many reports and "me too"s one client address may send in a window (reports: REPORTS_PER_CLIENT). */
export const CONCERN_LIMITS = {
  report: { hits: 10, windowSeconds: 10 * 60 },
  support: { hits: 30, windowSeconds: 10 * 60 },
} as const
export type Bucket = keyof typeof CONCERN_LIMITS

// A counter per (bucket, address) that starts again when its window has passed, modelled on
// login_attempts: nothing says who reported what, and the rows expire. The key is hashed so
// the table doesn't list addresses; behind a proxy all clients share one counter (see
// login-throttle.ts on why X-Forwarded-For is not trusted).
const keyOf = (bucket: Bucket, address: string) => createHash('sha256').update(`concerns:${bucket}:${address}`).digest()

/** Counts one request from this client; throws 429 with Retry-After once over the limit. */
export async function checkRateLimit(c: Context, sql: Sql, bucket: Bucket, limit: number = CONCERN_LIMITS[bucket].hits): Promise<void> {
  const { windowSeconds } = CONCERN_LIMITS[bucket]
  const hits = limit
  const window = sql`${windowSeconds} * interval '1 second'`
  await sql`DELETE FROM concern_rate_limits WHERE window_start <= now() - ${window}`
  const ended = sql`(r.window_start <= now() - ${window})`
  const [row] = await sql<{ hits: number; retryAfter: number }[]>`
    INSERT INTO concern_rate_limits AS r (key, hits, window_start)
    VALUES (${keyOf(bucket, clientAddress(c))}, 1, now())
    ON CONFLICT (key) DO UPDATE SET
      hits = CASE WHEN ${ended} THEN 1 ELSE r.hits + 1 END,
      window_start = CASE WHEN ${ended} THEN now() ELSE r.window_start END
    RETURNING hits, greatest(1, ceil(extract(epoch FROM r.window_start + ${window} - now())))::int AS "retryAfter"`
  if (row!.hits > hits) {
    c.header('Retry-After', String(row!.retryAfter))
    throw new ApiError(429, 'rate_limited', `Too many from this connection: try again in ${Math.ceil(row!.retryAfter / 60)} min`)
  }
}
