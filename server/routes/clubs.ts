import { Hono } from 'hono'
import { z } from 'zod'
import type { Env } from '../app.ts'
import { requireRole } from '../auth/roles.ts'
import { createClub, deleteClub, findClub, listClubs, updateClub } from '../clubs/clubs.ts'
import { CALENDAR_HEADERS, clubCalendar } from '../clubs/calendar.ts'
import { newCalendarFeed, revokeCalendarFeed } from '../clubs/calendar-feed.ts'
import { deleteSavedRoute, listSavedRoutes, saveRoute, updateSavedRoute } from '../clubs/library.ts'
import { calendarRuns, cancelRun, listClubRuns, scheduleRun } from '../clubs/runs.ts'
import { revokeShareLink, shareSavedRoute } from '../clubs/share-links.ts'
import { optionalBody } from '../clubs/share-request.ts'
import { clubBody, clubPatch, rowId, runBody, savedRouteBody, savedRoutePatch, shareBody } from '../clubs/vocabulary.ts'
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

  .patch('/:id/routes/:savedId', validate('param', savedParam), jsonOnly, smallBody, validate('json', savedRoutePatch), async (c) => {
    const { id, savedId } = c.req.valid('param')
    return c.json(await updateSavedRoute(c.var.db.sql, c.var.user, id, savedId, c.req.valid('json')))
  })

  .delete('/:id/routes/:savedId', validate('param', savedParam), async (c) => {
    const { id, savedId } = c.req.valid('param')
    await deleteSavedRoute(c.var.db.sql, c.var.user, id, savedId)
    return c.body(null, 204)
  })

  // The body ({showEnds}) may be left out: a link that hides the ends.
  .post('/:id/routes/:savedId/share', validate('param', savedParam), smallBody, optionalBody, validate('json', shareBody), async (c) => {
    const { id, savedId } = c.req.valid('param')
    const sql = c.var.db.sql
    await findClub(sql, c.var.user, id)
    c.header('Cache-Control', 'no-store')
    return c.json(await shareSavedRoute(sql, id, savedId, c.req.valid('json').showEnds), 201)
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

  .get('/:id/runs.ics', validate('param', clubParam), async (c) => {
    const { club, runs } = await calendarRuns(c.var.db.sql, c.var.user, c.req.valid('param').id)
    return c.body(clubCalendar(club.name, runs), 200, { ...CALENDAR_HEADERS, 'Cache-Control': 'no-store' })
  })

  .post('/:id/feed', validate('param', clubParam), async (c) => {
    c.header('Cache-Control', 'no-store')
    return c.json(await newCalendarFeed(c.var.db.sql, c.var.user, c.req.valid('param').id), 201)
  })

  .delete('/:id/feed', validate('param', clubParam), async (c) => {
    await revokeCalendarFeed(c.var.db.sql, c.var.user, c.req.valid('param').id)
    return c.body(null, 204)
  })

  .post('/:id/runs', validate('param', clubParam), jsonOnly, smallBody, validate('json', runBody), async (c) => {
    return c.json(await scheduleRun(c.var.db.sql, c.var.user, c.req.valid('param').id, c.req.valid('json')), 201)
  })

  .delete('/:id/runs/:runId', validate('param', runParam), async (c) => {
    const { id, runId } = c.req.valid('param')
    await cancelRun(c.var.db.sql, c.var.user, id, runId)
    return c.body(null, 204)
  })
