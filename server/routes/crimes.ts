import { Hono } from 'hono'
import { z } from 'zod'
import type { Env } from '../app.ts'
import { validate } from '../errors.ts'
import { bboxParam, monthParam } from '../map/bbox.ts'
import { crimesIn, MAX_CRIMES } from '../map/crimes.ts'
import { featureCollection } from '../map/geojson.ts'
import { onParsed } from '../refine.ts'

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
  const rows = await crimesIn(c.var.db.sql, c.req.valid('query'))
  return c.json(featureCollection(rows, MAX_CRIMES))
})
