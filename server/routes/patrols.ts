import { Hono } from 'hono'
import { boxAround } from '../../common/geo.ts'
import { z } from 'zod'
import type { Env } from '../app.ts'
import { isOfficer, requireRole } from '../auth/roles.ts'
import { validate } from '../errors.ts'
import { bodyAtMost, jsonOnly, smallBody } from '../json-body.ts'
import { coverageOf } from '../patrols/coverage.ts'
import { deletePatrol, findPatrol, linkConcern, listPatrols, nextPatrolsNear, savePatrol, unlinkConcern } from '../patrols/plans.ts'
import { placeNames, placeText } from '../patrols/places.ts'
import { currentIsoWeek } from '../patrols/schedule.ts'
import { reachMetres, suggestPatrol } from '../patrols/suggest.ts'
import { linkBody, MAX_GPX_CHARACTERS, nearQuery, patrolBody, periodQuery, previewBody, suggestBody } from '../patrols/vocabulary.ts'
import { rowId } from '../concerns/vocabulary.ts'
import { joinPoints } from '../patrols/walk.ts'
import { routingService } from '../routing/service.ts'

const idParam = z.object({ id: rowId })
const linkParam = z.object({ id: rowId, concernId: rowId })
const officersOnly = requireRole('officer', 'admin')
/** A GPX of MAX_GPX_CHARACTERS plus the rest of the plan. */
const planBody = bodyAtMost(Math.ceil(MAX_GPX_CHARACTERS / 1024) + 64)


const routing = (c: { var: Env['Variables'] }) => routingService(c.var.db.sql, c.var.config.publishConcerns).state()


/** Reassurance patrol plans (docs/patrols-api.md): public reads, officers' changes and tools. */
export const patrols = new Hono<Env>()
  .get('/', validate('query', periodQuery), async (c) => {
    c.header('Cache-Control', 'no-store')
    return c.json(await listPatrols(c.var.db.sql, { ...c.req.valid('query'), officer: await isOfficer(c) }))
  })

  .get('/next', validate('query', nearQuery), async (c) => {
    const { lng, lat } = c.req.valid('query')
    c.header('Cache-Control', 'no-store')
    return c.json({ near: await nextPatrolsNear(c.var.db.sql, lng, lat) })
  })

  .post('/preview', officersOnly, jsonOnly, smallBody, validate('json', previewBody), async (c) => {
    return c.json(joinPoints(await routing(c), c.req.valid('json').waypoints))
  })

  .post('/suggest', officersOnly, jsonOnly, smallBody, validate('json', suggestBody), async (c) => {
    const body = c.req.valid('json')
    const state = await routing(c)
    const bbox = body.area ?? boxAround(body.start.lng, body.start.lat, reachMetres(body.minutes) + 200)
    const before = await coverageOf(c.var.db.sql, bbox, body.week ?? currentIsoWeek(new Date()), c.var.config)
    const suggestion = suggestPatrol(state, before, { ...body, dwellMinutes: body.dwellMinutes ?? 10 })
    const places = await placeNames(c.var.db.sql, suggestion.hotspots.map((h) => h.coordinates))
    suggestion.hotspots.forEach((h, k) => Object.assign(h, { place: placeText(places[k]!), placeName: places[k]! }))
    return c.json(suggestion)
  })

  .post('/', officersOnly, jsonOnly, planBody, validate('json', patrolBody), async (c) => {
    return c.json(await savePatrol(c.var.db.sql, await routing(c), c.var.user, c.req.valid('json')), 201)
  })

  .get('/:id', validate('param', idParam), async (c) => {
    c.header('Cache-Control', 'no-store')
    return c.json(await findPatrol(c.var.db.sql, c.req.valid('param').id, await isOfficer(c)))
  })

  .put('/:id', officersOnly, jsonOnly, planBody, validate('param', idParam), validate('json', patrolBody), async (c) => {
    return c.json(await savePatrol(c.var.db.sql, await routing(c), c.var.user, c.req.valid('json'), c.req.valid('param').id))
  })

  .delete('/:id', officersOnly, validate('param', idParam), async (c) => {
    await deletePatrol(c.var.db.sql, c.req.valid('param').id)
    return c.body(null, 204)
  })

  .post('/:id/concerns', officersOnly, jsonOnly, smallBody, validate('param', idParam), validate('json', linkBody), async (c) => {
    await linkConcern(c.var.db.sql, c.var.user, c.req.valid('param').id, c.req.valid('json').concernId)
    return c.body(null, 204)
  })

  .delete('/:id/concerns/:concernId', officersOnly, validate('param', linkParam), async (c) => {
    const { id, concernId } = c.req.valid('param')
    await unlinkConcern(c.var.db.sql, id, concernId)
    return c.body(null, 204)
  })
