import { hc, type ClientResponse } from 'hono/client'
import type { SuccessStatusCode } from 'hono/utils/http-status'
import type { AppType } from '../../server/app.ts'

/**
 * The server's API, typed from its routes (Hono RPC): paths, queries, bodies and answers are the
 * server's own, so a changed endpoint breaks this build, not the map. Every call goes through
 * `answer`, whose result is the answer's type as the route declares it; no type is written twice.
 */
export const client = hc<AppType>('/')

/** What a successful answer of a client call holds, as its route declares it. */
export type Answer<R> = R extends ClientResponse<infer T, infer S, infer _F> ? (S extends SuccessStatusCode ? T : never) : never
/** The answer of a call function: `Answered<typeof fetchReceipt>`. */
export type Answered<F extends (...args: never[]) => Promise<unknown>> = Awaited<ReturnType<F>>

/** The one error shape the API answers a failure with. */
type ApiErrorBody = { error: { code: string; message: string; details?: Record<string, unknown> } }

/**
 * A failed call, with the API's error code (`area_not_covered`, `rate_limited`, …) and details
 * (`loop_too_long` gives the longest loop that fits) when it gave them, and the wait its
 * `Retry-After` asked for (a 429). No answer at all (offline, the server down) is status 0,
 * code 'network'.
 */
export class ApiFailure extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code?: string,
    readonly details?: Record<string, unknown>,
    readonly retryAfterSeconds?: number,
  ) {
    super(message)
  }
}

/** A `Retry-After` header in seconds: a number of seconds, or an HTTP date; undefined without one. */
export function retryAfterSeconds(header: string | null): number | undefined {
  if (!header) return undefined
  const seconds = /^\s*\d+\s*$/.test(header) ? Number(header) : (Date.parse(header) - Date.now()) / 1000
  return Number.isFinite(seconds) ? Math.max(0, Math.ceil(seconds)) : undefined
}

/** The answer of a typed-client call, or an ApiFailure with the API's message, code, details and wait. */
export async function answer<R extends ClientResponse<unknown, number, string>>(pending: Promise<R>, what: string): Promise<Answer<R>> {
  let response: R
  try {
    response = await pending
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error
    throw new ApiFailure(`${what}: no answer from the server`, 0, 'network')
  }
  if (!response.ok) {
    const failure = (await response.json().catch(() => null)) as ApiErrorBody | null
    throw new ApiFailure(
      failure?.error.message ?? `${what} answered ${response.status}`,
      response.status,
      failure?.error.code,
      failure?.error.details,
      retryAfterSeconds(response.headers.get('Retry-After')),
    )
  }
  if (response.status === 204) return undefined as Answer<R>
  return (await response.json()) as Answer<R>
}

/** Is this failure "no answer at all" (offline, the server down or cut off)? */
export const noAnswer = (error: unknown) => error instanceof ApiFailure && error.code === 'network'

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
export async function sendOnce<R extends ClientResponse<unknown, number, string>>(
  send: (options: { headers: Record<string, string> }) => Promise<R>,
  key: string,
  what: string,
): Promise<Answer<R>> {
  const headers = { 'Idempotency-Key': key }
  for (let attempt = 0; ; attempt++) {
    try {
      return await answer(send({ headers }), what)
    } catch (error) {
      const delay = RETRY_DELAYS_MS[attempt]
      if (!noAnswer(error) || delay === undefined) throw error
      await new Promise((resolve) => setTimeout(resolve, delay))
    }
  }
}

export type LngLat = { lng: number; lat: number }
export type Bbox = [west: number, south: number, east: number, north: number]

/** A bbox as the API's `bbox` parameter: minLng,minLat,maxLng,maxLat to 6 decimals (about 10 cm). */
export const bboxParam = (bbox: Bbox) => bbox.map((n) => n.toFixed(6)).join(',')

/** Whether `bbox` is small enough for the server to filter by it (sides of at most `max` degrees, from /api/map). */
export const bboxFits = ([west, south, east, north]: Bbox, max: number) => east - west <= max && north - south <= max

/** Query parameters without the empty ones ('' means "any" in the filters). */
export function present<T extends Record<string, string | undefined>>(params: T): T {
  return Object.fromEntries(Object.entries(params).filter(([, v]) => v !== undefined && v !== '')) as T
}
