import { hc } from 'hono/client'
import type { AppType } from '../../server/app.ts'
import { ApiFailure, type Bbox, type NewConcern, type OfficerCollection, type OfficerQuery } from '../api.ts'

/*
 * The officer calls the walk-and-talk screen and the area filter need, through the same typed
 * client as web/api.ts (so a changed endpoint breaks this build too). They belong in web/api.ts
 * beside fetchOfficerConcerns; they live here only while that file is being changed elsewhere.
 */
const officer = hc<AppType>('/').api.officer.concerns

/** The officer list: `truncated` when there were more than the server's 5,000. */
export type OfficerList = OfficerCollection & { truncated?: boolean }

/** The largest bbox side `GET /api/officer/concerns` accepts, in degrees (server/map/bbox.ts). */
export const MAX_BBOX_DEGREES = 0.1

/** Whether `bbox` is small enough for the server to filter by it. */
export const bboxFits = ([west, south, east, north]: Bbox) => east - west <= MAX_BBOX_DEGREES && north - south <= MAX_BBOX_DEGREES

async function answer<T>(pending: Promise<Response>, what: string): Promise<T> {
  const response = await pending
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as { error?: { code: string; message: string } } | null
    throw new ApiFailure(body?.error?.message ?? `${what} answered ${response.status}`, response.status, body?.error?.code)
  }
  return (await response.json()) as T
}

/** The officer list, limited to `bbox` (at most MAX_BBOX_DEGREES a side) when one is given. */
export function fetchOfficerConcernsIn(params: OfficerQuery, bbox: Bbox | null) {
  const query = Object.fromEntries(
    Object.entries({
      bbox: bbox ? bbox.map((n) => n.toFixed(6)).join(',') : undefined,
      status: params.status || undefined,
      category: params.category || undefined,
      timeBand: params.timeBand || undefined,
      includeHidden: params.includeHidden ? 'true' : undefined,
      includeSamples: params.includeSamples ? 'true' : undefined,
    }).filter(([, v]) => v !== undefined),
  )
  return answer<OfficerList>(officer.$get({ query }), 'GET /api/officer/concerns')
}

/** A concern heard on a walk-and-talk, recorded by the signed-in officer: `{id, receipt}`. */
export function recordWalkAndTalk(concern: NewConcern) {
  return answer<{ id: number; receipt: string }>(
    officer.$post({ json: { ...concern, source: 'walk_and_talk' } }),
    'POST /api/officer/concerns',
  )
}
