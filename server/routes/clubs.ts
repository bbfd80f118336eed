import { Hono } from 'hono'
import { z } from 'zod'
import type { Env } from '../app.ts'
import { requireRole } from '../auth/roles.ts'
import { createClub, deleteClub, findClub, listClubs, updateClub } from '../clubs/clubs.ts'
import { deleteSavedRoute, listSavedRoutes, saveRoute } from '../clubs/library.ts'
import { cancelRun, listClubRuns, scheduleRun } from '../clubs/runs.ts'
import { revokeShareLink, shareSavedRoute } from '../clubs/share-links.ts'
import { clubBody, clubPatch, rowId, runBody, savedRouteBody } from '../clubs/vocabulary.ts'
import { validate } from '../errors.ts'
import { jsonOnly, smallBody } from '../json-body.ts'

const clubParam = z.object({ id: rowId })
const savedParam = z.object({ id: rowId, savedId: rowId })
const runParam = z.object({ id: rowId, runId: rowId })

/**
 * Running clubs, for their organisers: the club, its library of saved routes, share links and
 * club runs. An organiser sees only their own clubs (another's is a 404); admins see all.
 */
export const clubs = new Hono<Env>()
  .use('*', requireRole('club', 'admin'))

  .get('/', async (c) => {
    c.header('Cache-Control', 'no-store')
    return c.json({ clubs: await listClubs(c.var.db.sql, c.var.user) })
  })

  .post('/', jsonOnly, smallBody, validate('json', clubBody), async (c) => {
    return c.json(await createClub(c.var.db.sql, c.var.user, c.req.valid('json')), 201)
  })

  .get('/:id', validate('param', clubParam), async (c) => {
    c.header('Cache-Control', 'no-store')
    return c.json(await findClub(c.var.db.sql, c.var.user, c.req.valid('param').id))
  })

  .patch('/:id', validate('param', clubParam), jsonOnly, smallBody, validate('json', clubPatch), async (c) => {
    return c.json(await updateClub(c.var.db.sql, c.var.user, c.req.valid('param').id, c.req.valid('json')))
  })

  .delete('/:id', validate('param', clubParam), async (c) => {
    await deleteClub(c.var.db.sql, c.var.user, c.req.valid('param').id)
    return c.body(null, 204)
  })

  .get('/:id/routes', validate('param', clubParam), async (c) => {
    c.header('Cache-Control', 'no-store')
    return c.json(await listSavedRoutes(c.var.db.sql, c.var.user, c.req.valid('param').id))
  })

  .post('/:id/routes', validate('param', clubParam), jsonOnly, smallBody, validate('json', savedRouteBody), async (c) => {
    return c.json(await saveRoute(c.var.db.sql, c.var.user, c.req.valid('param').id, c.req.valid('json')), 201)
  })

  .delete('/:id/routes/:savedId', validate('param', savedParam), async (c) => {
    const { id, savedId } = c.req.valid('param')
    await deleteSavedRoute(c.var.db.sql, c.var.user, id, savedId)
    return c.body(null, 204)
  })

  .post('/:id/routes/:savedId/share', validate('param', savedParam), async (c) => {
    const { id, savedId } = c.req.valid('param')
    const sql = c.var.db.sql
    await findClub(sql, c.var.user, id)
    c.header('Cache-Control', 'no-store')
    return c.json(await shareSavedRoute(sql, id, savedId), 201)
  })

  .delete('/:id/routes/:savedId/share', validate('param', savedParam), async (c) => {
    const { id, savedId } = c.req.valid('param')
    const sql = c.var.db.sql
    await findClub(sql, c.var.user, id)
    await revokeShareLink(sql, id, savedId)
    return c.body(null, 204)
  })

  .get('/:id/runs', validate('param', clubParam), async (c) => {
    c.header('Cache-Control', 'no-store')
    return c.json({ runs: await listClubRuns(c.var.db.sql, c.var.user, c.req.valid('param').id) })
  })

  .post('/:id/runs', validate('param', clubParam), jsonOnly, smallBody, validate('json', runBody), async (c) => {
    return c.json(await scheduleRun(c.var.db.sql, c.var.user, c.req.valid('param').id, c.req.valid('json')), 201)
  })

  .delete('/:id/runs/:runId', validate('param', runParam), async (c) => {
    const { id, runId } = c.req.valid('param')
    await cancelRun(c.var.db.sql, c.var.user, id, runId)
    return c.body(null, 204)
  })
