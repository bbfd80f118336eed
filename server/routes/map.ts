import { Hono } from 'hono'
import type { Env } from '../app.ts'
import { MAX_BBOX_DEGREES } from '../map/bbox.ts'
import { mapExtent } from '../map/map-info.ts'
import { NEAR_DAYS, NEAR_METRES } from '../patrols/plans.ts'
import { MAX_PATROL_BBOX_DEGREES } from '../patrols/vocabulary.ts'
import { LOOP_METRES } from '../routing/vocabulary.ts'

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
  const { bounds, counts } = await mapExtent(c.var.db.sql)
  return c.json({ bounds, styleUrl: c.var.config.mapStyleUrl ?? null, counts, settings: publicSettings(c.var.config) })
})
