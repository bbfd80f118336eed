import { Hono } from 'hono'
import { z } from 'zod'
import type { Env } from '../app.ts'
import { queryNumber } from '../concerns/query.ts'
import { validate } from '../errors.ts'
import { describePoint, MAX_PLACES, MAX_QUERY, MIN_QUERY, searchPlaces } from '../places/gazetteer.ts'

const lng = queryNumber.pipe(z.number().min(-180).max(180))
const lat = queryNumber.pipe(z.number().min(-90).max(90))

/** `near=lng,lat` */
const nearParam = z
  .string()
  .regex(/^[^,]+,[^,]+$/, 'near must be two numbers: lng,lat')
  .transform((value) => value.split(','))
  .pipe(z.tuple([lng, lat]))
  .transform(([lngValue, latValue]) => ({ lng: lngValue, lat: latValue }))

const searchQuery = z.object({
  // Shorter than MIN_QUERY (as a search box is while typing) answers an empty list.
  q: z
    .string()
    .max(MAX_QUERY * 4, `q is too long: at most ${MAX_QUERY} characters`)
    // eslint-disable-next-line no-control-regex
    .regex(/^[^\u0000-\u001f\u007f-\u009f]*$/, 'q must not hold control characters')
    .transform((value) => value.normalize('NFC').trim())
    .pipe(z.string().max(MAX_QUERY, `q is too long: at most ${MAX_QUERY} characters`))
    .default(''),
  near: nearParam.optional(),
  limit: z
    .string()
    .regex(/^\d{1,2}$/, `limit must be a whole number 1–${MAX_PLACES}`)
    .transform(Number)
    .pipe(z.number().min(1).max(MAX_PLACES))
    .default(MAX_PLACES),
})

/** Places by name, and a point in words: public map data, nothing of anyone's reports. */
export const places = new Hono<Env>()
  .get('/', validate('query', searchQuery), async (c) => {
    const { q, near, limit } = c.req.valid('query')
    const found = [...q].length < MIN_QUERY ? [] : await searchPlaces(c.var.db.sql, q, near, limit)
    return c.json({ places: found })
  })
  .get('/words', validate('query', z.object({ lng, lat })), async (c) => c.json(await describePoint(c.var.db.sql, c.req.valid('query'))))
