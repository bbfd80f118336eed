import type { InferRequestType, InferResponseType } from 'hono/client'
import { answer, client } from '../api.ts'

/*
 * Safer routes, running loops and the club library, through the same typed client as web/api.ts:
 * request bodies and answers come from the server's routes, so a changed endpoint breaks this
 * build, not the route panel.
 */
const api = client.api
const routes = api.routes
const clubs = api.clubs

/** What POST /api/routes takes: `from`, and either `to` or `distanceMeters`. */
export type RouteRequest = InferRequestType<typeof routes.$post>['json']
/** Its answer: up to three alternatives and the distance-only route for comparison. */
export type RoutePlan = InferResponseType<typeof routes.$post, 200>
export type PlannedRoute = RoutePlan['routes'][number]
export type Profile = NonNullable<RouteRequest['profile']>

export type Club = InferResponseType<typeof clubs.$get, 200>['clubs'][number]
export type NewClub = InferRequestType<typeof clubs.$post>['json']
export type SaveRequest = InferRequestType<(typeof clubs)[':id']['routes']['$post']>['json']
export type SavedRoute = InferResponseType<(typeof clubs)[':id']['routes']['$post'], 201>
export type ShareLink = InferResponseType<(typeof clubs)[':id']['routes'][':savedId']['share']['$post'], 201>
export type ClubRun = InferResponseType<(typeof clubs)[':id']['runs']['$post'], 201>
type SharedAnswer = InferResponseType<(typeof api)['shared-routes'][':token']['$get'], 200>
/**
 * A shared route. The server types the computed route's facts as `Record<string, unknown>`
 * (server/clubs/share-links.ts), which its JSON typing drops: they are the planned route's,
 * possibly missing from an old row.
 */
export type SharedRoute = SharedAnswer & { properties: SharedAnswer['properties'] & Partial<PlannedRoute['properties']> }

export function planRoutes(request: RouteRequest, signal?: AbortSignal) {
  return answer<RoutePlan>(routes.$post({ json: request }, { init: { signal } }), 'POST /api/routes')
}

/** Same-origin address of a computed route's file (GPX for watches and running apps, or GeoJSON). */
export function routeFileUrl(id: string, format: 'gpx' | 'geojson' = 'gpx'): string {
  return routes[':file'].$path({ param: { file: `${id}.${format}` } })
}

export async function fetchClubs(): Promise<Club[]> {
  return (await answer<{ clubs: Club[] }>(clubs.$get(), 'GET /api/clubs')).clubs
}

export function createClub(club: NewClub) {
  return answer<Club>(clubs.$post({ json: club }), 'POST /api/clubs')
}

export function saveToClub(clubId: number, saved: SaveRequest) {
  return answer<SavedRoute>(clubs[':id'].routes.$post({ param: { id: String(clubId) }, json: saved }), 'POST /api/clubs/:id/routes')
}

export function shareSavedRoute(clubId: number, savedId: number) {
  return answer<ShareLink>(
    clubs[':id'].routes[':savedId'].share.$post({ param: { id: String(clubId), savedId: String(savedId) } }),
    'POST /api/clubs/:id/routes/:savedId/share',
  )
}

export function fetchSharedRoute(token: string) {
  return answer<SharedRoute>(api['shared-routes'][':token'].$get({ param: { token } }), 'GET /api/shared-routes/:token')
}

/** A club run on a saved route: officers see it in their list and can join it. */
export function scheduleClubRun(clubId: number, savedRouteId: number, startsAt: string, notes?: string) {
  return answer<ClubRun>(
    clubs[':id'].runs.$post({ param: { id: String(clubId) }, json: { savedRouteId, startsAt, ...(notes ? { notes } : {}) } }),
    'POST /api/clubs/:id/runs',
  )
}
