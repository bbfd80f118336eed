import { visible, type PublishConcerns } from '../concerns/visibility.ts'
import type { Sql } from '../db/database.ts'
import { envelope } from '../map/bbox.ts'
import type { ConcernForRouting } from './concern-load.ts'
import { RoutingGraph, type EdgeInput } from './graph.ts'

/** pgRouting's edge query over the same edges and lengths as loadGraph: walking is undirected. */
export const PGR_EDGES = 'SELECT id, source, target, length_m AS cost, length_m AS reverse_cost FROM path_edges'

/**
 * Reads the path network into a RoutingGraph. Each edge in an open space is tied to the smallest
 * open space around its midpoint (a walled garden inside a common has its own opening hours).
 */
export async function loadGraph(sql: Sql): Promise<RoutingGraph> {
  const rows = (await sql`
    SELECT e.id, e.source, e.target, e.length_m, e.lit, os.id AS open_space, ST_AsGeoJSON(e.geom, 7) AS geometry,
           coalesce('name:' || e.name, 'way:' || e.osm_way_id) AS way, e.highway
    FROM path_edges e
    LEFT JOIN LATERAL (
      SELECT o.id FROM open_spaces o
      WHERE e.in_open_space AND ST_Intersects(o.geom, ST_LineInterpolatePoint(e.geom, 0.5))
      ORDER BY ST_Area(o.geom) LIMIT 1
    ) os ON true
    ORDER BY e.id`.values()) as unknown as [number, number, number, number, EdgeInput['lit'], number | null, string, string, string][]
  const spaceIds = [...new Set(rows.flatMap((r) => (r[5] === null ? [] : [r[5]])))]
  const spaces = spaceIds.length
    ? await sql<{ id: number; name: string | null; openingHours: string | null }[]>`
        SELECT id, name, opening_hours AS "openingHours" FROM open_spaces WHERE id IN ${sql(spaceIds)} ORDER BY id`
    : []
  const spaceIndex = new Map(spaces.map((s, k) => [s.id, k]))
  const edges: EdgeInput[] = rows.map(([id, source, target, lengthM, lit, space, geometry, way, highway]) => ({
    id, source, target, lengthM, lit, way, highway,
    openSpace: space === null ? -1 : spaceIndex.get(space)!,
    coordinates: (JSON.parse(geometry) as { coordinates: number[][] }).coordinates,
  }))
  return new RoutingGraph(edges, spaces)
}

/** The network's extent with a margin for concerns just outside it, or null for an empty graph. */
function extent(graph: RoutingGraph): [number, number, number, number] | null {
  if (graph.nodeCount === 0) return null
  let [minLng, minLat, maxLng, maxLat] = [Infinity, Infinity, -Infinity, -Infinity]
  for (let n = 0; n < graph.nodeCount; n++) {
    minLng = Math.min(minLng, graph.nodeLng[n]!)
    maxLng = Math.max(maxLng, graph.nodeLng[n]!)
    minLat = Math.min(minLat, graph.nodeLat[n]!)
    maxLat = Math.max(maxLat, graph.nodeLat[n]!)
  }
  const margin = 0.002
  return [minLng - margin, minLat - margin, maxLng + margin, maxLat + margin]
}

export type ConcernRow = ConcernForRouting & { visible: boolean; updatedAt: Date }

/**
 * Concerns over the network changed after `since` (all of them without it), hidden and merged
 * ones included but marked, so a change of visibility removes their weight. Only the public
 * cell is read, never the precise point.
 */
export async function loadConcerns(sql: Sql, graph: RoutingGraph, publish: PublishConcerns, since?: Date): Promise<ConcernRow[]> {
  const box = extent(graph)
  if (!box) return []
  return sql<ConcernRow[]>`
    SELECT c.id, ST_X(c.cell) AS lng, ST_Y(c.cell) AS lat, c.category, c.time_bands AS "timeBands", c.days,
           c.support_count AS "supportCount", c.status, ${visible(sql, publish)} AS visible, c.updated_at AS "updatedAt",
           (extract(year FROM age(now(), c.month)) * 12 + extract(month FROM age(now(), c.month)))::float8 AS "ageMonths"
    FROM concerns c
    WHERE c.cell && ${envelope(sql, box)}
      ${since ? sql`AND c.updated_at >= ${since}` : sql``}
      ${since ? sql`` : sql`AND ${visible(sql, publish)}`}`
}
