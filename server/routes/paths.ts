import { Hono } from 'hono'
import { z } from 'zod'
import type { Env } from '../app.ts'
import { validate } from '../errors.ts'
import { bboxParam } from '../map/bbox.ts'
import { featureCollection } from '../map/geojson.ts'

/** The most path edges one response carries; `truncated: true` says there were more. */
export const MAX_PATHS = 5000

export const paths = new Hono<Env>().get('/', validate('query', z.object({ bbox: bboxParam })), async (c) => {
  const [minLng, minLat, maxLng, maxLat] = c.req.valid('query').bbox
  const rows = await c.var.db.sql<
    {
      id: number
      highway: string
      lit: 'yes' | 'no' | 'unknown'
      name: string | null
      surface: string | null
      access: string | null
      inOpenSpace: boolean
      lengthMeters: number
      osmWayId: number
      geometry: string
    }[]
  >`
    SELECT id, highway, lit, name, surface, access, in_open_space AS "inOpenSpace",
           round(length_m::numeric, 1)::float8 AS "lengthMeters", osm_way_id AS "osmWayId",
           ST_AsGeoJSON(geom, 7) AS geometry
    FROM path_edges
    WHERE geom && ST_MakeEnvelope(${minLng}, ${minLat}, ${maxLng}, ${maxLat}, 4326)
    ORDER BY id
    LIMIT ${MAX_PATHS + 1}`
  return c.json(featureCollection(rows, MAX_PATHS))
})
