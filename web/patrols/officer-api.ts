import type { Feature, FeatureCollection, LineString, Point } from 'geojson'
import { answer, client, type Bbox, type LngLat } from '../api.ts'
import type { Days, TimeBand } from '../concerns/vocabulary.ts'

/*
 * The officer side of reassurance patrols (docs/patrols-api.md) through the typed client of
 * web/api.ts: paths, queries and bodies are checked against the server's routes. Answers are read
 * as the narrower types below, mirroring the contract, so that components can rely on them.
 */

export type WeekDay = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun'
export type Waypoint = LngLat & { dwellMinutes: number }

export type OneOffSchedule = { start: string; durationMinutes: number }
export type WeeklySchedule = { days: WeekDay[]; startTime: string; durationMinutes: number; validFrom: string; validUntil: string }
export type Schedule = OneOffSchedule | WeeklySchedule

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

export type Session = { start: string; end: string }

/** A plan as an officer sees it. */
export type PatrolProperties = {
  id: number
  title: string
  team: string | null
  public: boolean
  schedule: Schedule
  scheduleText: string
  lengthMeters: number
  walkMinutes: number
  dwellMinutes: number
  nextSessions: Session[]
  notes: string | null
  waypoints: Waypoint[]
  linkedConcerns: number
  updatedAt: string
}
export type Patrol = Feature<LineString, PatrolProperties>

export type Preview = { geometry: LineString; lengthMeters: number; walkMinutes: number; waypoints: Waypoint[] }

export type HotspotProperties = {
  rank: number
  weight: number
  uncoveredWeight: number
  concerns: number
  radiusMeters: number
  timeBands: TimeBand[]
  days: Days
  patrolMinutes: number
  minutesPerDay: number
  meetsDosage: boolean
}
export type Hotspot = Feature<Point, HotspotProperties>
export type BandCoverage = { share: number | null; weight: number; coveredWeight: number }

export type Coverage = {
  week: string
  from: string
  to: string
  coverageMetres: number
  dosageMinutes: number
  coveredShare: number | null
  totalWeight: number
  coveredWeight: number
  byTimeBand: Partial<Record<TimeBand, BandCoverage>>
  hotspots: FeatureCollection<Point, HotspotProperties>
  sessions: { patrolId: number; title: string; start: string; end: string }[]
}

export type SuggestRequest = { start: LngLat; timeBand: TimeBand; minutes: number; week?: string; dwellMinutes?: number; area?: Bbox }
/** `route` is null, `waypoints` and `hotspots` empty, when no uncovered hot spot of the band is in reach. */
export type Suggestion = {
  route: Feature<LineString> | null
  lengthMeters: number
  walkMinutes: number
  dwellMinutes: number
  waypoints: Waypoint[]
  hotspots: { rank: number; coordinates: [number, number]; weight: number; uncoveredWeight: number }[]
  gain: { coveredShareBefore: number | null; coveredShareAfter: number | null; weightAdded: number; concernsAdded: number }
  timeBand: TimeBand
}

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

const bboxParam = (bbox: Bbox) => bbox.map((n) => n.toFixed(6)).join(',')
const patrols = client.api.patrols

export function fetchPatrols() {
  return answer<FeatureCollection<LineString, PatrolProperties>>(patrols.$get({ query: {} }), 'GET /api/patrols')
}

export function previewPatrol(waypoints: Waypoint[], signal?: AbortSignal) {
  return answer<Preview>(patrols.preview.$post({ json: { waypoints } }, { init: { signal } }), 'POST /api/patrols/preview')
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
  return answer<Coverage>(client.api.coverage.$get({ query }, { init: { signal } }), 'GET /api/coverage')
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
