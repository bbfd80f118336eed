import type { Sql } from '../db/database.ts'

/** A path's name is used within this many degrees (about 300 m) of a point. */
const SEARCH_DEGREES = 0.003

/**
 * What an officer knows a place by: the named open space a point lies in (the smallest), else
 * the nearest named path. The names are data; the words around them are the UI's, in its language.
 */
export type PlaceName = { kind: 'open_space' | 'path'; name: string }

/** Each point's place name, or null when neither an open space nor a named path is near. */
export async function placeNames(sql: Sql, points: readonly (readonly [number, number])[]): Promise<(PlaceName | null)[]> {
  if (points.length === 0) return []
  const rows = await sql<{ k: number; space: string | null; path: string | null }[]>`
    SELECT t.k::int AS k,
           (SELECT o.name FROM open_spaces o WHERE o.name IS NOT NULL AND ST_Intersects(o.geom, q.p) ORDER BY ST_Area(o.geom) LIMIT 1) AS space,
           (SELECT e.name FROM path_edges e
            WHERE e.name IS NOT NULL AND e.geom && ST_Expand(q.p, ${SEARCH_DEGREES}) ORDER BY e.geom <-> q.p LIMIT 1) AS path
    FROM unnest(${points.map((p) => p[0])}::float8[], ${points.map((p) => p[1])}::float8[]) WITH ORDINALITY AS t(lng, lat, k),
         LATERAL (SELECT ST_SetSRID(ST_MakePoint(t.lng, t.lat), 4326) AS p) q
    ORDER BY t.k`
  return rows.map((r) => (r.space ? { kind: 'open_space', name: r.space } : r.path ? { kind: 'path', name: r.path } : null))
}

/** "in Broomfield Park", "by Bowes Road": a place name in English, for API clients (`place`). */
export const placeText = (place: PlaceName | null): string | null =>
  place === null ? null : place.kind === 'open_space' ? `in ${place.name}` : `by ${place.name}`
