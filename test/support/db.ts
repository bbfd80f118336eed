import { afterAll, inject } from 'vitest'
import { connect, type Sql } from '../../server/db/database.ts'

/** A connection to the run's PostGIS (see global-db.ts), closed after the file. */
export function useTestSql(): Sql {
  const sql = connect(inject('databaseUrl'), { max: 2 })
  afterAll(() => sql.end({ timeout: 5 }))
  return sql
}

/** Empties the imported map data so a test starts from a known database. */
export async function resetMapData(sql: Sql): Promise<void> {
  await sql`TRUNCATE path_edges, open_spaces, street_lamps, boundaries, crimes RESTART IDENTITY`
  await sql`REFRESH MATERIALIZED VIEW places`
}

/** The shared open data bundle beside the repository. */
export const SHARED_DATA = new URL('../../../shared/data/', import.meta.url).pathname

/** Empties residents' concerns, the limits' counters, idempotent answers and links to patrol plans. */
export async function resetConcerns(sql: Sql): Promise<void> {
  await sql`TRUNCATE concerns, client_limits, idempotent_requests, patrol_concerns RESTART IDENTITY`
}
