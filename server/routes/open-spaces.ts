import { Hono } from 'hono'
import { z } from 'zod'
import type { Env } from '../app.ts'
import { validate } from '../errors.ts'
import { bboxParam } from '../map/bbox.ts'
import { featureCollection } from '../map/geojson.ts'
import { MAX_OPEN_SPACES, openSpacesIn } from '../map/open-spaces.ts'

export const openSpaces = new Hono<Env>().get('/', validate('query', z.object({ bbox: bboxParam })), async (c) => {
  const rows = await openSpacesIn(c.var.db.sql, c.req.valid('query').bbox)
  return c.json(featureCollection(rows, MAX_OPEN_SPACES))
})
