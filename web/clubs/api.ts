import type { InferRequestType } from 'hono/client'
import { answer, client, type Answered } from '../api/client.ts'

/*
 * A running club's library, share links and runs, for its organiser, through the typed client
 * (web/api/client.ts): bodies and answers are the server's routes' own (server/routes/clubs.ts).
 */
const clubs = client.api.clubs
const club = clubs[':id']
const param = (clubId: number) => ({ id: String(clubId) })
const savedParam = (clubId: number, savedId: number) => ({ id: String(clubId), savedId: String(savedId) })

export const fetchClubs = async () => (await answer(clubs.$get(), 'GET /api/clubs')).clubs
export type Club = Answered<typeof fetchClubs>[number]

export const createClub = (body: InferRequestType<typeof clubs.$post>['json']) => answer(clubs.$post({ json: body }), 'POST /api/clubs')

export const fetchSavedRoutes = async (clubId: number) =>
  (await answer(club.routes.$get({ param: param(clubId) }), 'GET /api/clubs/:id/routes')).features

export const saveToClub = (clubId: number, saved: InferRequestType<(typeof club)['routes']['$post']>['json']) =>
  answer(club.routes.$post({ param: param(clubId), json: saved }), 'POST /api/clubs/:id/routes')
export type SavedRoute = Answered<typeof saveToClub>

/** Renames a saved route, or changes its notes or usual start time (null clears them). */
export const updateSavedRoute = (clubId: number, savedId: number, patch: InferRequestType<(typeof club)['routes'][':savedId']['$patch']>['json']) =>
  answer(club.routes[':savedId'].$patch({ param: savedParam(clubId, savedId), json: patch }), 'PATCH /api/clubs/:id/routes/:savedId')

export const removeSavedRoute = (clubId: number, savedId: number) =>
  answer(club.routes[':savedId'].$delete({ param: savedParam(clubId, savedId) }), 'DELETE /api/clubs/:id/routes/:savedId')

/** A new share link (the old one, if any, stops working), hiding the line's ends unless `showEnds`. */
export const shareSavedRoute = (clubId: number, savedId: number, showEnds: boolean) =>
  answer(club.routes[':savedId'].share.$post({ param: savedParam(clubId, savedId), json: { showEnds } }), 'POST /api/clubs/:id/routes/:savedId/share')

/** A resident's share link to any computed route, no account: it lasts as long as the route (`expiresAt`). */
export const shareComputedRoute = (routeId: string, showEnds: boolean) =>
  answer(client.api.routes[':id'].share.$post({ param: { id: routeId }, json: { showEnds } }), 'POST /api/routes/:id/share')

export const stopSharing = (clubId: number, savedId: number) =>
  answer(club.routes[':savedId'].share.$delete({ param: savedParam(clubId, savedId) }), 'DELETE /api/clubs/:id/routes/:savedId/share')

export const fetchClubRuns = async (clubId: number) => (await answer(club.runs.$get({ param: param(clubId) }), 'GET /api/clubs/:id/runs')).runs
export type ClubRun = Answered<typeof fetchClubRuns>[number]

/** A club run on a saved route, one-off (`startsAt`) or `weekly`: officers see it in their list and can join it. */
export const scheduleClubRun = (clubId: number, run: InferRequestType<(typeof club)['runs']['$post']>['json']) =>
  answer(club.runs.$post({ param: param(clubId), json: run }), 'POST /api/clubs/:id/runs')

/** The club's runs as an iCalendar file (weekly runs repeat in London time). */
export const clubCalendarUrl = (clubId: number): string => club['runs.ics'].$path({ param: param(clubId) })

/** A calendar feed link for calendar apps (replacing any before), and stopping it. */
export const newCalendarFeed = (clubId: number) => answer(club.feed.$post({ param: param(clubId) }), 'POST /api/clubs/:id/feed')
export const removeCalendarFeed = (clubId: number) => answer(club.feed.$delete({ param: param(clubId) }), 'DELETE /api/clubs/:id/feed')

export const cancelClubRun = (clubId: number, runId: number) =>
  answer(club.runs[':runId'].$delete({ param: { id: String(clubId), runId: String(runId) } }), 'DELETE /api/clubs/:id/runs/:runId')

/** Query keys: the list of clubs, and each club's library and runs (invalidated after writes). */
export const clubKeys = {
  all: ['clubs'] as const,
  routes: (clubId: number) => ['clubs', clubId, 'routes'] as const,
  runs: (clubId: number) => ['clubs', clubId, 'runs'] as const,
}
