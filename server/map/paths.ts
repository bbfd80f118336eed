import type { Sql } from '../db/database.ts'
import { envelope, type Bbox } from './bbox.ts'

/** The most path edges one answer carries; `truncated: true` says there were more. */
export const MAX_PATHS = 5000

export type PathEdge = {
  id: number
  highway: string
  lit: 'yes' | 'no' | 'unknown'
  name: string | null
  surface: string | null
  access: string | null
  inOpenSpace: boolean
  lengthMeters: number
  osmWayId: number
  /** GeoJSON text. */
  geometry: string
}

/** The path edges crossing a bbox, by id: up to MAX_PATHS + 1, so the caller can say the list was cut. */
export function pathsIn(sql: Sql, bbox: Bbox) {
  return sql<PathEdge[]>`
    SELECT id, highway, lit, name, surface, access, in_open_space AS "inOpenSpace",
           round(length_m::numeric, 1)::float8 AS "lengthMeters", osm_way_id AS "osmWayId",
           ST_AsGeoJSON(geom, 7) AS geometry
    FROM path_edges
    WHERE geom && ${envelope(sql, bbox)}
    ORDER BY id
    LIMIT ${MAX_PATHS + 1}`
}
