import { Hono } from 'hono'
import { z } from 'zod'
import type { Env } from '../app.ts'
import { validate } from '../errors.ts'
import { bboxParam } from '../map/bbox.ts'
import { featureCollection } from '../map/geojson.ts'

/** The most open spaces one response carries; `truncated: true` says there were more. */
export const MAX_OPEN_SPACES = 1000

export const openSpaces = new Hono<Env>().get('/', validate('query', z.object({ bbox: bboxParam })), async (c) => {
  const [minLng, minLat, maxLng, maxLat] = c.req.valid('query').bbox
  const rows = await c.var.db.sql<
    { id: number; name: string | null; kind: string; openingHours: string | null; source: string; geometry: string }[]
  >`
    SELECT id, name, kind, opening_hours AS "openingHours", source, ST_AsGeoJSON(geom, 7) AS geometry
    FROM open_spaces
    WHERE geom && ST_MakeEnvelope(${minLng}, ${minLat}, ${maxLng}, ${maxLat}, 4326)
    ORDER BY id
    LIMIT ${MAX_OPEN_SPACES + 1}`
  return c.json(featureCollection(rows, MAX_OPEN_SPACES))
})
