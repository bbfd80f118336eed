import { serveStatic } from '@hono/node-server/serve-static'
import type { Hono, MiddlewareHandler } from 'hono'
import { etag } from 'hono/etag'
import type { Env } from './app.ts'

/** Vite names these files after their content (dist/assets/index-BjODQ92Z.js): they never change. */
const HASHED = /^\/assets\//
const IMMUTABLE = 'public, max-age=31536000, immutable'

const outsideApi =
  (handler: MiddlewareHandler<Env>): MiddlewareHandler<Env> =>
  (c, next) =>
    c.req.path === '/api' || c.req.path.startsWith('/api/') ? next() : handler(c, next)

/**
 * The built front end beside the API: its files as Vite wrote them, the .br or .gz written
 * beside each at build when the browser takes it, and index.html for every other path outside
 * /api (the front end routes itself). Hashed assets are cached for a year and never asked for
 * again; everything else is revalidated (ETag, 304), so a new build shows at the next visit.
 */
export function addWebPages(app: Hono<Env>, dist: string): void {
  app.use(
    '*',
    outsideApi(async (c, next) => {
      await next()
      c.res.headers.set('Cache-Control', HASHED.test(c.req.path) && c.res.status === 200 ? IMMUTABLE : 'no-cache')
    }),
  )
  const revalidated = etag()
  app.use('*', outsideApi((c, next) => (HASHED.test(c.req.path) ? next() : revalidated(c, next))))
  app.get('*', outsideApi(serveStatic({ root: dist, precompressed: true })))
  // A missing hashed file (an old build's) is a 404, not the page: the browser asked for a script.
  const page = serveStatic({ root: dist, path: 'index.html', precompressed: true })
  app.get('*', outsideApi((c, next) => (HASHED.test(c.req.path) ? next() : page(c, next))))
}
