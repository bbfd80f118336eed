import type { InferRequestType } from 'hono/client'
import { answer, bboxParam, client, present, sendOnce, type Answer, type Answered, type Bbox, type LngLat } from '../api/client.ts'
import type { Category, Status, TimeBand } from './vocabulary.ts'

/*
 * Residents' concerns and their moderation (docs/concerns-api.md) through the typed client:
 * paths, queries, bodies and answers are the server's routes' own.
 */
const concerns = client.api.concerns
const officer = client.api.officer.concerns

export type ConcernFilter = { category?: Category | ''; timeBand?: TimeBand | '' }
export type NewConcern = InferRequestType<typeof concerns.$post>['json']

/** The clusters and lone concerns of a view, at their public cells, never the text or the point. */
export const fetchConcernClusters = (bbox: Bbox, zoom: number, filter: ConcernFilter, signal?: AbortSignal) =>
  answer(
    concerns.clusters.$get(
      {
        query: present({
          bbox: bboxParam(bbox),
          zoom: String(Math.max(0, Math.min(20, Math.floor(zoom)))),
          category: filter.category || undefined,
          timeBand: filter.timeBand || undefined,
        }),
      },
      { init: { signal } },
    ),
    'GET /api/concerns/clusters',
  )
export type ClusterCollection = Answered<typeof fetchConcernClusters>
export type ClusterFeature = ClusterCollection['features'][number]
/** A concern as the public sees it (a lone point's properties). */
export type PublicConcern = Extract<ClusterFeature['properties'], { cluster: false }>

/** A resident's report; `key` is its Idempotency-Key (idempotencyKeys). */
export const reportConcern = (concern: NewConcern, key: string) =>
  sendOnce((options) => concerns.$post({ json: concern }, options), key, 'POST /api/concerns')

export const fetchNearbyConcerns = (at: LngLat, category: Category, signal?: AbortSignal) =>
  answer(concerns.nearby.$get({ query: { lng: String(at.lng), lat: String(at.lat), category } }, { init: { signal } }), 'GET /api/concerns/nearby')
export type NearbyConcern = Answered<typeof fetchNearbyConcerns>['concerns'][number]

/** "Me too"; `key` is its Idempotency-Key. */
export const supportConcern = (id: number, key: string) =>
  sendOnce((options) => concerns[':id'].support.$post({ param: { id: String(id) } }, options), key, 'POST /api/concerns/:id/support')

export const fetchReceipt = (token: string) => answer(concerns.receipt[':token'].$get({ param: { token } }), 'GET /api/concerns/receipt')
export type Receipt = Answered<typeof fetchReceipt>

export type OfficerQuery = ConcernFilter & { status?: Status | ''; includeHidden?: boolean; includeSamples?: boolean }

function officerQuery(params: OfficerQuery & { format?: 'geojson' | 'csv'; bbox?: Bbox | null }) {
  return present({
    status: params.status || undefined,
    category: params.category || undefined,
    timeBand: params.timeBand || undefined,
    includeHidden: params.includeHidden ? ('true' as const) : undefined,
    includeSamples: params.includeSamples ? ('true' as const) : undefined,
    format: params.format,
    bbox: params.bbox ? bboxParam(params.bbox) : undefined,
  })
}

/** For the export links: the same query, as a same-origin address the session cookie goes with. */
export const officerConcernsUrl = (params: OfficerQuery & { format?: 'geojson' | 'csv'; bbox?: Bbox | null }): string =>
  officer.$path({ query: officerQuery(params) })

/** The officer list (at most 5,000: `truncated`), limited to `bbox` when one is given (small enough for the server). */
export const fetchOfficerConcerns = async (params: OfficerQuery, bbox: Bbox | null, signal?: AbortSignal) =>
  (await answer(officer.$get({ query: officerQuery({ ...params, bbox }) }, { init: { signal } }), 'GET /api/officer/concerns')) as Exclude<
    Answer<Awaited<ReturnType<typeof officer.$get>>>,
    string
  >
/** The list as GeoJSON (the same endpoint answers CSV for exports, which are links, not reads). */
export type OfficerList = Answered<typeof fetchOfficerConcerns>
/** What an officer sees of a concern: the precise point and the free text too. */
export type OfficerConcern = OfficerList['features'][number]['properties']

/** A concern heard on a walk-and-talk, recorded by the signed-in officer; `key` is its Idempotency-Key. */
export const recordWalkAndTalk = (concern: NewConcern, key: string) =>
  sendOnce((options) => officer.$post({ json: { ...concern, source: 'walk_and_talk' } }, options), key, 'POST /api/officer/concerns')

export type ConcernPatch = InferRequestType<(typeof officer)[':id']['$patch']>['json']
export const updateConcern = (id: number, patch: ConcernPatch) =>
  answer(officer[':id'].$patch({ param: { id: String(id) }, json: patch }), 'PATCH /api/officer/concerns/:id')

export const mergeConcern = (id: number, into: number) =>
  answer(officer[':id'].merge.$post({ param: { id: String(id) }, json: { into } }), 'POST /api/officer/concerns/:id/merge')

/** Undoes a merge: the duplicate stands on its own again, shown or hidden as before. */
export const unmergeConcern = (id: number) =>
  answer(officer[':id'].merge.$delete({ param: { id: String(id) } }), 'DELETE /api/officer/concerns/:id/merge')
