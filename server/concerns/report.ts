import type { Query } from '../db/database.ts'
import { ApiError } from '../errors.ts'
import { newReceipt } from './receipts.ts'
import type { ReportBody, Source } from './vocabulary.ts'
import { visible, type PublishConcerns } from './visibility.ts'

/**
 * Stores a concern and returns its id and the receipt token (shown once, never stored). The
 * boundary check and the insert are one statement, so nothing is written outside the area.
 * Deliberately no address, user agent or account: `source` is all that says who reported.
 */
export async function reportConcern(sql: Query, body: ReportBody, source: Source): Promise<{ id: number; receipt: string }> {
  const receipt = newReceipt()
  const { lng, lat } = body.location
  const description = body.description === undefined || body.description === '' ? null : body.description
  const [row] = await sql<{ id: number }[]>`
    INSERT INTO concerns (category, time_bands, days, description, source, receipt_hash, geom, cell)
    SELECT ${body.category}, ${body.when.timeBands}::text[], ${body.when.days}, ${description}, ${source},
           ${receipt.hash}, p, concern_cell(p)
    FROM (SELECT ST_SetSRID(ST_MakePoint(${lng}, ${lat}), 4326) AS p) s
    WHERE EXISTS (SELECT FROM boundaries b WHERE ST_Intersects(b.geom, s.p))
    RETURNING id`
  if (!row) {
    throw new ApiError(422, 'area_not_covered', 'This place is outside the area the map covers')
  }
  return { id: row.id, receipt: receipt.token }
}

/** A resident's "me too": one more on a visible concern's support. */
export async function supportConcern(sql: Query, id: number, publish: PublishConcerns): Promise<{ id: number; supportCount: number }> {
  const [row] = await sql<{ id: number; supportCount: number }[]>`
    UPDATE concerns c SET support_count = c.support_count + 1
    WHERE c.id = ${id} AND ${visible(sql, publish)}
    RETURNING c.id, c.support_count AS "supportCount"`
  if (!row) throw new ApiError(404, 'not_found', 'No such concern')
  return row
}
