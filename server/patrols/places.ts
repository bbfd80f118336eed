import type { Sql } from '../db/database.ts'

/** A path's name is used within this many degrees (about 300 m) of a point. */
const SEARCH_DEGREES = 0.003

/**
 * Words an officer knows a place by: "in Broomfield Park" when the point lies in a named open
 * space (the smallest), else "by Bowes Road" after the nearest named path, else null.
 */
export async function placeNames(sql: Sql, points: readonly (readonly [number, number])[]): Promise<(string | null)[]> {
  if (points.length === 0) return []
  const rows = await sql<{ k: number; space: string | null; path: string | null }[]>`
    SELECT t.k::int AS k,
           (SELECT o.name FROM open_spaces o WHERE o.name IS NOT NULL AND ST_Intersects(o.geom, q.p) ORDER BY ST_Area(o.geom) LIMIT 1) AS space,
           (SELECT e.name FROM path_edges e
            WHERE e.name IS NOT NULL AND e.geom && ST_Expand(q.p, ${SEARCH_DEGREES}) ORDER BY e.geom <-> q.p LIMIT 1) AS path
    FROM unnest(${points.map((p) => p[0])}::float8[], ${points.map((p) => p[1])}::float8[]) WITH ORDINALITY AS t(lng, lat, k),
         LATERAL (SELECT ST_SetSRID(ST_MakePoint(t.lng, t.lat), 4326) AS p) q
    ORDER BY t.k`
  return rows.map((r) => (r.space ? `in ${r.space}` : r.path ? `by ${r.path}` : null))
}
