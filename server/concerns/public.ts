import { boxAround } from '../../common/geo.ts'
import type { Sql } from '../db/database.ts'
import { envelope, type Bbox } from '../map/bbox.ts'
import type { Category, TimeBand } from './vocabulary.ts'
import { publicColumns, visible, type PublicConcern, type PublishConcerns } from './visibility.ts'

/** The most concerns the list carries; `truncated: true` says there were more (use clusters). */
export const MAX_CONCERNS = 5000
/** "Me too" radius around the given point, plus half a cell's diagonal since only cells are compared. */
export const NEARBY_METRES = 50 + 71
/** The most "me too" candidates offered. */
const MAX_NEARBY = 20

export type PublicListQuery = {
  bbox: Bbox
  category?: Category
  timeBand?: TimeBand
  /** First days of months (`YYYY-MM-01`), both included. */
  from?: string
  to?: string
  publish: PublishConcerns
}

/**
 * The visible concerns in a bbox at their cells, newest month first, with their public
 * properties and `geometry` (GeoJSON text): up to MAX_CONCERNS + 1 rows, so the caller can say
 * the list was cut.
 */
export function listPublicConcerns(sql: Sql, q: PublicListQuery) {
  return sql<(PublicConcern & { geometry: string })[]>`
    SELECT ${publicColumns(sql)}, ST_AsGeoJSON(c.cell, 6) AS geometry
    FROM concerns c
    WHERE c.cell && ${envelope(sql, q.bbox)}
      AND ${visible(sql, q.publish)}
      ${q.category ? sql`AND c.category = ${q.category}` : sql``}
      ${q.timeBand ? sql`AND ${q.timeBand} = ANY (c.time_bands)` : sql``}
      ${q.from ? sql`AND c.month >= ${q.from}::date` : sql``}
      ${q.to ? sql`AND c.month <= ${q.to}::date` : sql``}
    ORDER BY c.month DESC, c.id DESC
    LIMIT ${MAX_CONCERNS + 1}`
}

export type NearbyConcern = Pick<PublicConcern, 'id' | 'category' | 'timeBands' | 'supportCount' | 'month' | 'status' | 'sample'>

/** "Me too" candidates: visible concerns of a category whose cell is within NEARBY_METRES of a point, nearest first. */
export function concernsNearby(sql: Sql, lng: number, lat: number, category: Category, publish: PublishConcerns) {
  // The box in degrees lets the GiST index on cell pick candidates; geography measures metres.
  return sql<NearbyConcern[]>`
    SELECT c.id, c.category, c.time_bands AS "timeBands", c.support_count AS "supportCount",
           to_char(c.month, 'YYYY-MM') AS month, c.status, c.source = 'sample' AS sample
    FROM concerns c
    WHERE c.category = ${category}
      AND c.cell && ${envelope(sql, boxAround(lng, lat, NEARBY_METRES))}
      AND ST_DWithin(c.cell::geography, ST_SetSRID(ST_MakePoint(${lng}, ${lat}), 4326)::geography, ${NEARBY_METRES})
      AND ${visible(sql, publish)}
    ORDER BY c.cell::geography <-> ST_SetSRID(ST_MakePoint(${lng}, ${lat}), 4326)::geography, c.id
    LIMIT ${MAX_NEARBY}`
}
