import { Hono } from 'hono'
import { sameOrigin } from './auth/origin.ts'
import type { User } from './auth/users.ts'
import { compress } from './compression.ts'
import { defaultSettings, type AppSettings } from './config.ts'
import { securityHeaders } from './content-security.ts'
import type { Database } from './db/database.ts'
import { apiNotFound, errorResponse } from './errors.ts'
import { closeAfterUnreadBody } from './json-body.ts'
import { Counters } from './limits/counters.ts'
import { auth } from './routes/auth.ts'
import { clubFeeds } from './routes/club-feeds.ts'
import { clubRuns } from './routes/club-runs.ts'
import { clubs } from './routes/clubs.ts'
import { concerns } from './routes/concerns.ts'
import { crimes } from './routes/crimes.ts'
import { health } from './routes/health.ts'
import { map } from './routes/map.ts'
import { officerConcerns } from './routes/officer-concerns.ts'
import { openSpaces } from './routes/open-spaces.ts'
import { patrolCalendar } from './routes/patrol-calendar.ts'
import { patrols } from './routes/patrols.ts'
import { coverage } from './routes/coverage.ts'
import { paths } from './routes/paths.ts'
import { places } from './routes/places.ts'
import { routes } from './routes/routes.ts'
import { sharedRoutes } from './routes/shared-routes.ts'
import { tiles } from './routes/tiles.ts'
import type { TileEncoder } from './tiles/tile.ts'
import { TileCache } from './tiles/tile-cache.ts'

/** What every handler can reach through `c.var`. */
export type AppContext = {
  db: Database
  tileEncoder: TileEncoder
  /** The counters of limits and throttles, with the secret of their keys (one per process). */
  limits: Counters
  /** Basemap tiles drawn since the last import. */
  tiles: TileCache
  config: AppSettings
}
/** `user` is set once a route asks who is signed in (auth/sessions.ts `signedInUser`). */
export type Env = { Variables: AppContext & { user: User | null } }

/**
 * The API under /api; an unknown path or method there answers 404 or 405 in the error shape.
 * The front end's files are added by server.ts (web-pages.ts), never for a path under /api.
 */
export function createApp(given: Omit<AppContext, 'limits' | 'tiles' | 'config'> & Partial<Pick<AppContext, 'limits' | 'tiles'>> & { config: Partial<AppSettings> }) {
  // Settings left out (tests, tools) take their defaults (config.ts), and only there.
  const config: AppSettings = { ...defaultSettings(), ...withoutUndefined(given.config) }
  const context: AppContext = { ...given, config, limits: given.limits ?? new Counters(), tiles: given.tiles ?? new TileCache() }
  const app = new Hono<Env>()
    .use('*', closeAfterUnreadBody)
    .use('*', securityHeaders(context.config.mapStyleUrl))
    .use('*', compress)
    .use('/api/*', async (c, next) => {
      c.set('db', context.db)
      c.set('tileEncoder', context.tileEncoder)
      c.set('limits', context.limits)
      c.set('tiles', context.tiles)
      c.set('config', context.config)
      await next()
    })
    .use('/api/*', sameOrigin)
    .route('/api/auth', auth)
    .route('/api/health', health)
    .route('/api/map', map)
    .route('/api/paths', paths)
    .route('/api/open-spaces', openSpaces)
    .route('/api/places', places)
    .route('/api/crimes', crimes)
    .route('/api/tiles', tiles)
    .route('/api/concerns', concerns)
    .route('/api/officer/concerns', officerConcerns)
    .route('/api/routes', routes)
    .route('/api/clubs', clubs)
    .route('/api/shared-routes', sharedRoutes)
    .route('/api/club-runs', clubRuns)
    .route('/api/club-feeds', clubFeeds)
    .route('/api', patrolCalendar)
    .route('/api/patrols', patrols)
    .route('/api/coverage', coverage)
  app.onError(errorResponse)
  app.notFound(apiNotFound(app.routes))
  return app
}

export type AppType = ReturnType<typeof createApp>

const withoutUndefined = <T extends object>(o: T): Partial<T> =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>
