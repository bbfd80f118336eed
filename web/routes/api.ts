import type { InferRequestType } from 'hono/client'
import { answer, client, type Answered } from '../api/client.ts'

/*
 * Safer routes, running loops and shared routes, through the typed client (web/api/client.ts):
 * request bodies and answers are the server's routes' own.
 */
const api = client.api
const routes = api.routes

/** What POST /api/routes takes: `from`, and either `to` or `distanceMeters`. */
export type RouteRequest = InferRequestType<typeof routes.$post>['json']
export type Profile = NonNullable<RouteRequest['profile']>

/** Up to three alternatives and the distance-only route for comparison. */
export const planRoutes = (request: RouteRequest, signal?: AbortSignal) =>
  answer(routes.$post({ json: request }, { init: { signal } }), 'POST /api/routes')
export type RoutePlan = Answered<typeof planRoutes>
export type PlannedRoute = RoutePlan['routes'][number]

/** Same-origin address of a computed route's file (GPX for watches and running apps, or GeoJSON). */
export const routeFileUrl = (id: string, format: 'gpx' | 'geojson' = 'gpx'): string =>
  routes[':file'].$path({ param: { file: `${id}.${format}` } })

export const fetchSharedRoute = (token: string) => answer(api['shared-routes'][':token'].$get({ param: { token } }), 'GET /api/shared-routes/:token')
