import { Hono } from 'hono'
import { z } from 'zod'
import type { Env } from '../app.ts'
import { signedInUser } from '../auth/sessions.ts'
import { clusterIndexes, clustersJson } from '../concerns/clusters.ts'
import { clusterBbox, queryNumber } from '../concerns/query.ts'
import { checkRateLimit } from '../concerns/rate-limit.ts'
import { findReceipt } from '../concerns/receipts.ts'
import { reportConcern } from '../concerns/report.ts'
import { category, concernId, reportBody, timeBand } from '../concerns/vocabulary.ts'
import { publicColumns, visible, type PublicConcern } from '../concerns/visibility.ts'
import { ApiError, validate } from '../errors.ts'
import { once, REPLAYED_HEADER, whoAsks } from '../idempotency.ts'
import { jsonOnly, smallBody } from '../json-body.ts'
import { bboxParam, monthParam } from '../map/bbox.ts'
import { featureCollection } from '../map/geojson.ts'
import { onParsed } from '../refine.ts'

/** The most concerns the list carries; `truncated: true` says there were more (use clusters). */
export const MAX_CONCERNS = 5000
/** "Me too" radius around the given point, plus half a cell's diagonal since only cells are compared. */
export const NEARBY_METRES = 50 + 71
/** Metres in a degree of latitude, rounded down from ~111,300 so the box always holds the circle. */
const METRES_PER_DEGREE = 110_000

const listQuery = z
  .object({
    bbox: bboxParam,
    category: category.optional(),
    timeBand: timeBand.optional(),
    from: monthParam.optional(),
    to: monthParam.optional(),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { ...onParsed, message: 'from must not be after to', path: ['from'] })

const clusterQuery = z.object({
  bbox: clusterBbox,
  zoom: z.string().regex(/^\d{1,2}$/, 'must be a whole number 0–20').transform(Number).pipe(z.number().max(20)),
  category: category.optional(),
  timeBand: timeBand.optional(),
})

const nearbyQuery = z.object({
  lng: queryNumber.pipe(z.number().min(-180).max(180)),
  lat: queryNumber.pipe(z.number().min(-90).max(90)),
  category,
})

const idParam = z.object({ id: concernId })
const tokenParam = z.object({ token: z.string().max(200) })

/** Residents' concerns, public side: report, see the pattern, "me too", follow a receipt. */
export const concerns = new Hono<Env>()
  .post('/', jsonOnly, smallBody, validate('json', reportBody), async (c) => {
    const body = c.req.valid('json')
    const user = await signedInUser(c)
    const source = body.source ?? 'public'
    // Sources say who reported, so they are tied to roles: the form is anyone's.
    if (source === 'club' && user?.role !== 'club') {
      throw new ApiError(403, 'forbidden', 'Only a running club organiser can report as a club')
    }
    if (source === 'walk_and_talk' && user?.role !== 'officer' && user?.role !== 'admin') {
      throw new ApiError(403, 'forbidden', 'Only an officer can record a walk-and-talk concern')
    }
    const sql = c.var.db.sql
    const { body: created, replayed } = await once(
      c,
      { who: whoAsks(user), status: 201, request: body, before: () => checkRateLimit(c, 'report', c.var.config.reportsPerClient) },
      (tx) => reportConcern(tx, body, source),
    )
    if (replayed) c.header(REPLAYED_HEADER, 'true')
    else clusterIndexes(sql).changed()
    return c.json(created, 201)
  })

  .get('/', validate('query', listQuery), async (c) => {
    const { bbox, category, timeBand, from, to } = c.req.valid('query')
    const [minLng, minLat, maxLng, maxLat] = bbox
    const sql = c.var.db.sql
    const rows = await sql<(PublicConcern & { geometry: string })[]>`
      SELECT ${publicColumns(sql)}, ST_AsGeoJSON(c.cell, 6) AS geometry
      FROM concerns c
      WHERE c.cell && ST_MakeEnvelope(${minLng}, ${minLat}, ${maxLng}, ${maxLat}, 4326)
        AND ${visible(sql, publishMode(c.var.config))}
        ${category ? sql`AND c.category = ${category}` : sql``}
        ${timeBand ? sql`AND ${timeBand} = ANY (c.time_bands)` : sql``}
        ${from ? sql`AND c.month >= ${from}::date` : sql``}
        ${to ? sql`AND c.month <= ${to}::date` : sql``}
      ORDER BY c.month DESC, c.id DESC
      LIMIT ${MAX_CONCERNS + 1}`
    return c.json(featureCollection(rows, MAX_CONCERNS))
  })

  .get('/clusters', validate('query', clusterQuery), async (c) => {
    const { bbox, zoom, category, timeBand } = c.req.valid('query')
    const sql = c.var.db.sql
    const publish = publishMode(c.var.config)
    // Answered from memory: the index (built in a worker) plus the overlay of recent changes.
    const view = await clusterIndexes(sql).get(sql, { category, timeBand, publish })
    return c.body(clustersJson(view, bbox, zoom), 200, { 'content-type': 'application/json' })
  })

  .get('/nearby', validate('query', nearbyQuery), async (c) => {
    const { lng, lat, category } = c.req.valid('query')
    const sql = c.var.db.sql
    // The box in degrees lets the GiST index on cell pick candidates; geography measures metres.
    const dLat = NEARBY_METRES / METRES_PER_DEGREE
    const dLng = dLat / Math.max(Math.cos((lat * Math.PI) / 180), 0.01)
    const rows = await sql`
      SELECT c.id, c.category, c.time_bands AS "timeBands", c.support_count AS "supportCount",
             to_char(c.month, 'YYYY-MM') AS month, c.status, c.source = 'sample' AS sample
      FROM concerns c
      WHERE c.category = ${category}
        AND c.cell && ST_MakeEnvelope(${lng - dLng}, ${lat - dLat}, ${lng + dLng}, ${lat + dLat}, 4326)
        AND ST_DWithin(c.cell::geography, ST_SetSRID(ST_MakePoint(${lng}, ${lat}), 4326)::geography, ${NEARBY_METRES})
        AND ${visible(sql, publishMode(c.var.config))}
      ORDER BY c.cell::geography <-> ST_SetSRID(ST_MakePoint(${lng}, ${lat}), 4326)::geography, c.id
      LIMIT 20`
    return c.json({ concerns: rows })
  })

  .post('/:id/support', validate('param', idParam), async (c) => {
    const { id } = c.req.valid('param')
    const sql = c.var.db.sql
    const { body: row, replayed } = await once(
      c,
      { who: whoAsks(await signedInUser(c)), status: 200, request: null, before: () => checkRateLimit(c, 'support') },
      async (tx) => {
        const [row] = await tx<{ id: number; supportCount: number }[]>`
          UPDATE concerns c SET support_count = c.support_count + 1
          WHERE c.id = ${id} AND ${visible(tx, publishMode(c.var.config))}
          RETURNING c.id, c.support_count AS "supportCount"`
        if (!row) throw new ApiError(404, 'not_found', 'No such concern')
        return row
      },
    )
    if (replayed) c.header(REPLAYED_HEADER, 'true')
    else clusterIndexes(sql).changed()
    return c.json(row)
  })

  .get('/receipt/:token', validate('param', tokenParam), async (c) => {
    const receipt = await findReceipt(c.var.db.sql, c.req.valid('param').token)
    if (!receipt) throw new ApiError(404, 'not_found', 'No concern has this receipt')
    return c.json(receipt)
  })

/** PUBLISH_CONCERNS as the app was given it; `immediately` when not given. */
export const publishMode = (config: Env['Variables']['config']) => config.publishConcerns ?? 'immediately'
