import { secureHeaders } from 'hono/secure-headers'

/**
 * Security headers of every answer, with a Content-Security-Policy the front end works under:
 * scripts, styles, fonts and MapLibre's worker (a file of ours, web/map/worker.ts) from this
 * origin only, no inline script, nothing framed. An operator's MAP_STYLE_URL brings a style, its
 * glyphs, sprites and tiles from elsewhere: then connect-src and img-src also take https:.
 */
export function securityHeaders(mapStyleUrl: string | undefined) {
  const elsewhere = mapStyleUrl ? ['https:'] : []
  return secureHeaders({
    crossOriginResourcePolicy: false,
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'"],
      imgSrc: ["'self'", 'data:', 'blob:', ...elsewhere],
      fontSrc: ["'self'"],
      connectSrc: ["'self'", ...elsewhere],
      workerSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
  })
}
