import type { Context } from 'hono'
import type { Env } from '../app.ts'
import { ApiError } from '../errors.ts'
import { clientAddress } from '../limits/client-address.ts'

/** The window a client's reports and "me too"s are counted in; how many "me too"s it may send. */
export const CONCERN_LIMITS = {
  report: { windowSeconds: 10 * 60 },
  support: { hits: 30, windowSeconds: 10 * 60 },
} as const
export type Bucket = keyof typeof CONCERN_LIMITS

/** How many of a bucket one client may send in its window: reports as the operator set (REPORTS_PER_CLIENT). */
const allowed = (c: Context<Env>, bucket: Bucket) => (bucket === 'report' ? c.var.config.reportsPerClient : CONCERN_LIMITS.support.hits)

/**
 * Counts one request from this client (its address through TRUST_PROXY); throws 429 with
 * Retry-After once over the limit. A counter, not a log: limits/counters.ts says why nothing
 * in it leads back to the client or to the report.
 */
export async function checkRateLimit(c: Context<Env>, bucket: Bucket): Promise<void> {
  const hits = allowed(c, bucket)
  const limit = { name: `concerns:${bucket}`, hits, windowSeconds: CONCERN_LIMITS[bucket].windowSeconds }
  const count = await c.var.limits.hit(c.var.db.sql, limit, clientAddress(c, c.var.config.clientAddress))
  if (count.hits > hits) {
    c.header('Retry-After', String(count.retryAfter))
    throw new ApiError(429, 'rate_limited', `Too many from this connection: try again in ${Math.ceil(count.retryAfter / 60)} min`)
  }
}
