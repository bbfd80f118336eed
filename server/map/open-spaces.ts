import type { Sql } from '../db/database.ts'
import { envelope, type Bbox } from './bbox.ts'

/** The most open spaces one answer carries; `truncated: true` says there were more. */
export const MAX_OPEN_SPACES = 1000

export type OpenSpace = { id: number; name: string | null; kind: string; openingHours: string | null; source: string; geometry: string }

/** The open spaces crossing a bbox, by id: up to MAX_OPEN_SPACES + 1, so the caller can say the list was cut. */
export function openSpacesIn(sql: Sql, bbox: Bbox) {
  return sql<OpenSpace[]>`
    SELECT id, name, kind, opening_hours AS "openingHours", source, ST_AsGeoJSON(geom, 7) AS geometry
    FROM open_spaces
    WHERE geom && ${envelope(sql, bbox)}
    ORDER BY id
    LIMIT ${MAX_OPEN_SPACES + 1}`
}
