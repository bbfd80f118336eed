import { hc, type InferResponseType } from 'hono/client'
import type { AppType } from '../server/app.ts'
import type { User } from '../server/auth/users.ts'
import type { LinkedPatrol } from '../server/patrols/plans.ts'

/** The server's API, typed from its routes: a changed endpoint breaks this build, not the map. */
export const client = hc<AppType>('/')

/** Where to open the map, and the operator's external style if one is configured. */
export type MapInfo = InferResponseType<typeof client.api.map.$get, 200>

/** The one error shape the API answers a failure with. */
type ApiError = { error: { code: string; message: string; details?: Record<string, unknown> } }

export async function fetchMapInfo(): Promise<MapInfo> {
  const response = await client.api.map.$get()
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as ApiError | null
    throw new Error(body?.error.message ?? `GET /api/map answered ${response.status}`)
  }
  return await response.json()
}

// ---------------------------------------------------------------------------------------------
// Concerns and accounts, through the same typed client: the paths, query parameters and request
// bodies are checked against the server's routes. The answers are read as the narrower types
// below (the server types categories and statuses as plain strings), mirroring
// docs/concerns-api.md, so that components can switch on the vocabulary.

import type { Feature, FeatureCollection, Point } from 'geojson'
import type { Category, Days, Status, TimeBand } from './concerns/vocabulary.ts'

export type LngLat = { lng: number; lat: number }
export type Bbox = [west: number, south: number, east: number, north: number]

/** A concern as the public sees it: at its ~100 m cell, by month, never with the free text. */
export type PublicConcern = {
  id: number
  category: Category
  timeBands: TimeBand[]
  days: Days
  month: string
  supportCount: number
  status: Status
  publicSummary: string | null
  publicResponse: string | null
  sample: boolean
}
export type ClusterProperties = {
  cluster: true
  clusterId: number
  pointCount: number
  expansionZoom: number
  categories: Partial<Record<Category, number>>
}
export type ClusterFeature = Feature<Point, ClusterProperties | (PublicConcern & { cluster?: false })>
export type ClusterCollection = FeatureCollection<Point, ClusterProperties | (PublicConcern & { cluster?: false })>

export type NewConcern = {
  location: LngLat
  category: Category
  when: { timeBands: TimeBand[]; days: Days }
  description?: string
}
export type NearbyConcern = Pick<PublicConcern, 'id' | 'category' | 'timeBands' | 'supportCount' | 'month' | 'status'>
export type Receipt = {
  status: Status
  category: Category
  month: string
  publicResponse: string | null
  publicSummary: string | null
  supportCount: number
  /** Public patrol plans an officer linked to the concern (docs/patrols-api.md). */
  linked: LinkedPatrol[]
}
/** "A reassurance patrol now passes here": a public plan as the reporter's receipt names it. */
export type { LinkedPatrol }
export type { User }

/** What an officer sees: the precise point and the free text. */
export type OfficerConcern = PublicConcern & {
  description: string | null
  hidden: boolean
  mergedInto: number | null
  source: string
  createdAt?: string
  patrolIds: number[]
}
export type OfficerCollection = FeatureCollection<Point, OfficerConcern>
export type ConcernPatch = Partial<Pick<OfficerConcern, 'status' | 'publicSummary' | 'publicResponse' | 'hidden'>>
export type ConcernFilter = { category?: Category | ''; timeBand?: TimeBand | '' }

/**
 * A failed call, with the API's error code (`area_not_covered`, `rate_limited`, …) and details
 * (`loop_too_long` gives the longest loop that fits) when it gave them.
 */
export class ApiFailure extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code?: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message)
  }
}

/**
 * The answer of a typed-client call as `T`, or an ApiFailure with the API's message, code and
 * details. No answer at all (offline, server down) is an ApiFailure too: status 0, code 'network'.
 */
export async function answer<T>(pending: Promise<Response>, what: string): Promise<T> {
  let response: Response
  try {
    response = await pending
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error
    throw new ApiFailure(`${what}: no answer from the server`, 0, 'network')
  }
  if (!response.ok) {
    const error = (await response.json().catch(() => null)) as ApiError | null
    throw new ApiFailure(error?.error.message ?? `${what} answered ${response.status}`, response.status, error?.error.code, error?.error.details)
  }
  if (response.status === 204) return undefined as T
  return (await response.json()) as T
}

/**
 * Keys for writes a retry must not repeat (reports, walk-and-talk, "me too": server/idempotency.ts).
 * The same body gets the same key on every retry, so a report whose answer was lost on a poor
 * connection is not made twice; a changed body is a new report and gets a new key.
 */
export function idempotencyKeys(): (body: unknown) => string {
  let last: { body: string; key: string } | undefined
  return (body) => {
    const text = JSON.stringify(body ?? null)
    if (last?.body !== text) {
      // 16 random bytes as base64url; getRandomValues, unlike randomUUID, works on plain http too.
      const bytes = crypto.getRandomValues(new Uint8Array(16))
      last = { body: text, key: btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '') }
    }
    return last.key
  }
}

/** Waits before each retry of a write that got no answer: a phone in a park loses a request or two. */
const RETRY_DELAYS_MS = [1000, 3000]

/**
 * An idempotent write (it carries its Idempotency-Key) sent again when no answer came at all,
 * twice at most; an answer, even an error, is final.
 */
async function sendOnce<T>(send: (headers: Record<string, string>) => Promise<Response>, key: string, what: string): Promise<T> {
  const headers = { 'Idempotency-Key': key }
  for (let attempt = 0; ; attempt++) {
    try {
      return await answer<T>(send(headers), what)
    } catch (error) {
      const delay = RETRY_DELAYS_MS[attempt]
      if (!(error instanceof ApiFailure && error.code === 'network') || delay === undefined) throw error
      await new Promise((resolve) => setTimeout(resolve, delay))
    }
  }
}

/** Query parameters without the empty ones ('' means "any" in the filters). */
function present<T extends Record<string, string | undefined>>(params: T): T {
  return Object.fromEntries(Object.entries(params).filter(([, v]) => v !== undefined && v !== '')) as T
}

/** A bbox as the API's `bbox` parameter: minLng,minLat,maxLng,maxLat to 6 decimals (about 10 cm). */
export const bboxParam = (bbox: Bbox) => bbox.map((n) => n.toFixed(6)).join(',')
const concerns = client.api.concerns
const officer = client.api.officer.concerns

export function fetchConcernClusters(bbox: Bbox, zoom: number, filter: ConcernFilter, signal?: AbortSignal) {
  const query = present({
    bbox: bboxParam(bbox),
    zoom: String(Math.max(0, Math.min(20, Math.floor(zoom)))),
    category: filter.category || undefined,
    timeBand: filter.timeBand || undefined,
  })
  return answer<ClusterCollection>(concerns.clusters.$get({ query }, { init: { signal } }), 'GET /api/concerns/clusters')
}

/** A resident's report; `key` is its Idempotency-Key (idempotencyKeys). */
export function reportConcern(concern: NewConcern, key: string) {
  return sendOnce<{ id: number; receipt: string }>((headers) => concerns.$post({ json: concern }, { headers }), key, 'POST /api/concerns')
}

export function fetchNearbyConcerns(at: LngLat, category: Category, signal?: AbortSignal) {
  const query = { lng: String(at.lng), lat: String(at.lat), category }
  return answer<{ concerns: NearbyConcern[] }>(concerns.nearby.$get({ query }, { init: { signal } }), 'GET /api/concerns/nearby')
}

export function supportConcern(id: number, key: string) {
  return sendOnce<{ id: number; supportCount: number }>(
    (headers) => concerns[':id'].support.$post({ param: { id: String(id) } }, { headers }),
    key,
    'POST /api/concerns/:id/support',
  )
}

export function fetchReceipt(token: string) {
  return answer<Receipt>(concerns.receipt[':token'].$get({ param: { token } }), 'GET /api/concerns/receipt')
}

/** The signed-in user, or null when nobody is. */
export async function fetchMe(): Promise<User | null> {
  try {
    return (await answer<{ user: User }>(client.api.auth.me.$get(), 'GET /api/auth/me')).user
  } catch (error) {
    if (error instanceof ApiFailure && (error.status === 401 || error.status === 403)) return null
    throw error
  }
}

export async function login(email: string, password: string): Promise<User> {
  return (await answer<{ user: User }>(client.api.auth.login.$post({ json: { email, password } }), 'POST /api/auth/login')).user
}

export function logout() {
  return answer<void>(client.api.auth.logout.$post(), 'POST /api/auth/logout')
}

export type OfficerQuery = ConcernFilter & { status?: Status | ''; includeHidden?: boolean; includeSamples?: boolean }

/** The officer list: `truncated` when there were more than the server's 5,000. */
export type OfficerList = OfficerCollection & { truncated?: boolean }

/** The largest bbox side `GET /api/officer/concerns` accepts, in degrees (server/map/bbox.ts). */
export const MAX_BBOX_DEGREES = 0.1

/** The largest bbox side the patrol and coverage endpoints accept, in degrees (server/patrols/vocabulary.ts). */
export const MAX_PATROL_BBOX_DEGREES = 0.5

/** Whether `bbox` is small enough for the server to filter by it (sides of at most `max` degrees). */
export const bboxFits = ([west, south, east, north]: Bbox, max = MAX_BBOX_DEGREES) => east - west <= max && north - south <= max

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
export function officerConcernsUrl(params: OfficerQuery & { format?: 'geojson' | 'csv'; bbox?: Bbox | null }): string {
  return officer.$path({ query: officerQuery(params) })
}

/** The officer list, limited to `bbox` (at most MAX_BBOX_DEGREES a side) when one is given. */
export function fetchOfficerConcerns(params: OfficerQuery, bbox: Bbox | null = null) {
  return answer<OfficerList>(officer.$get({ query: officerQuery({ ...params, bbox }) }), 'GET /api/officer/concerns')
}

/** A concern heard on a walk-and-talk, recorded by the signed-in officer: `{id, receipt}`. */
export function recordWalkAndTalk(concern: NewConcern, key: string) {
  return sendOnce<{ id: number; receipt: string }>(
    (headers) => officer.$post({ json: { ...concern, source: 'walk_and_talk' } }, { headers }),
    key,
    'POST /api/officer/concerns',
  )
}

export function updateConcern(id: number, patch: ConcernPatch) {
  return answer<Feature<Point, OfficerConcern>>(
    officer[':id'].$patch({ param: { id: String(id) }, json: patch }),
    'PATCH /api/officer/concerns/:id',
  )
}

export function mergeConcern(id: number, into: number) {
  return answer<unknown>(officer[':id'].merge.$post({ param: { id: String(id) }, json: { into } }), 'POST /api/officer/concerns/:id/merge')
}
