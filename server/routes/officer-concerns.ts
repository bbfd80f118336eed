import { Hono } from 'hono'
import { z } from 'zod'
import type { Env } from '../app.ts'
import { requireRole } from '../auth/roles.ts'
import { clusterIndexes } from '../concerns/clusters.ts'
import { officerColumns, officerConcern, officerFeature, toCsv, type OfficerConcern } from '../concerns/officer.ts'
import { queryBoolean } from '../concerns/query.ts'
import { reportConcern } from '../concerns/report.ts'
import { category, concernId, MAX_DESCRIPTION, reportBody, STATUSES, timeBand } from '../concerns/vocabulary.ts'
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
    const sql = c.var.db.sql
    const csv = q.format === 'csv'
    // Samples never leave in an export, whatever the query says.
    const withSamples = !csv && q.includeSamples === true
    const limit = csv ? MAX_EXPORT_CONCERNS : MAX_OFFICER_CONCERNS
    const rows = await sql<OfficerConcern[]>`
      SELECT ${officerColumns(sql)} FROM concerns c
      WHERE true
        ${q.bbox ? sql`AND c.geom && ST_MakeEnvelope(${q.bbox[0]}, ${q.bbox[1]}, ${q.bbox[2]}, ${q.bbox[3]}, 4326)` : sql``}
        ${q.status ? sql`AND c.status = ${q.status}` : sql``}
        ${q.category ? sql`AND c.category = ${q.category}` : sql``}
        ${q.timeBand ? sql`AND ${q.timeBand} = ANY (c.time_bands)` : sql``}
        ${q.includeHidden ? sql`` : sql`AND NOT c.hidden`}
        ${withSamples ? sql`` : sql`AND c.source <> 'sample'`}
      ORDER BY c.created_at DESC, c.id DESC
      LIMIT ${limit + 1}`
    if (csv) {
      if (rows.length > limit) throw new ApiError(422, 'too_many', `More than ${limit} concerns: narrow the export with bbox or filters`)
      return c.body(toCsv(rows), 200, {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': 'attachment; filename="concerns.csv"',
        'Cache-Control': 'no-store',
      })
    }
    c.header('Cache-Control', 'no-store')
    return c.json({ type: 'FeatureCollection', features: rows.slice(0, limit).map(officerFeature), truncated: rows.length > limit })
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
    else clusterIndexes(sql).changed()
    return c.json(created, 201)
  })

  .patch('/:id', validate('param', idParam), jsonOnly, smallBody, validate('json', patchBody), async (c) => {
    const { id } = c.req.valid('param')
    const patch = c.req.valid('json')
    const sql = c.var.db.sql
    const updated = await sql.begin(async (tx) => {
      const [row] = await tx<{ id: number }[]>`
        UPDATE concerns c SET
          status = coalesce(${patch.status ?? null}, c.status),
          public_summary = ${patch.publicSummary === undefined ? tx`c.public_summary` : emptyToNull(patch.publicSummary)},
          public_response = ${patch.publicResponse === undefined ? tx`c.public_response` : emptyToNull(patch.publicResponse)},
          hidden = coalesce(${patch.hidden ?? null}::boolean, c.hidden),
          updated_at = now()
        WHERE c.id = ${id}
        RETURNING c.id`
      if (!row) throw new ApiError(404, 'not_found', 'No such concern')
      return (await officerConcern(tx, id))!
    })
    clusterIndexes(sql).changed()
    return c.json(officerFeature(updated))
  })

  .post('/:id/merge', validate('param', idParam), jsonOnly, smallBody, validate('json', mergeBody), async (c) => {
    const { id } = c.req.valid('param')
    const { into } = c.req.valid('json')
    if (id === into) throw new ApiError(422, 'merge_into_itself', 'A concern cannot be merged into itself')
    const sql = c.var.db.sql
    const result = await sql.begin(async (tx) => {
      // Both rows locked in id order, so two merges of the same pair can't deadlock.
      const rows = await tx<{ id: number; mergedInto: number | null; supportCount: number }[]>`
        SELECT id, merged_into AS "mergedInto", support_count AS "supportCount"
        FROM concerns WHERE id IN ${tx([id, into])} ORDER BY id FOR UPDATE`
      const from = rows.find((r) => r.id === id)
      const target = rows.find((r) => r.id === into)
      if (!from) throw new ApiError(404, 'not_found', 'No such concern')
      if (!target) throw new ApiError(422, 'unknown_target', `No concern ${into} to merge into`)
      if (from.mergedInto !== null) throw new ApiError(409, 'already_merged', `Concern ${id} was already merged into ${from.mergedInto}`)
      if (target.mergedInto !== null) {
        throw new ApiError(409, 'target_merged', `Concern ${into} was itself merged into ${target.mergedInto}: merge into that one`)
      }
      await tx`UPDATE concerns SET support_count = support_count + ${from.supportCount}, updated_at = now() WHERE id = ${into}`
      await tx`UPDATE concerns SET merged_into = ${into}, hidden = true, updated_at = now() WHERE id = ${id}`
      return { into: officerFeature((await officerConcern(tx, into))!), merged: officerFeature((await officerConcern(tx, id))!) }
    })
    clusterIndexes(sql).changed()
    return c.json(result)
  })

const emptyToNull = (text: string | null) => (text === null || text === '' ? null : text)
