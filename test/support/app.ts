import { inject } from 'vitest'
import { createApp, type AppContext } from '../../server/app.ts'
import type { Sql } from '../../server/db/database.ts'
import { Counters } from '../../server/limits/counters.ts'
import { detectTileEncoder, type TileEncoder } from '../../server/tiles/tile.ts'

/**
 * The Hono app on the run's PostGIS, called with app.request(): no port, no mocks. Settings
 * not given take their defaults; `clock` is the limits' clock, for tests that let a window pass.
 */
export async function createTestApp(
  sql: Sql,
  options: Partial<AppContext['config']> & { tileEncoder?: TileEncoder; clock?: () => Date } = {},
) {
  const { tileEncoder, clock, ...config } = options
  return createApp({
    db: { sql, kind: inject('databaseKind'), url: inject('databaseUrl'), close: async () => {} },
    tileEncoder: tileEncoder ?? (await detectTileEncoder(sql)),
    limits: new Counters(clock),
    config: { mapStyleUrl: undefined, ...config },
  })
}
