import { Hono } from 'hono'
import type { Env } from '../app.ts'
import { isOfficer } from '../auth/roles.ts'
import { validate } from '../errors.ts'
import { patrolCalendar as calendar } from '../patrols/calendar.ts'
import { plansInPeriod } from '../patrols/plans.ts'
import { describeSchedule } from '../patrols/schedule.ts'
import { periodQuery } from '../patrols/vocabulary.ts'

/** Without a period, the calendar holds the next 30 days. */
const DEFAULT_DAYS = 30

/** GET /api/patrols.ics: the sessions of a period as iCalendar, public plans for everyone, all for officers. */
export const patrolCalendar = new Hono<Env>().get('/patrols.ics', validate('query', periodQuery), async (c) => {
  const query = c.req.valid('query')
  const officer = await isOfficer(c)
  const from = query.from ?? new Date()
  const to = query.to ?? new Date(from.getTime() + DEFAULT_DAYS * 86_400_000)
  const plans = await plansInPeriod(c.var.db.sql, { ...query, from, to, officer })
  const events = plans.flatMap(({ row, sessions }) =>
    sessions.map((s) => ({
      uid: `patrol-${row.id}-${s.start.toISOString()}@common-ground`,
      title: `Reassurance patrol: ${row.title}`,
      description: [row.team, describeSchedule(row.schedule), officer ? row.notes : null].filter(Boolean).join('\n'),
      start: s.start,
      end: s.end,
    })),
  )
  return c.body(calendar('Common Ground patrols', events), 200, {
    'Content-Type': 'text/calendar; charset=utf-8',
    'Content-Disposition': 'attachment; filename="patrols.ics"',
    'Cache-Control': 'no-store',
  })
})
