import { beforeEach, describe, expect, it } from 'vitest'
import { metresBetween } from '../../common/geo.ts'
import { createTestApp } from '../support/app.ts'
import { clubState, insertRoute, resetClubs, signedIn } from '../support/clubs.ts'
import { createArea, json } from '../support/concerns.ts'
import { resetMapData, useTestSql } from '../support/db.ts'
import { resetAccounts } from '../support/users.ts'

// Share links to any computed route (POST /api/routes/{id}/share), and what every share link
// sends: the line without its first and last 200 m unless the sharer shows them, in the JSON
// and in the GPX. The club's own links are in clubs.test.ts.

const sql = useTestSql()
type App = Awaited<ReturnType<typeof createTestApp>>
type LngLat = [number, number]

beforeEach(async () => {
  await resetClubs(sql)
  await resetAccounts(sql)
  await resetMapData(sql)
  await createArea(sql)
})

/** About 1,040 m due east along 51.62° N, a point every ~69 m. */
const STRAIGHT: LngLat[] = Array.from({ length: 16 }, (_, i) => [-0.14 + i * 0.001, 51.62])
/** A loop round a block of about 280 × 280 m, back to where it started, a point every ~70 m. */
const LOOP: LngLat[] = [
  ...Array.from({ length: 4 }, (_, i): LngLat => [-0.13 + i * 0.001, 51.625]),
  ...Array.from({ length: 4 }, (_, i): LngLat => [-0.126, 51.625 + i * 0.000625]),
  ...Array.from({ length: 4 }, (_, i): LngLat => [-0.126 - i * 0.001, 51.6275]),
  ...Array.from({ length: 5 }, (_, i): LngLat => [-0.13, 51.6275 - i * 0.000625]),
]

const metres = (a: number[], b: number[]) => metresBetween(a[0]!, a[1]!, b[0]!, b[1]!)
const lengthOf = (line: number[][]) => line.slice(1).reduce((sum, p, i) => sum + metres(line[i]!, p), 0)
/** How far along `line` a point on it lies (the nearest of its segments). */
function along(line: number[][], point: number[]): number {
  let best = { off: Infinity, at: 0 }
  let walked = 0
  for (let i = 1; i < line.length; i++) {
    const [a, b] = [line[i - 1]!, line[i]!]
    const seg = metres(a, b)
    const t = Math.max(0, Math.min(1, metres(a, point) / seg))
    const off = metres(a, point) + metres(point, b) - seg
    if (off < best.off) best = { off, at: walked + t * seg }
    walked += seg
  }
  return best.at
}

const post = (path: string, body?: unknown, headers: Record<string, string> = {}) =>
  body === undefined ? { method: 'POST', headers: { origin: 'http://localhost', ...headers } } : json('POST', body, { origin: 'http://localhost', ...headers })

async function share(app: App, routeId: string, body?: unknown) {
  const res = await app.request(`/api/routes/${routeId}/share`, post(`/api/routes/${routeId}/share`, body))
  expect(res.status, await res.clone().text()).toBe(201)
  return (await res.json()) as { token: string; url: string; expiresAt: string | null }
}

async function open(app: App, token: string) {
  const res = await app.request(`/api/shared-routes/${token}`)
  return { status: res.status, text: await res.clone().text(), body: await res.json(), headers: res.headers }
}

/** The track points of a GPX file, as [lng, lat]. */
const trackPoints = (gpx: string): number[][] =>
  [...gpx.matchAll(/<trkpt lat="([-\d.]+)" lon="([-\d.]+)"/g)].map((m) => [Number(m[2]), Number(m[1])])

describe('a share link to a computed route', () => {
  it('hides the first and last 200 m in the JSON and the GPX, and never says the route id', async () => {
    const app = await createTestApp(sql)
    const routeId = await insertRoute(sql, { coords: STRAIGHT, lengthMeters: 1040 })
    const link = await share(app, routeId)
    expect(link.token).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(link.url).toBe(`/shared/${link.token}`)
    expect(Math.abs(Date.parse(link.expiresAt!) - (Date.now() + 24 * 3_600_000))).toBeLessThan(5 * 60_000)

    const shared = await open(app, link.token)
    expect(shared.status).toBe(200)
    expect(shared.headers.get('cache-control')).toBe('private, no-cache')
    expect(shared.headers.get('referrer-policy')).toBe('no-referrer')
    expect(shared.body).toEqual({
      type: 'Feature',
      geometry: { type: 'LineString', coordinates: expect.any(Array) },
      properties: {
        lengthMeters: 1040, litShare: 0.8, explanation: expect.any(Array), kind: 'loop',
        name: null, notes: null, usualStartTime: null, clubName: null,
      },
      hiddenEndMeters: 200,
      nextRun: null,
      gpxUrl: `/api/shared-routes/${link.token}/route.gpx`,
    })
    expect(shared.text).not.toContain(routeId)
    const line: number[][] = shared.body.geometry.coordinates
    const total = lengthOf(STRAIGHT)
    expect(along(STRAIGHT, line[0]!)).toBeCloseTo(200, 0)
    expect(along(STRAIGHT, line.at(-1)!)).toBeCloseTo(total - 200, 0)
    expect(lengthOf(line)).toBeCloseTo(total - 400, 0)
    for (const point of line) {
      const at = along(STRAIGHT, point)
      expect(at).toBeGreaterThan(199.9)
      expect(at).toBeLessThan(total - 199.9)
    }

    const gpx = await app.request(shared.body.gpxUrl)
    expect(gpx.status).toBe(200)
    expect(gpx.headers.get('content-type')).toBe('application/gpx+xml')
    expect(gpx.headers.get('referrer-policy')).toBe('no-referrer')
    const text = await gpx.text()
    expect(text).not.toContain(routeId)
    const points = trackPoints(text)
    expect(points).toHaveLength(line.length)
    points.forEach((p, i) => expect(metres(p, line[i]!)).toBeLessThan(0.5))
    // Nor any waypoint in the hidden ends.
    for (const [, lat, lng] of text.matchAll(/<wpt lat="([-\d.]+)" lon="([-\d.]+)"/g)) {
      expect(along(STRAIGHT, [Number(lng), Number(lat)])).toBeGreaterThan(199.9)
    }
  })

  it('cuts 200 m off both ends of a loop, which meet at its start', async () => {
    const app = await createTestApp(sql)
    const routeId = await insertRoute(sql, { coords: LOOP })
    const { token } = await share(app, routeId, {})
    const line: number[][] = (await open(app, token)).body.geometry.coordinates
    const total = lengthOf(LOOP)
    expect(along(LOOP, line[0]!)).toBeCloseTo(200, 0)
    expect(along(LOOP, line.at(-1)!)).toBeCloseTo(total - 200, 0)
    expect(lengthOf(line)).toBeCloseTo(total - 400, 0)
    expect(line).not.toContainEqual(LOOP[0])
  })

  it('shows the whole line when the sharer chooses to', async () => {
    const app = await createTestApp(sql)
    const routeId = await insertRoute(sql, { coords: STRAIGHT })
    const { token } = await share(app, routeId, { showEnds: true })
    const shared = await open(app, token)
    expect(shared.body.geometry.coordinates).toEqual(STRAIGHT)
    expect(shared.body.hiddenEndMeters).toBe(0)
    const points = trackPoints(await (await app.request(`/api/shared-routes/${token}/route.gpx`)).text())
    expect(points).toHaveLength(STRAIGHT.length)
  })

  it('expires with the route, unless a club keeps the route; goes when the route is swept', async () => {
    const app = await createTestApp(sql)
    const routeId = await insertRoute(sql, { coords: STRAIGHT })
    const { token } = await share(app, routeId)
    await sql`UPDATE routes SET expires_at = now() - interval '1 minute' WHERE id = ${routeId}`
    expect((await open(app, token)).status).toBe(404)
    expect((await app.request(`/api/shared-routes/${token}/route.gpx`)).status).toBe(404)
    // Saved by a club, the route (and so the link) is kept for good, still without the club's name.
    await sql`UPDATE routes SET expires_at = NULL WHERE id = ${routeId}`
    const kept = await open(app, token)
    expect(kept.status).toBe(200)
    expect(kept.body.properties.clubName).toBeNull()
    await sql`DELETE FROM routes WHERE id = ${routeId}`
    expect(await sql`SELECT FROM route_shares`).toHaveLength(0)
    expect((await open(app, token)).status).toBe(404)
  })

  it('reads a body left empty, even sent as JSON, as the defaults', async () => {
    const app = await createTestApp(sql)
    const routeId = await insertRoute(sql, { coords: STRAIGHT })
    const res = await app.request(`/api/routes/${routeId}/share`, { method: 'POST', headers: { origin: 'http://localhost', 'content-type': 'application/json' } })
    expect(res.status).toBe(201)
    expect((await open(app, (await res.json()).token)).body.hiddenEndMeters).toBe(200)
  })

  it('stores only the SHA-256 of the token', async () => {
    const app = await createTestApp(sql)
    const routeId = await insertRoute(sql, { coords: STRAIGHT })
    const { token } = await share(app, routeId)
    const rows = await sql<{ text: string }[]>`SELECT row_to_json(h)::text AS text FROM route_shares h`
    expect(rows).toHaveLength(1)
    expect(rows[0]!.text).not.toContain(token)
    expect(rows[0]!.text).not.toContain(Buffer.from(token).toString('hex'))
  })

  it('limits how many links one client makes in 10 minutes (429 with Retry-After), writing none over the limit', async () => {
    const app = await createTestApp(sql)
    const routeId = await insertRoute(sql, { coords: STRAIGHT })
    for (let i = 0; i < 30; i++) await share(app, routeId)
    const res = await app.request(`/api/routes/${routeId}/share`, post(''))
    expect(res.status).toBe(429)
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0)
    expect((await res.json()).error.code).toBe('rate_limited')
    expect(await sql`SELECT FROM route_shares`).toHaveLength(30)
  })
})

describe('a club’s share link', () => {
  it('hides the ends by default and shows them when the organiser chooses, in the JSON and the GPX', async () => {
    const app = await createTestApp(sql)
    const { cookie } = await signedIn(sql, 'club')
    const headers = { cookie, origin: 'http://localhost' }
    const routeId = await insertRoute(sql, { coords: LOOP })
    const club = await (await app.request('/api/clubs', json('POST', { name: 'Striders', meetingPoint: { lng: -0.13, lat: 51.625 } }, headers))).json()
    const saved = await (await app.request(`/api/clubs/${club.id}/routes`, json('POST', { routeId, name: 'Block loop' }, headers))).json()
    const shareIt = async (body?: unknown) =>
      (await (await app.request(`/api/clubs/${club.id}/routes/${saved.id}/share`, body === undefined ? { method: 'POST', headers } : json('POST', body, headers))).json()).token as string

    const hidden = await open(app, await shareIt())
    expect(hidden.body.hiddenEndMeters).toBe(200)
    expect(hidden.text).not.toContain(routeId)
    expect(along(LOOP, hidden.body.geometry.coordinates[0])).toBeCloseTo(200, 0)
    const library = await (await app.request(`/api/clubs/${club.id}/routes`, { headers })).json()
    expect(library.features[0].properties).toMatchObject({ shared: true, sharedShowsEnds: false })

    const shownToken = await shareIt({ showEnds: true })
    const shown = await open(app, shownToken)
    expect(shown.body.geometry.coordinates).toEqual(LOOP)
    expect(shown.body.properties).toMatchObject({ name: 'Block loop', clubName: 'Striders' })
    const gpx = await (await app.request(`/api/shared-routes/${shownToken}/route.gpx`)).text()
    expect(trackPoints(gpx)).toHaveLength(LOOP.length)
    expect(gpx).toContain('<name>Block loop</name>')
  })
})

describe('bad input', () => {
  it.each([
    ['a malformed route id', (id: string) => `/api/routes/${id.slice(1)}/share`, undefined, 400, 'invalid_param'],
    ['an unknown route id', (id: string) => `/api/routes/${id.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'))}/share`, undefined, 404, 'route_not_found'],
    ['showEnds as text', (id: string) => `/api/routes/${id}/share`, { showEnds: 'false' }, 400, 'invalid_json'],
    ['an unknown field', (id: string) => `/api/routes/${id}/share`, { showEnds: false, expiresAt: null }, 400, 'invalid_json'],
    ['a body that is not an object', (id: string) => `/api/routes/${id}/share`, [true], 400, 'invalid_json'],
    ['a body that is not JSON', (id: string) => `/api/routes/${id}/share`, '{"showEnds":', 400, 'bad_request'],
  ])('sharing refuses %s with the one error shape, writing nothing', async (_, path, body, status, code) => {
    const app = await createTestApp(sql)
    const routeId = await insertRoute(sql, { coords: STRAIGHT })
    const before = await clubState(sql)
    const res = await app.request(path(routeId), post('', body))
    expect(res.status).toBe(status)
    expect((await res.json()).error.code).toBe(code)
    expect(await clubState(sql)).toBe(before)
  })

  it('refuses to hide the ends of a route too short to keep anything (422), and shares it with them shown', async () => {
    const app = await createTestApp(sql)
    const routeId = await insertRoute(sql, { coords: STRAIGHT.slice(0, 6) }) // ~350 m
    const before = await clubState(sql)
    const res = await app.request(`/api/routes/${routeId}/share`, post('', {}))
    expect(res.status).toBe(422)
    expect((await res.json()).error).toMatchObject({ code: 'too_short_to_hide_ends', details: { hiddenEndMeters: 200 } })
    expect(await clubState(sql)).toBe(before)
    await share(app, routeId, { showEnds: true })
  })

  it('refuses an expired route (404) and a share from another site (403)', async () => {
    const app = await createTestApp(sql)
    const expired = await insertRoute(sql, { coords: STRAIGHT, expires: 'expired' })
    const res = await app.request(`/api/routes/${expired}/share`, post(''))
    expect(res.status).toBe(404)
    expect((await res.json()).error.code).toBe('route_not_found')
    const fresh = await insertRoute(sql, { coords: STRAIGHT })
    const crossSite = await app.request(`/api/routes/${fresh}/share`, post('', {}, { origin: 'https://evil.example' }))
    expect(crossSite.status).toBe(403)
    expect(await sql`SELECT FROM route_shares`).toHaveLength(0)
  })

  it.each(['A'.repeat(43), `${'A'.repeat(43)}/route.gpx`, 'not-a-token/route.gpx', '%00/route.gpx', '%20/route.gpx'])('opening %s is a 404 in the one error shape', async (token) => {
    const app = await createTestApp(sql)
    const res = await app.request(`/api/shared-routes/${token}`)
    expect(res.status).toBe(404)
    expect((await res.json()).error.code).toBe('not_found')
  })
})
