import type { InferRequestType } from 'hono/client'
import type { Schedule, WeeklySchedule } from '../../server/patrols/schedule.ts'
import { answer, bboxParam, client, type Answered, type Bbox } from '../api/client.ts'

/*
 * The officer side of reassurance patrols (docs/patrols-api.md) through the typed client:
 * paths, queries, bodies and answers are the server's routes' own.
 */

export type { Day as WeekDay, Schedule, WeeklySchedule } from '../../server/patrols/schedule.ts'
export const isWeekly = (schedule: Schedule): schedule is WeeklySchedule => 'days' in schedule

const patrols = client.api.patrols

/** What POST /api/patrols and PUT /api/patrols/{id} take (this page always sends waypoints). */
export type PatrolBody = InferRequestType<typeof patrols.$post>['json']

export const fetchPatrols = () => answer(patrols.$get({ query: {} }), 'GET /api/patrols')
/** A plan as an officer sees it. */
export type Patrol = Answered<typeof fetchPatrols>['features'][number]

/** A waypoint of a plan: where the line passes, and the minutes to stay there. */
export type Waypoint = InferRequestType<typeof patrols.preview.$post>['json']['waypoints'][number] & { dwellMinutes: number }

export const previewPatrol = (waypoints: Waypoint[], signal?: AbortSignal) =>
  answer(patrols.preview.$post({ json: { waypoints } }, { init: { signal } }), 'POST /api/patrols/preview')
export type Preview = Answered<typeof previewPatrol>

export const createPatrol = (body: PatrolBody) => answer(patrols.$post({ json: body }), 'POST /api/patrols')
export const updatePatrol = (id: number, body: PatrolBody) => answer(patrols[':id'].$put({ param: { id: String(id) }, json: body }), 'PUT /api/patrols/:id')
export const deletePatrol = (id: number) => answer(patrols[':id'].$delete({ param: { id: String(id) } }), 'DELETE /api/patrols/:id')

export type SuggestRequest = Omit<InferRequestType<typeof patrols.suggest.$post>['json'], 'area'> & { area?: Bbox }
/** With `area`, the gain is measured over the same area as the dashboard's coverage. */
export const suggestPatrol = ({ area, ...request }: SuggestRequest) =>
  answer(patrols.suggest.$post({ json: area ? { ...request, area: bboxParam(area) } : request }), 'POST /api/patrols/suggest')
export type Suggestion = Answered<typeof suggestPatrol>

export const fetchCoverage = (week: string, bbox: Bbox, signal?: AbortSignal) =>
  answer(client.api.coverage.$get({ query: { week, bbox: bboxParam(bbox) } }, { init: { signal } }), 'GET /api/coverage')
export type Coverage = Answered<typeof fetchCoverage>
export type Hotspot = Coverage['hotspots']['features'][number]

/** The calendar of every session in [from, to], as a same-origin address the session cookie goes with. */
export const calendarUrl = (from: string, to: string): string => client.api['patrols.ics'].$path({ query: { from, to } })

export const fetchClubRuns = async () => (await answer(client.api['club-runs'].$get({ query: {} }), 'GET /api/club-runs')).features
export type ClubRun = Answered<typeof fetchClubRuns>[number]

/** Joins or leaves one occurrence of a run: a weekly run's is picked by its London date. */
export function joinClubRun(runId: number, date: string, join: boolean) {
  const request = { param: { runId: String(runId) }, query: { date } }
  const runs = client.api['club-runs'][':runId'].join
  return join ? answer(runs.$post(request), 'POST /api/club-runs/:runId/join') : answer(runs.$delete(request), 'DELETE /api/club-runs/:runId/join')
}

/** Links a concern to a plan: the reporter's receipt then says when the patrol passes (public plans). */
export const linkConcern = (patrolId: number, concernId: number) =>
  answer(patrols[':id'].concerns.$post({ param: { id: String(patrolId) }, json: { concernId } }), 'POST /api/patrols/:id/concerns')

export const unlinkConcern = (patrolId: number, concernId: number) =>
  answer(patrols[':id'].concerns[':concernId'].$delete({ param: { id: String(patrolId), concernId: String(concernId) } }), 'DELETE /api/patrols/:id/concerns/:concernId')
