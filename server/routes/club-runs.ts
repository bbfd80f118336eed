import { Hono } from 'hono'
import { z } from 'zod'
import type { Env } from '../app.ts'
import { requireRole } from '../auth/roles.ts'
import { listRunsForOfficers, runWindow, setJoined } from '../clubs/runs.ts'
import { joinQuery, rowId, runsQuery } from '../clubs/vocabulary.ts'
import { validate } from '../errors.ts'

const runParam = z.object({ runId: rowId })

/** Club runs of every club, for officers who want to run along ("run and talk"). */
export const clubRuns = new Hono<Env>()
  .use('*', requireRole('officer', 'admin'))

  .get('/', validate('query', runsQuery), async (c) => {
    c.header('Cache-Control', 'no-store')
    return c.json(await listRunsForOfficers(c.var.db.sql, c.var.user, runWindow(c.req.valid('query'))))
  })

  // ?date=YYYY-MM-DD picks the occurrence of a weekly run (London date); without it, the next one.
  .post('/:runId/join', validate('param', runParam), validate('query', joinQuery), async (c) => {
    return c.json(await setJoined(c.var.db.sql, c.var.user, c.req.valid('param').runId, c.req.valid('query').date, true))
  })

  .delete('/:runId/join', validate('param', runParam), validate('query', joinQuery), async (c) => {
    return c.json(await setJoined(c.var.db.sql, c.var.user, c.req.valid('param').runId, c.req.valid('query').date, false))
  })
