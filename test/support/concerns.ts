import type { Sql } from '../../server/db/database.ts'
import { createTestApp } from './app.ts'
import { createBoundary } from './fixtures.ts'

type LngLat = [number, number]

/** The test area: a 0.05° square over Southgate, north London. */
export const AREA = { corner: [-0.15, 51.6] as LngLat, size: 0.05, name: 'Test borough' }
export const inArea = (dLng = 0, dLat = 0): LngLat => [-0.1234567 + dLng, 51.6312345 + dLat]

export const createArea = (sql: Sql) => createBoundary(sql, AREA)

/** The app with PUBLISH_CONCERNS set, otherwise as createTestApp builds it. */
export const createConcernsApp = (sql: Sql, publishConcerns: 'immediately' | 'after_review') => createTestApp(sql, { publishConcerns })

/** A report body at a point, with defaults for what a test doesn't care about. */
export const reportAt = (at: LngLat, extra: Record<string, unknown> = {}) => ({
  location: { lng: at[0], lat: at[1] },
  category: 'poor_lighting',
  when: { timeBands: ['night'], days: 'any' },
  ...extra,
})

/** A concern written straight to the table (no rate limit, any source or status). */
export async function insertConcern(
  sql: Sql,
  options: {
    at: LngLat
    category?: string
    timeBands?: string[]
    source?: string
    status?: string
    hidden?: boolean
    description?: string
  },
): Promise<number> {
  const [row] = await sql<{ id: number }[]>`
    INSERT INTO concerns (category, time_bands, days, description, source, status, hidden, geom, cell)
    SELECT ${options.category ?? 'poor_lighting'}, ${options.timeBands ?? ['night']}::text[], 'any',
           ${options.description ?? null}, ${options.source ?? 'public'}, ${options.status ?? 'new'},
           ${options.hidden ?? false}, p, concern_cell(p)
    FROM (SELECT ST_SetSRID(ST_MakePoint(${options.at[0]}, ${options.at[1]}), 4326) AS p) s
    RETURNING id`
  return row!.id
}

export async function countConcerns(sql: Sql): Promise<number> {
  const [row] = await sql<{ n: number }[]>`SELECT count(*)::int AS n FROM concerns`
  return row!.n
}

/** Same-site JSON request options, as the browser front end sends them. */
export function json(method: string, body: unknown, headers: Record<string, string> = {}): RequestInit {
  return {
    method,
    headers: { 'content-type': 'application/json', origin: 'http://localhost', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  }
}
