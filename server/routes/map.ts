import { Hono } from 'hono'
import type { Env } from '../app.ts'

type Bounds = [minLng: number, minLat: number, maxLng: number, maxLat: number]

/** What the front end needs to open the map: where the data is, and an optional external style. */
export const map = new Hono<Env>().get('/', async (c) => {
  const [row] = await c.var.db.sql<
    { bounds: Bounds | null; paths: number; openSpaces: number; crimes: number; boundaries: number }[]
  >`
    WITH extent AS (
      SELECT coalesce((SELECT ST_Extent(geom) FROM path_edges), (SELECT ST_Extent(geom) FROM boundaries)) AS box
    )
    SELECT CASE WHEN box IS NULL THEN NULL
                ELSE json_build_array(ST_XMin(box), ST_YMin(box), ST_XMax(box), ST_YMax(box)) END AS bounds,
           (SELECT count(*)::int FROM path_edges) AS paths,
           (SELECT count(*)::int FROM open_spaces) AS "openSpaces",
           (SELECT count(*)::int FROM crimes) AS crimes,
           (SELECT count(*)::int FROM boundaries) AS boundaries
    FROM extent`
  const { bounds, ...counts } = row!
  return c.json({ bounds, styleUrl: c.var.config.mapStyleUrl ?? null, counts })
})
