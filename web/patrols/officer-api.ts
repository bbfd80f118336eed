import type { Feature, FeatureCollection, LineString, Point } from 'geojson'
import type { CoverageReport, HotspotProperties } from '../../server/patrols/coverage.ts'
import type { OfficerProperties } from '../../server/patrols/plans.ts'
import type { Schedule, WeeklySchedule } from '../../server/patrols/schedule.ts'
import type { Suggestion } from '../../server/patrols/suggest.ts'
import type { Walk, Waypoint } from '../../server/patrols/walk.ts'
import { answer, bboxParam, client, type Bbox, type LngLat } from '../api.ts'
import type { TimeBand } from '../concerns/vocabulary.ts'

/*
 * The officer side of reassurance patrols (docs/patrols-api.md) through the typed client of
 * web/api.ts: paths, queries and bodies are checked against the server's routes, and answers are
 * read as the server's own types for them.
 */

export type { Day as WeekDay, Schedule, WeeklySchedule } from '../../server/patrols/schedule.ts'
export type { Waypoint, Walk as Preview } from '../../server/patrols/walk.ts'
export type { Suggestion } from '../../server/patrols/suggest.ts'
export type { CoverageReport as Coverage, HotspotProperties } from '../../server/patrols/coverage.ts'

export const isWeekly = (schedule: Schedule): schedule is WeeklySchedule => 'days' in schedule

/** What POST /api/patrols and PUT /api/patrols/{id} take (this page always sends waypoints). */
export type PatrolBody = {
  title: string
  team?: string
  notes?: string
  public: boolean
  waypoints: Waypoint[]
  schedule: Schedule
}

/** A plan as an officer sees it (docs/patrols-api.md). */
export type Patrol = Feature<LineString, OfficerProperties>
export type Hotspot = Feature<Point, HotspotProperties>

export type SuggestRequest = { start: LngLat; timeBand: TimeBand; minutes: number; week?: string; dwellMinutes?: number; area?: Bbox }

export type ClubRun = Feature<
  LineString,
  {
    id: number
    routeName: string
    startsAt: string
    notes: string | null
    officers: { id: number; name: string }[]
    clubId: number
    clubName: string
    lengthMeters: number | null
    joinedByMe: boolean
  }
>

const patrols = client.api.patrols

export function fetchPatrols() {
  return answer<FeatureCollection<LineString, OfficerProperties>>(patrols.$get({ query: {} }), 'GET /api/patrols')
}

export function previewPatrol(waypoints: Waypoint[], signal?: AbortSignal) {
  return answer<Walk>(patrols.preview.$post({ json: { waypoints } }, { init: { signal } }), 'POST /api/patrols/preview')
}

export function createPatrol(body: PatrolBody) {
  return answer<Patrol>(patrols.$post({ json: body }), 'POST /api/patrols')
}

export function updatePatrol(id: number, body: PatrolBody) {
  return answer<Patrol>(patrols[':id'].$put({ param: { id: String(id) }, json: body }), 'PUT /api/patrols/:id')
}

export function deletePatrol(id: number) {
  return answer<void>(patrols[':id'].$delete({ param: { id: String(id) } }), 'DELETE /api/patrols/:id')
}

/** With `area`, the gain is measured over the same area as the dashboard's coverage. */
export function suggestPatrol({ area, ...request }: SuggestRequest, signal?: AbortSignal) {
  const json = area ? { ...request, area: bboxParam(area) } : request
  return answer<Suggestion>(patrols.suggest.$post({ json }, { init: { signal } }), 'POST /api/patrols/suggest')
}

export function fetchCoverage(week: string, bbox: Bbox, signal?: AbortSignal) {
  const query = { week, bbox: bboxParam(bbox) }
  return answer<CoverageReport>(client.api.coverage.$get({ query }, { init: { signal } }), 'GET /api/coverage')
}

/** The calendar of every session in [from, to], as a same-origin address the session cookie goes with. */
export function calendarUrl(from: string, to: string): string {
  return client.api['patrols.ics'].$path({ query: { from, to } })
}

export async function fetchClubRuns(): Promise<ClubRun[]> {
  return (await answer<FeatureCollection<LineString, ClubRun['properties']>>(client.api['club-runs'].$get({ query: {} }), 'GET /api/club-runs')).features as ClubRun[]
}

export function joinClubRun(runId: number, join: boolean) {
  const param = { runId: String(runId) }
  const call = join ? client.api['club-runs'][':runId'].join.$post({ param }) : client.api['club-runs'][':runId'].join.$delete({ param })
  return answer<{ runId: number; officers: { id: number; name: string }[] }>(call, `${join ? 'POST' : 'DELETE'} /api/club-runs/:runId/join`)
}

/** Links a concern to a plan: the reporter's receipt then says when the patrol passes (public plans). */
export function linkConcern(patrolId: number, concernId: number) {
  return answer<void>(patrols[':id'].concerns.$post({ param: { id: String(patrolId) }, json: { concernId } }), 'POST /api/patrols/:id/concerns')
}

export function unlinkConcern(patrolId: number, concernId: number) {
  return answer<void>(
    patrols[':id'].concerns[':concernId'].$delete({ param: { id: String(patrolId), concernId: String(concernId) } }),
    'DELETE /api/patrols/:id/concerns/:concernId',
  )
}
