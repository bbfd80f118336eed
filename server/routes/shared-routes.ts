import { Hono } from 'hono'
import { z } from 'zod'
import type { Env } from '../app.ts'
import { findSharedRoute } from '../clubs/share-links.ts'
import { ApiError, validate } from '../errors.ts'

// Any string up to a bound is looked up: a malformed token is a 404 like an unknown one.
const tokenParam = z.object({ token: z.string().max(200) })

/** A saved route opened from its share link: read-only, no session. */
export const sharedRoutes = new Hono<Env>().get('/:token', validate('param', tokenParam), async (c) => {
  const route = await findSharedRoute(c.var.db.sql, c.req.valid('param').token)
  if (!route) throw new ApiError(404, 'not_found', 'This link does not lead to a route (it may have been revoked)')
  // The link is the secret: don't let shared caches keep what it opens after it is revoked.
  c.header('Cache-Control', 'private, no-cache')
  c.header('Referrer-Policy', 'no-referrer')
  return c.json(route)
})
