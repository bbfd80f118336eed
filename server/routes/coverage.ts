import { Hono } from 'hono'
import type { Env } from '../app.ts'
import { requireRole } from '../auth/roles.ts'
import { validate } from '../errors.ts'
import { coverageOf, coverageReport } from '../patrols/coverage.ts'
import { placeNames, placeText } from '../patrols/places.ts'
import { currentIsoWeek } from '../patrols/schedule.ts'
import { coverageQuery } from '../patrols/vocabulary.ts'

/** How well this week's patrols cover the concerns of an area, and its hot spots (officers). */
export const coverage = new Hono<Env>()
  .use('*', requireRole('officer', 'admin'))
  .get('/', validate('query', coverageQuery), async (c) => {
    const { bbox, week } = c.req.valid('query')
    const report = coverageReport(await coverageOf(c.var.db.sql, bbox, week ?? currentIsoWeek(new Date()), c.var.config))
    const features = report.hotspots.features
    const places = await placeNames(c.var.db.sql, features.map((f) => f.geometry.coordinates as [number, number]))
    features.forEach((f, k) => Object.assign(f.properties, { place: placeText(places[k]!), placeName: places[k]! }))
    c.header('Cache-Control', 'no-store')
    return c.json(report)
  })
