import { Hono } from 'hono'
import { z } from 'zod'
import type { Env } from '../app.ts'
import { requireRole } from '../auth/roles.ts'
import { mergeConcern, moderateConcern, unmergeConcern } from '../concerns/moderation.ts'
import { listOfficerConcerns, officerFeature, toCsv } from '../concerns/officer.ts'
import { queryBoolean } from '../concerns/query.ts'
import { reportConcern } from '../concerns/report.ts'
import { category, concernId, MAX_DESCRIPTION, reportBody, STATUSES, timeBand } from '../concerns/vocabulary.ts'
import { changeWatcher } from '../db/changes.ts'
import { ApiError, validate } from '../errors.ts'
import { once, REPLAYED_HEADER, whoAsks } from '../idempotency.ts'
import { jsonOnly, smallBody } from '../json-body.ts'
import { bboxParam } from '../map/bbox.ts'
import { onParsed } from '../refine.ts'

/** The most concerns one officer list carries (`truncated` says there were more); exports go further. */
export const MAX_OFFICER_CONCERNS = 5000
export const MAX_EXPORT_CONCERNS = 100_000

const listQuery = z.object({
  bbox: bboxParam.optional(),
  status: z.enum(STATUSES).optional(),
  category: category.optional(),
  timeBand: timeBand.optional(),
  includeHidden: queryBoolean.optional(),
  includeSamples: queryBoolean.optional(),
  format: z.enum(['geojson', 'csv']).optional(),
})

const publicText = (max: number) => z.string().trim().max(max).nullable()
const patchBody = z
  .strictObject({
    status: z.enum(STATUSES).optional(),
    publicSummary: publicText(MAX_DESCRIPTION).optional(),
    publicResponse: publicText(2000).optional(),
    hidden: z.boolean().optional(),
  })
  .refine((b) => Object.values(b).some((v) => v !== undefined), { ...onParsed, message: 'give at least one of status, publicSummary, publicResponse, hidden' })

const mergeBody = z.strictObject({ into: concernId.pipe(z.number()) })
const idParam = z.object({ id: concernId })

/** Officers' side of concerns: precise points and free text, moderation, merging, walk-and-talk. */
export const officerConcerns = new Hono<Env>()
  .use('*', requireRole('officer', 'admin'))

  .get('/', validate('query', listQuery), async (c) => {
    const q = c.req.valid('query')
    const csv = q.format === 'csv'
    // Samples never leave in an export, whatever the query says.
    const withSamples = !csv && q.includeSamples === true
    const limit = csv ? MAX_EXPORT_CONCERNS : MAX_OFFICER_CONCERNS
    const rows = await listOfficerConcerns(c.var.db.sql, { ...q, includeSamples: withSamples }, limit)
    if (csv) {
      if (rows.length > limit) throw new ApiError(422, 'too_many', `More than ${limit} concerns: narrow the export with bbox or filters`)
      return c.body(toCsv(rows), 200, {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': 'attachment; filename="concerns.csv"',
        'Cache-Control': 'no-store',
      })
    }
    c.header('Cache-Control', 'no-store')
    return c.json({ type: 'FeatureCollection' as const, features: rows.slice(0, limit).map(officerFeature), truncated: rows.length > limit })
  })

  .post('/', jsonOnly, smallBody, validate('json', reportBody), async (c) => {
    const body = c.req.valid('json')
    if (body.source !== undefined && body.source !== 'walk_and_talk') {
      throw new ApiError(400, 'invalid_json', 'source: officers record walk_and_talk concerns here')
    }
    const sql = c.var.db.sql
    const { body: created, replayed } = await once(c, { who: whoAsks(c.var.user), status: 201, request: body }, (tx) =>
      reportConcern(tx, body, 'walk_and_talk'),
    )
    if (replayed) c.header(REPLAYED_HEADER, 'true')
    else changeWatcher(sql).changed()
    return c.json(created, 201)
  })

  .patch('/:id', validate('param', idParam), jsonOnly, smallBody, validate('json', patchBody), async (c) => {
    const { id } = c.req.valid('param')
    const patch = c.req.valid('json')
    const sql = c.var.db.sql
    const updated = await moderateConcern(sql, id, patch)
    changeWatcher(sql).changed()
    return c.json(officerFeature(updated))
  })

  .post('/:id/merge', validate('param', idParam), jsonOnly, smallBody, validate('json', mergeBody), async (c) => {
    const { id } = c.req.valid('param')
    const { into } = c.req.valid('json')
    const sql = c.var.db.sql
    const { into: target, merged } = await mergeConcern(sql, id, into)
    changeWatcher(sql).changed()
    return c.json({ into: officerFeature(target), merged: officerFeature(merged) })
  })

  // Undoing a merge: the duplicate stands on its own again, as it was before.
  .delete('/:id/merge', validate('param', idParam), async (c) => {
    const { id } = c.req.valid('param')
    const sql = c.var.db.sql
    const { into, merged } = await unmergeConcern(sql, id)
    changeWatcher(sql).changed()
    return c.json({ into: officerFeature(into), merged: officerFeature(merged) })
  })
