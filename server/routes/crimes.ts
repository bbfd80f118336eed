import { Hono } from 'hono'
import { z } from 'zod'
import type { Env } from '../app.ts'
import { validate } from '../errors.ts'
import { bboxParam, monthParam } from '../map/bbox.ts'
import { featureCollection } from '../map/geojson.ts'
import { onParsed } from '../refine.ts'

/** The most crimes one response carries; `truncated: true` says there were more. */
export const MAX_CRIMES = 5000

const query = z
  .object({
    bbox: bboxParam,
    from: monthParam.optional(),
    to: monthParam.optional(),
    // police.uk category slugs, e.g. violent-crime, anti-social-behaviour.
    category: z.string().regex(/^[a-z][a-z-]{1,59}$/, 'must be a police.uk category slug').optional(),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { ...onParsed, message: 'from must not be after to', path: ['from'] })

export const crimes = new Hono<Env>().get('/', validate('query', query), async (c) => {
  const { bbox, from, to, category } = c.req.valid('query')
  const [minLng, minLat, maxLng, maxLat] = bbox
  const sql = c.var.db.sql
  const rows = await sql<
    { id: string; month: string; category: string; street: string | null; outcome: string | null; geometry: string }[]
  >`
    SELECT id, to_char(month, 'YYYY-MM') AS month, category, street, outcome, ST_AsGeoJSON(geom, 6) AS geometry
    FROM crimes
    WHERE geom && ST_MakeEnvelope(${minLng}, ${minLat}, ${maxLng}, ${maxLat}, 4326)
      ${from ? sql`AND month >= ${from}::date` : sql``}
      ${to ? sql`AND month <= ${to}::date` : sql``}
      ${category ? sql`AND category = ${category}` : sql``}
    ORDER BY month DESC, id
    LIMIT ${MAX_CRIMES + 1}`
  return c.json(featureCollection(rows, MAX_CRIMES))
})
