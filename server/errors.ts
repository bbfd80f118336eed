import type { Context, ValidationTargets } from 'hono'
import { HTTPException } from 'hono/http-exception'
import { METHOD_NAME_ALL } from 'hono/router'
import { TrieRouter } from 'hono/router/trie-router'
import type { RouterRoute } from 'hono/types'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { zValidator } from '@hono/zod-validator'
import type { z } from 'zod'

/** The one error shape of the API: {"error": {"code", "message", "details"?}}. */
export type ErrorBody = { error: { code: string; message: string; details?: unknown } }

/** A failure the client can act on, thrown from anywhere below a route. */
export class ApiError extends HTTPException {
  constructor(
    status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(status, { message })
  }
}

const CODES: Partial<Record<number, string>> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  422: 'unprocessable',
  429: 'rate_limited',
}

/** zod at the edge: every validation failure becomes a 400 in the one error shape. */
export const validate = <Target extends keyof ValidationTargets, Schema extends z.ZodType>(
  target: Target,
  schema: Schema,
) =>
  zValidator(target, schema, (result) => {
    if (!result.success) {
      throw new ApiError(
        400,
        'invalid_' + target,
        result.error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; '),
        result.error.issues.map((i) => ({ path: i.path, message: i.message })),
      )
    }
  })

/** app.onError: the only place that turns a failure into a response. */
export function errorResponse(error: Error, c: Context) {
  if (error instanceof ApiError) {
    return c.json<ErrorBody>(
      { error: { code: error.code, message: error.message, ...(error.details === undefined ? {} : { details: error.details }) } },
      error.status,
    )
  }
  if (error instanceof HTTPException) {
    const status = error.status
    return c.json<ErrorBody>({ error: { code: CODES[status] ?? 'error', message: error.message || 'Request failed' } }, status)
  }
  console.error(`${c.req.method} ${c.req.path} failed:`, error)
  return c.json<ErrorBody>({ error: { code: 'internal', message: 'Something went wrong on our side' } }, 500)
}

/**
 * app.notFound for the API, given its routes: 405 with `Allow` when the path is served under
 * other methods (POST /api/health), else 404. Middleware (method ALL) says nothing of either.
 */
export function apiNotFound(routes: readonly RouterRoute[]) {
  const table = new TrieRouter<string>()
  const methods = new Set<string>()
  for (const route of routes) {
    if (route.method === METHOD_NAME_ALL) continue
    table.add(route.method, route.path, route.method)
    methods.add(route.method)
  }
  return (c: Context) => {
    const allowed = [...methods].filter((m) => table.match(m, c.req.path)[0].length > 0)
    if (allowed.length > 0) {
      if (allowed.includes('GET')) allowed.push('HEAD')
      c.header('Allow', allowed.join(', '))
      return errorResponse(new ApiError(405, 'method_not_allowed', `${c.req.path} does not take ${c.req.method}: use ${allowed.join(' or ')}`), c)
    }
    return errorResponse(new ApiError(404, 'not_found', `No route for ${c.req.method} ${c.req.path}`), c)
  }
}
