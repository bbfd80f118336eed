import type { Context } from 'hono'
import { createMiddleware } from 'hono/factory'
import type { Env } from '../app.ts'
import { ApiError } from '../errors.ts'
import { clientAddress } from '../limits/client-address.ts'
import type { Limit } from '../limits/counters.ts'

/**
 * Share links to computed routes are written without an account, like reports: at most this
 * many from one client address in 10 minutes (a resident shares a few; a script can't fill the
 * table). Counted like every anonymous limit (limits/counters.ts: nothing leads back to anyone).
 */
export const ROUTE_SHARE_LIMIT: Limit = { name: 'routes:share', hits: 30, windowSeconds: 10 * 60 }

/** Counts one share from this client; 429 with Retry-After once over the limit. */
export async function checkShareLimit(c: Context<Env>): Promise<void> {
  const count = await c.var.limits.hit(c.var.db.sql, ROUTE_SHARE_LIMIT, clientAddress(c, c.var.config.clientAddress))
  if (count.hits > ROUTE_SHARE_LIMIT.hits) {
    c.header('Retry-After', String(count.retryAfter))
    throw new ApiError(429, 'rate_limited', `Too many from this connection: try again in ${Math.ceil(count.retryAfter / 60)} min`)
  }
}

/**
 * A share's body ({showEnds}) may be left out, or sent empty even with a JSON content type (as
 * before share links had a choice): it then reads as {}, the defaults. Before validate('json').
 */
export const optionalBody = createMiddleware(async (c, next) => {
  // Hono keeps each body it has read as a promise in bodyCache (typed as the value): the JSON
  // validator then reads this text instead of the empty one.
  if ((await c.req.text()).trim() === '') (c.req.bodyCache as { text?: Promise<string> }).text = Promise.resolve('{}')
  await next()
})
