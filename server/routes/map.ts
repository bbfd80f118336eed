import { Hono } from 'hono'
import type { Env } from '../app.ts'
import { MAX_BBOX_DEGREES } from '../map/bbox.ts'
import { NEAR_DAYS, NEAR_METRES } from '../patrols/plans.ts'
import { MAX_PATROL_BBOX_DEGREES } from '../patrols/vocabulary.ts'
import { LOOP_METRES } from '../routing/vocabulary.ts'

type Bounds = [minLng: number, minLat: number, maxLng: number, maxLat: number]

/**
 * The server's settings and limits the front end works with, so that it never restates them:
 * an operator's COVERAGE_METRES widens the band residents see.
 */
const publicSettings = (config: Env['Variables']['config']) => ({
  coverageMetres: config.coverageMetres,
  loopMetres: LOOP_METRES,
  nearPatrol: { metres: NEAR_METRES, days: NEAR_DAYS },
  maxBboxDegrees: { list: MAX_BBOX_DEGREES, patrols: MAX_PATROL_BBOX_DEGREES },
})

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
  return c.json({ bounds, styleUrl: c.var.config.mapStyleUrl ?? null, counts, settings: publicSettings(c.var.config) })
})
