import { Hono } from 'hono'
import { z } from 'zod'
import type { Env } from '../app.ts'
import { ApiError, validate } from '../errors.ts'
import { jsonOnly, smallBody } from '../json-body.ts'
import { savedRouteName } from '../clubs/library.ts'
import { computeRoutes } from '../routing/compute.ts'
import { bestFirst } from '../routing/explain.ts'
import { downloadDisposition, toGpx } from '../routing/gpx.ts'
import { routingService } from '../routing/service.ts'
import { findRoute, ROUTE_ID, storeRoutes } from '../routing/store.ts'
import { routeBody } from '../routing/vocabulary.ts'
import { routeShares } from './shared-routes.ts'

const fileParam = z.object({ file: z.string().max(40) })

/** Safer routes and running loops: compute, then fetch as GPX or GeoJSON by id. */
export const routes = new Hono<Env>()
  .route('/', routeShares) // POST /{id}/share: a share link to a computed route (shared-routes.ts)
  .post('/', jsonOnly, smallBody, validate('json', routeBody), async (c) => {
    const body = c.req.valid('json')
    const sql = c.var.db.sql
    const departAt = body.departAt ? new Date(body.departAt) : new Date()
    const state = await routingService(sql, c.var.config.publishConcerns).state()
    if (state.graph.edgeCount === 0) throw new ApiError(422, 'no_path_network', 'No path network has been imported yet')
    const { kind, routes, shortest } = computeRoutes(state, { ...body, departAt, profile: body.profile ?? 'safest' })
    const [reference, ...stored] = await storeRoutes(sql, kind, departAt, [shortest, ...bestFirst(routes)])
    return c.json({ kind, departAt: departAt.toISOString(), routes: stored, shortest: reference! }, 200)
  })

  .get('/:file', validate('param', fileParam), async (c) => {
    const match = /^(.+)\.(gpx|geojson)$/.exec(c.req.valid('param').file)
    const route = match && ROUTE_ID.test(match[1]!) ? await findRoute(c.var.db.sql, match[1]!) : null
    if (!route) throw new ApiError(404, 'not_found', 'No such route (computed routes are kept for 24 hours)')
    const extension = match![2]!
    const savedName = await savedRouteName(c.var.db.sql, route.id)
    c.header('Content-Disposition', downloadDisposition({ ...route, lengthMeters: route.properties.lengthMeters, savedName }, extension))
    if (extension === 'geojson') return c.body(JSON.stringify(route), 200, { 'Content-Type': 'application/geo+json' })
    const name = savedName ?? `Common Ground ${route.kind} ${(route.properties.lengthMeters / 1000).toFixed(1)} km`
    const gpx = toGpx({ name, description: route.properties.explanation.join('. '), time: route.departAt, geometry: route.geometry })
    return c.body(gpx, 200, { 'Content-Type': 'application/gpx+xml' })
  })
