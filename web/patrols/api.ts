import { answer, bboxFits, bboxParam, client, type Answered, type Bbox, type LngLat } from '../api/client.ts'

/*
 * The public side of reassurance patrols (docs/patrols-api.md), no account: the plans officers
 * chose to show, and the next one near a point, through the typed client. The server alone
 * decides what is public.
 */
const patrols = client.api.patrols

/**
 * Public plans with a session in [from, to), whose line meets `bbox` when the view is small
 * enough for the server to filter by it (`maxDegrees`, from /api/map; larger views get every
 * plan of the window).
 */
export const fetchPublicPatrols = (window: { from: string; to: string }, bbox: Bbox | null, maxDegrees: number, signal?: AbortSignal) =>
  answer(
    patrols.$get({ query: { ...window, ...(bbox && bboxFits(bbox, maxDegrees) ? { bbox: bboxParam(bbox) } : {}) } }, { init: { signal } }),
    'GET /api/patrols',
  )
export type PublicPatrol = Answered<typeof fetchPublicPatrols>['features'][number]

/** The next sessions (soonest first, one per plan) of public plans near a point (settings.nearPatrol). */
export const fetchNextPatrols = (at: LngLat, signal?: AbortSignal) =>
  answer(patrols.next.$get({ query: { lng: at.lng.toFixed(6), lat: at.lat.toFixed(6) } }, { init: { signal } }), 'GET /api/patrols/next')
export type NearPatrol = Answered<typeof fetchNextPatrols>['near'][number]
