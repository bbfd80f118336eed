import type { Feature, FeatureCollection, LineString } from 'geojson'
import type { NearPatrol, PublicProperties } from '../../server/patrols/plans.ts'
import { answer, bboxFits, bboxParam, client, MAX_PATROL_BBOX_DEGREES, type Bbox, type LngLat } from '../api.ts'

/*
 * The public side of reassurance patrols (docs/patrols-api.md), no account: the plans officers
 * chose to show, and the next one near a point. Through the typed client of web/api.ts, so paths
 * and queries are checked against the server's routes; answers are read as the server's types.
 * The server alone decides what is public.
 */

/** A plan as a resident sees it: never its notes, waypoints or linked concerns. */
export type PublicPatrolProperties = PublicProperties
export type PublicPatrol = Feature<LineString, PublicPatrolProperties>
export type PublicPatrols = FeatureCollection<LineString, PublicPatrolProperties>

export type { NearPatrol } from '../../server/patrols/plans.ts'

const patrols = client.api.patrols

/**
 * Public plans with a session in [from, to), whose line meets `bbox` when the view is small
 * enough for the server to filter by it (larger views get every plan of the window).
 */
export function fetchPublicPatrols(window: { from: string; to: string }, bbox: Bbox | null, signal?: AbortSignal) {
  const query = {
    from: window.from,
    to: window.to,
    ...(bbox && bboxFits(bbox, MAX_PATROL_BBOX_DEGREES) ? { bbox: bboxParam(bbox) } : {}),
  }
  return answer<PublicPatrols>(patrols.$get({ query }, { init: { signal } }), 'GET /api/patrols')
}

/** The next sessions (soonest first, one per plan) of public plans within 500 m, in the next 14 days. */
export function fetchNextPatrols(at: LngLat, signal?: AbortSignal) {
  const query = { lng: at.lng.toFixed(6), lat: at.lat.toFixed(6) }
  return answer<{ near: NearPatrol[] }>(patrols.next.$get({ query }, { init: { signal } }), 'GET /api/patrols/next')
}
