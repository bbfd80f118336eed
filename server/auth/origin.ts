import { createMiddleware } from 'hono/factory'
import { ApiError } from '../errors.ts'

const CHANGES_DATA = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

/**
 * Refuses a request that changes data when the browser says it comes from another site.
 *
 * The session cookie is SameSite=Lax, so browsers already leave it off cross-site POSTs; this
 * is the second layer (older browsers, a sibling subdomain counting as "same site", login
 * CSRF, which needs no cookie at all). Browsers send Origin on every POST, PUT, PATCH and
 * DELETE, and Referer (unless a policy strips it) where Origin is missing; when either names
 * another host the request is refused. With neither the request is let through: that is curl,
 * a script or a test, which carries no victim's cookie. Hono's `csrf` middleware does not fit:
 * it checks only form-like content types and refuses requests that carry no Origin.
 *
 * Only hosts are compared, not schemes, so a proxy that ends TLS (https outside, http here)
 * still matches; it must pass the Host header through (nginx: `proxy_set_header Host $host`).
 */
export const sameOrigin = createMiddleware(async (c, next) => {
  if (CHANGES_DATA.has(c.req.method)) {
    const source = c.req.header('origin') ?? c.req.header('referer')
    if (source !== undefined && hostOf(source) !== new URL(c.req.url).host) {
      throw new ApiError(403, 'cross_origin', 'Requests that change data must come from this site')
    }
  }
  await next()
})

/** The host (and port) of an Origin or Referer; undefined for `null` and other non-URLs. */
function hostOf(value: string): string | undefined {
  try {
    return new URL(value).host || undefined
  } catch {
    return undefined
  }
}
