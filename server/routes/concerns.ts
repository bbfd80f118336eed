import { Hono, type TypedResponse } from 'hono'
import { z } from 'zod'
import type { Env } from '../app.ts'
import { signedInUser } from '../auth/sessions.ts'
import { clusterIndexes, clustersJson, type ClusterCollection } from '../concerns/clusters/index.ts'
import { concernsNearby, listPublicConcerns, MAX_CONCERNS } from '../concerns/public.ts'
import { clusterBbox, queryNumber } from '../concerns/query.ts'
import { checkRateLimit } from '../concerns/rate-limit.ts'
import { findReceipt } from '../concerns/receipts.ts'
import { reportConcern, supportConcern } from '../concerns/report.ts'
import { category, concernId, reportBody, timeBand } from '../concerns/vocabulary.ts'
import { changeWatcher } from '../db/changes.ts'
import { ApiError, validate } from '../errors.ts'
import { once, REPLAYED_HEADER, whoAsks } from '../idempotency.ts'
import { jsonOnly, smallBody } from '../json-body.ts'
import { bboxParam, monthParam } from '../map/bbox.ts'
import { featureCollection } from '../map/geojson.ts'
import { onParsed } from '../refine.ts'

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
      { who: whoAsks(user), status: 201, request: body, before: () => checkRateLimit(c, 'report') },
      (tx) => reportConcern(tx, body, source),
    )
    if (replayed) c.header(REPLAYED_HEADER, 'true')
    else changeWatcher(sql).changed()
    return c.json(created, 201)
  })

  .get('/', validate('query', listQuery), async (c) => {
    const rows = await listPublicConcerns(c.var.db.sql, { ...c.req.valid('query'), publish: c.var.config.publishConcerns })
    return c.json(featureCollection(rows, MAX_CONCERNS))
  })

  .get('/clusters', validate('query', clusterQuery), async (c) => {
    const { bbox, zoom, category, timeBand } = c.req.valid('query')
    const sql = c.var.db.sql
    const publish = c.var.config.publishConcerns
    // Answered from memory: the index (built in a worker) plus the overlay of recent changes,
    // written as JSON text; the RPC client is told what the text holds.
    const view = await clusterIndexes(sql).get(sql, { category, timeBand, publish })
    const text = c.body(clustersJson(view, bbox, zoom), 200, { 'content-type': 'application/json' })
    return text as unknown as TypedResponse<ClusterCollection, 200, 'json'>
  })

  .get('/nearby', validate('query', nearbyQuery), async (c) => {
    const { lng, lat, category } = c.req.valid('query')
    return c.json({ concerns: await concernsNearby(c.var.db.sql, lng, lat, category, c.var.config.publishConcerns) })
  })

  .post('/:id/support', validate('param', idParam), async (c) => {
    const { id } = c.req.valid('param')
    const sql = c.var.db.sql
    const { body: row, replayed } = await once(
      c,
      { who: whoAsks(await signedInUser(c)), status: 200, request: null, before: () => checkRateLimit(c, 'support') },
      (tx) => supportConcern(tx, id, c.var.config.publishConcerns),
    )
    if (replayed) c.header(REPLAYED_HEADER, 'true')
    else changeWatcher(sql).changed()
    return c.json(row)
  })

  .get('/receipt/:token', validate('param', tokenParam), async (c) => {
    const receipt = await findReceipt(c.var.db.sql, c.req.valid('param').token)
    if (!receipt) throw new ApiError(404, 'not_found', 'No concern has this receipt')
    return c.json(receipt)
  })

