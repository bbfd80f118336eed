import { Hono } from 'hono'
import { z } from 'zod'
import type { Env } from '../app.ts'
import { CALENDAR_HEADERS, clubCalendar } from '../clubs/calendar.ts'
import { feedRuns } from '../clubs/calendar-feed.ts'
import { ApiError, validate } from '../errors.ts'

// Any name up to a bound ending .ics is looked up: a malformed token is a 404 like an unknown one.
const feedParam = z.object({ file: z.string().max(200).regex(/\.ics$/, 'a feed is <token>.ics') })

/**
 * GET /api/club-feeds/{token}.ics: a club's runs for calendar apps that subscribe (no session:
 * the link is the secret). Hashed and looked up by its unique index, known or not.
 */
export const clubFeeds = new Hono<Env>().get('/:file', validate('param', feedParam), async (c) => {
  const feed = await feedRuns(c.var.db.sql, c.req.valid('param').file.slice(0, -'.ics'.length))
  if (!feed) throw new ApiError(404, 'not_found', 'This calendar link does not lead to a club (it may have been replaced or removed)')
  return c.body(clubCalendar(feed.club.name, feed.runs), 200, {
    ...CALENDAR_HEADERS,
    // Calendar apps poll it: they may keep it a few minutes, shared caches never (it is a secret).
    'Cache-Control': 'private, max-age=300',
    'Referrer-Policy': 'no-referrer',
  })
})
