import type { Sql } from '../db/database.ts'
import { envelope, type Bbox } from './bbox.ts'

/** The most crimes one answer carries; `truncated: true` says there were more. */
export const MAX_CRIMES = 5000

export type Crime = { id: string; month: string; category: string; street: string | null; outcome: string | null; geometry: string }

export type CrimeQuery = {
  bbox: Bbox
  /** First days of months (`YYYY-MM-01`), both included. */
  from?: string
  to?: string
  /** A police.uk category slug. */
  category?: string
}

/** police.uk crimes in a bbox, newest month first: up to MAX_CRIMES + 1, so the caller can say the list was cut. */
export function crimesIn(sql: Sql, { bbox, from, to, category }: CrimeQuery) {
  return sql<Crime[]>`
    SELECT id, to_char(month, 'YYYY-MM') AS month, category, street, outcome, ST_AsGeoJSON(geom, 6) AS geometry
    FROM crimes
    WHERE geom && ${envelope(sql, bbox)}
      ${from ? sql`AND month >= ${from}::date` : sql``}
      ${to ? sql`AND month <= ${to}::date` : sql``}
      ${category ? sql`AND category = ${category}` : sql``}
    ORDER BY month DESC, id
    LIMIT ${MAX_CRIMES + 1}`
}
