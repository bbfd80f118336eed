import { Hono } from 'hono'
import { z } from 'zod'
import type { Env } from '../app.ts'
import { checkShareLimit, optionalBody } from '../clubs/share-request.ts'
import { findSharedGpx, findSharedRoute, shareComputedRoute } from '../clubs/share-links.ts'
import { routeId, shareBody } from '../clubs/vocabulary.ts'
import { ApiError, validate } from '../errors.ts'
import { smallBody } from '../json-body.ts'
import { toGpx } from '../routing/gpx.ts'

// Any string up to a bound is looked up: a malformed token is a 404 like an unknown one.
const tokenParam = z.object({ token: z.string().max(200) })
const notFound = () => new ApiError(404, 'not_found', 'This link does not lead to a route (it may have expired or been revoked)')

/** The link is the secret: shared caches must not keep what it opens once it stops working, nor pass it on as a referrer. */
const PRIVATE_HEADERS = { 'Cache-Control': 'private, no-cache', 'Referrer-Policy': 'no-referrer' }

/** A route opened from its share link (a club's saved route or a resident's computed one): read-only, no session. */
export const sharedRoutes = new Hono<Env>()
  // The GPX of the same line the page shows (ends hidden unless the sharer showed them).
  .get('/:token/route.gpx', validate('param', tokenParam), async (c) => {
    const route = await findSharedGpx(c.var.db.sql, c.req.valid('param').token)
    if (!route) throw notFound()
    return c.body(toGpx(route), 200, {
      ...PRIVATE_HEADERS,
      'Content-Type': 'application/gpx+xml',
      'Content-Disposition': `attachment; filename="common-ground-shared-${route.kind}.gpx"`,
    })
  })

  .get('/:token', validate('param', tokenParam), async (c) => {
    const route = await findSharedRoute(c.var.db.sql, c.req.valid('param').token)
    if (!route) throw notFound()
    for (const [name, value] of Object.entries(PRIVATE_HEADERS)) c.header(name, value)
    return c.json(route)
  })

/**
 * POST /api/routes/{id}/share (mounted in routes.ts): a link to any computed route, for anyone,
 * no account; the body ({showEnds}) may be left out: a link that hides the ends.
 */
export const routeShares = new Hono<Env>().post('/:id/share', validate('param', z.object({ id: routeId })), smallBody, optionalBody, validate('json', shareBody), async (c) => {
  await checkShareLimit(c)
  c.header('Cache-Control', 'no-store')
  return c.json(await shareComputedRoute(c.var.db.sql, c.req.valid('param').id, c.req.valid('json').showEnds), 201)
})
