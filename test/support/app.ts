import { inject } from 'vitest'
import { createApp } from '../../server/app.ts'
import type { Sql } from '../../server/db/database.ts'
import { detectTileEncoder, type TileEncoder } from '../../server/tiles/tile.ts'

/** The Hono app on the run's PostGIS, called with app.request(): no port, no mocks. */
export async function createTestApp(
  sql: Sql,
  options: { tileEncoder?: TileEncoder; mapStyleUrl?: string; reportsPerClient?: number; coverageMetres?: number } = {},
) {
  return createApp({
    db: { sql, kind: inject('databaseKind'), url: inject('databaseUrl'), close: async () => {} },
    tileEncoder: options.tileEncoder ?? (await detectTileEncoder(sql)),
    config: { mapStyleUrl: options.mapStyleUrl, reportsPerClient: options.reportsPerClient, coverageMetres: options.coverageMetres },
  })
}
