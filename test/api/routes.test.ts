import { SaxesParser } from 'saxes'
import { beforeAll, describe, expect, inject, it } from 'vitest'
import { importFiles } from '../../server/importers/import.ts'
import { englishReason, type RouteReason } from '../../server/routing/reasons.ts'
import { toGpx } from '../../server/routing/gpx.ts'
import { PACE } from '../../common/pace.ts'
import { metresBetween, offsetBy } from '../../common/geo.ts'
import { PGR_EDGES } from '../../server/routing/network.ts'
import { routingService } from '../../server/routing/service.ts'
import { seededRandom } from '../../server/seeded-random.ts'
import { createTestApp } from '../support/app.ts'
import { insertConcern, json } from '../support/concerns.ts'
import { resetConcerns, resetMapData, SHARED_DATA, useTestSql } from '../support/db.ts'
import { createUser } from '../support/users.ts'
import { signedIn } from '../support/clubs.ts'
import { fixturePath } from '../support/fixture-files.ts'

const sql = useTestSql()
const app = await createTestApp(sql)
const service = routingService(sql, 'immediately')

// Broomfield Park, Southgate, where the demo's running club meets.
const MEETING_POINT = { lng: -0.1181, lat: 51.6186 }
const EVENING = '2026-11-17T18:30:00Z' // after the 16:05 sunset, evening band
const SMALL_AREA = fixturePath('osm/small-area.osm')

type Route = {
  type: 'Feature'
  id: string
  geometry: { type: 'LineString'; coordinates: [number, number][] }
  properties: Record<string, unknown> & {
    id: string
    lengthMeters: number
    litShare: number
    retraceShare: number
    score: number
    scoreCounts: string[]
    walkingMinutes: number
    runningMinutes: number
    reasons: RouteReason[]
    explanation: string[]
  }
}
type Answer = { kind: string; routes: Route[]; shortest: Route }

const plan = async (body: unknown) => {
  const res = await app.request('/api/routes', json('POST', body))
  return { status: res.status, body: (await res.json()) as Answer & { error: { code: string; message: string; details?: unknown } } }
}
const countRoutes = async () => (await sql<{ n: number }[]>`SELECT count(*)::int AS n FROM routes`)[0]!.n

/** The parts of a GPX document the tests look at, read by a real XML parser (it throws on bad XML). */
function parseGpx(xml: string) {
  const parser = new SaxesParser({ xmlns: true })
  const out = {
    root: {} as Record<string, string>,
    trackName: '',
    points: [] as [number, number][],
    waypoints: [] as { name: string; at: [number, number] }[],
    /** The children of <gpx> in document order (GPX 1.1: metadata, wpt…, rte…, trk…). */
    children: [] as string[],
  }
  const path: string[] = []
  parser.on('opentag', (tag) => {
    path.push(tag.local)
    const attr = (name: string) => tag.attributes[name]?.value as string
    if (path.length === 1) out.root = { name: tag.local, version: attr('version'), xmlns: tag.uri }
    if (path.length === 2) out.children.push(tag.local)
    if (tag.local === 'trkpt') out.points.push([Number(attr('lon')), Number(attr('lat'))])
    if (tag.local === 'wpt') out.waypoints.push({ name: '', at: [Number(attr('lon')), Number(attr('lat'))] })
  })
  parser.on('text', (text) => {
    if (path.join('/') === 'gpx/trk/name') out.trackName += text
    if (path.join('/') === 'gpx/wpt/name') out.waypoints.at(-1)!.name += text
  })
  parser.on('closetag', () => void path.pop())
  parser.write(xml).close()
  return out
}

/** Share of a's length on b's edges, from the two lines' vertices on a 10 m grid (as a runner would see it). */
function overlap(a: Route, b: Route): number {
  const cells = (r: Route) => new Set(r.geometry.coordinates.map(([x, y]) => `${Math.round(x * 7000)},${Math.round(y * 11000)}`))
  const ca = cells(a)
  const cb = cells(b)
  return [...ca].filter((c) => cb.has(c)).length / Math.min(ca.size, cb.size)
}

/** One reason a line of the explanation, in its order: the English is worded from the reasons. */
function expectReasons(route: Route) {
  const { reasons, explanation } = route.properties
  expect(reasons).toHaveLength(explanation.length)
  expect(reasons.map(englishReason)).toEqual(explanation)
}

/** Minutes at 5 km/h walking and 10 km/h running, whole: "1 h 5 min walking, 38 min running". */
function expectTimes(route: Route) {
  const { lengthMeters, walkingMinutes, runningMinutes } = route.properties
  expect(walkingMinutes).toBe(Math.max(1, Math.round(lengthMeters / PACE.walking)))
  expect(runningMinutes).toBe(Math.max(1, Math.round(lengthMeters / PACE.running)))
  // 8 km: 96 minutes walking, 48 running.
  expect(Math.abs(walkingMinutes - (lengthMeters / 5000) * 60)).toBeLessThanOrEqual(0.5)
  expect(Math.abs(runningMinutes - (lengthMeters / 10_000) * 60)).toBeLessThanOrEqual(0.5)
}

/** Listed in one order: the highest score first, the shorter first between equal scores. */
function expectBestFirst(routes: Route[]) {
  for (let i = 1; i < routes.length; i++) {
    const [a, b] = [routes[i - 1]!.properties, routes[i]!.properties]
    expect(a.score > b.score || (a.score === b.score && a.lengthMeters <= b.lengthMeters), `choice ${i} before ${i + 1}: ${a.score}, ${b.score}`).toBe(true)
  }
}

/** A line of [lng, lat] from a start, walking `legs` of [bearing, metres] with a point every 10 m. */
function walk(start: [number, number], legs: [number, number][]): [number, number][] {
  const line: [number, number][] = [start]
  for (const [bearing, metres] of legs)
    for (let d = 10; d <= metres; d += 10) line.push(offsetBy(...line.at(-1)!, bearing, 10))
  return line
}

beforeAll(async () => {
  await resetMapData(sql)
  await resetConcerns(sql)
  await sql`TRUNCATE routes CASCADE`
  await importFiles(sql, 'osm', [`${SHARED_DATA}osm/north-london-southgate.osm`])
  await service.refresh()
  await service.settled()
}, 120_000)

describe('routes from A to B', () => {
  it('gives up to three explained alternatives that really differ, and the shortest for comparison', async () => {
    const { status, body } = await plan({ from: MEETING_POINT, to: { lng: -0.133, lat: 51.605 }, departAt: EVENING })
    expect(status, JSON.stringify(body)).toBe(200)
    expect(body.kind).toBe('route')
    expect(body.routes.length).toBeGreaterThanOrEqual(2)
    expect(body.routes.length).toBeLessThanOrEqual(3)
    for (const route of body.routes) {
      expect(route.properties).toMatchObject({ id: route.id, profile: 'safest' })
      for (const key of ['lengthMeters', 'litShare', 'openSpaceShare', 'patrolShare', 'concernsNearby', 'extraVsShortest', 'score']) {
        expect(typeof route.properties[key]).toBe('number')
      }
      expect(route.properties.explanation.length).toBeGreaterThan(1)
      expect(route.properties.explanation.join(' ')).toMatch(/lit after 16:0\d sunset/)
      expectReasons(route)
      const { reasons, lengthMeters, litShare } = route.properties
      expect(reasons[0]!.params).toMatchObject({ lengthMeters })
      // Numbers as numbers, sunset as an instant: the web words them in the reader's language.
      expect(reasons).toContainEqual({ code: 'lit_after_sunset', params: { litShare, sunset: expect.stringMatching(/^2026-11-17T16:0\d:\d\d\.\d{3}Z$/) } })
      expect(route.properties.lengthMeters).toBeGreaterThanOrEqual(body.shortest.properties.lengthMeters - 1)
      expectTimes(route)
      // After dark, under the safest profile, with no parks closed at 18:30 and no patrols planned.
      expect(route.properties.scoreCounts).toEqual(['extra_distance', 'reported_places', 'unlit_paths', 'parks_after_dark'])
    }
    expectBestFirst(body.routes)
    for (let i = 0; i < body.routes.length; i++)
      for (let j = i + 1; j < body.routes.length; j++) expect(overlap(body.routes[i]!, body.routes[j]!)).toBeLessThan(0.7)
    expect(body.shortest.properties.profile).toBe('shortest')
  })

  it('serves a stored route as GPX 1.1 and as GeoJSON; an unknown or expired id is a 404', async () => {
    const { body } = await plan({ from: MEETING_POINT, to: { lng: -0.125, lat: 51.612 }, departAt: EVENING })
    const route = body.routes[0]!
    const gpx = await app.request(`/api/routes/${route.id}.gpx`)
    expect(gpx.status).toBe(200)
    expect(gpx.headers.get('content-type')).toMatch(/application\/gpx\+xml/)
    const doc = parseGpx(await gpx.text())
    expect(doc.root).toEqual({ name: 'gpx', version: '1.1', xmlns: 'http://www.topografix.com/GPX/1/1' })
    expect(doc.trackName).toMatch(/^Common Ground route \d+\.\d km$/)
    expect(doc.points).toHaveLength(route.geometry.coordinates.length)
    expect(doc.points[0]![0]).toBeCloseTo(route.geometry.coordinates[0]![0], 6)
    // A file name that says what it is and for when (the London date asked for).
    const km = (route.properties.lengthMeters / 1000).toFixed(1).replace('.', '-')
    expect(gpx.headers.get('content-disposition')).toBe(`attachment; filename="common-ground-route-${km}km-2026-11-17.gpx"`)
    // Named waypoints before the track, as GPX 1.1 orders them: the start, each kilometre and turn, the finish.
    expect(doc.children).toEqual(['metadata', ...doc.waypoints.map(() => 'wpt'), 'trk'])
    const names = doc.waypoints.map((w) => w.name)
    expect(names[0]).toBe('Start')
    expect(names.at(-1)).toBe('Finish')
    expect(names.filter((n) => /^\d+ km$/.test(n))).toEqual(
      Array.from({ length: Math.floor((route.properties.lengthMeters - 100) / 1000) }, (_, k) => `${k + 1} km`),
    )
    expect(names.filter((n) => /^(Turn|Sharp) (left|right)$|^Turn back$/.test(n)).length).toBeGreaterThan(0)
    expect(names.every((n) => /^(Start|Finish|\d+ km|(Turn|Sharp) (left|right)|Turn back)$/.test(n)), names.join(', ')).toBe(true)
    // Every waypoint lies on the track.
    const line = route.geometry.coordinates
    for (const w of doc.waypoints) expect(Math.min(...line.map(([x, y]) => metresBetween(x, y, ...w.at))), w.name).toBeLessThan(15)
    const geojson = await app.request(`/api/routes/${route.id}.geojson`)
    expect(geojson.status).toBe(200)
    expect(geojson.headers.get('content-disposition')).toBe(`attachment; filename="common-ground-route-${km}km-2026-11-17.geojson"`)
    expect(((await geojson.json()) as Route).geometry).toEqual(route.geometry)

    for (const path of ['AAAAAAAAAAAAAAAAAAAAAA.gpx', `${route.id}.kml`, 'x.gpx', `${route.id}`]) {
      const res = await app.request(`/api/routes/${path}`)
      expect(res.status, path).toBe(404)
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('not_found')
    }
    await sql`UPDATE routes SET expires_at = now() - interval '1 second' WHERE id = ${route.id}`
    expect((await app.request(`/api/routes/${route.id}.gpx`)).status).toBe(404)
  })
})

describe('GPX waypoints and file names', () => {
  const START: [number, number] = [-0.12, 51.62]
  const named = (line: [number, number][]) =>
    parseGpx(toGpx({ name: 'Test', description: '', time: new Date(EVENING), geometry: { type: 'LineString', coordinates: line } })).waypoints.map((w) => w.name)

  it('names a turn left or right where the heading changes by more than 45° over 30 m, and not a gentle bend', () => {
    // East 300 m then north 300 m is a left turn; east then south a right one; a U at the end of an out-and-back a turn back.
    expect(named(walk(START, [[90, 300], [0, 300]]))).toEqual(['Start', 'Turn left', 'Finish'])
    expect(named(walk(START, [[90, 300], [180, 300]]))).toEqual(['Start', 'Turn right', 'Finish'])
    expect(named(walk(START, [[90, 300], [320, 300]]))).toEqual(['Start', 'Sharp left', 'Finish'])
    expect(named(walk(START, [[90, 300], [270, 200]]))).toEqual(['Start', 'Turn back', 'Finish'])
    // A bend of 30° is no turn; nor are zig-zags of 20° every 10 m, as an OSM way's vertices kink.
    expect(named(walk(START, [[90, 300], [60, 300]]))).toEqual(['Start', 'Finish'])
    expect(named(walk(START, Array.from({ length: 60 }, (_, k): [number, number] => [k % 2 ? 80 : 100, 10])))).toEqual(['Start', 'Finish'])
  })

  it('marks each kilometre, and a loop’s start and finish once', () => {
    // A 2.4 km square loop: four right turns (the last at the finish is the start's), two kilometres.
    const loop = walk(START, [[90, 600], [180, 600], [270, 600], [0, 600]])
    loop[loop.length - 1] = START
    expect(named(loop)).toEqual(['Start and finish', 'Turn right', '1 km', 'Turn right', 'Turn right', '2 km'])
  })

  it('names a saved route’s download by its name, sanitised', async () => {
    const { body } = await plan({ from: MEETING_POINT, to: { lng: -0.125, lat: 51.612 }, departAt: EVENING })
    const route = body.routes[0]!
    // Saved straight to the library: the clubs API (and its area check) is tested in clubs.test.ts.
    const { user } = await signedIn(sql, 'club')
    const [club] = await sql<{ id: number }[]>`
      INSERT INTO clubs (owner_id, name, meeting_point)
      VALUES (${user.id}, 'Southgate Striders', ST_SetSRID(ST_MakePoint(${MEETING_POINT.lng}, ${MEETING_POINT.lat}), 4326)) RETURNING id`
    await sql`INSERT INTO club_routes (club_id, route_id, name) VALUES (${club!.id}, ${route.id}, 'Café "loop" / Grovelands')`
    const gpx = await app.request(`/api/routes/${route.id}.gpx`)
    expect(gpx.headers.get('content-disposition')).toBe(
      `attachment; filename="cafe-loop-grovelands.gpx"; filename*=UTF-8''Caf%C3%A9%20%22loop%22%20Grovelands.gpx`,
    )
    expect(parseGpx(await gpx.text()).trackName).toBe('Café "loop" / Grovelands')
  })
})

describe('the patrol bonus', () => {
  it('draws routes onto the paths a public patrol walks during the trip, and not on other days', async () => {
    const to = { lng: -0.125, lat: 51.612 }
    const { body: direct } = await plan({ from: MEETING_POINT, to, departAt: EVENING, profile: 'shortest' })
    const officer = await createUser(sql, { role: 'officer' })
    // Tuesdays 18:00–19:30 London time along the shortest route; EVENING is Tuesday 18:30.
    const schedule = { days: ['tue'], startTime: '18:00', durationMinutes: 90, validFrom: '2026-11-01', validUntil: '2026-12-31' }
    await sql`
      INSERT INTO patrols (title, public, waypoints, schedule, first_start, last_end, geom, length_meters, created_by)
      VALUES ('Bonus test', true, '[]', ${sql.json(schedule)}, '2026-11-03T18:00:00Z', '2026-12-29T19:30:00Z',
              ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(direct.routes[0]!.geometry)}), 4326),
              ${direct.routes[0]!.properties.lengthMeters}, ${officer.id})`
    try {
      await service.refresh()
      const tuesday = (await plan({ from: MEETING_POINT, to, departAt: EVENING })).body
      expect(Math.max(...tuesday.routes.map((r) => r.properties.patrolShare as number))).toBeGreaterThan(0.5)
      expect(tuesday.routes[0]!.properties.explanation.join(' ')).toMatch(/on paths a reassurance patrol covers then/)
      const wednesday = (await plan({ from: MEETING_POINT, to, departAt: '2026-11-18T18:30:00Z' })).body
      for (const route of wednesday.routes) expect(route.properties.patrolShare).toBe(0)
    } finally {
      await sql`DELETE FROM patrols`
      await service.refresh()
    }
  })
})

describe('running loops', () => {
  it('makes 8 km evening loops from the meeting point: within 5%, back at the start, little retraced, heading different ways', async () => {
    const { status, body } = await plan({ from: MEETING_POINT, distanceMeters: 8000, departAt: EVENING })
    expect(status).toBe(200)
    expect(body.kind).toBe('loop')
    expect(body.routes.length).toBeGreaterThanOrEqual(2)
    const headings: number[] = []
    for (const loop of body.routes) {
      expect(loop.properties.lengthMeters).toBeGreaterThanOrEqual(7600)
      expect(loop.properties.lengthMeters).toBeLessThanOrEqual(8400)
      expect(loop.properties.retraceShare).toBeLessThanOrEqual(0.1)
      const line = loop.geometry.coordinates
      expect(line[0]).toEqual(line.at(-1))
      // Starts on the path nearest the meeting point.
      expect(Math.abs(line[0]![0] - MEETING_POINT.lng)).toBeLessThan(0.003)
      const [cx, cy] = line.reduce(([x, y], [a, b]) => [x + a / line.length, y + b / line.length], [0, 0])
      headings.push((Math.atan2((cx - MEETING_POINT.lng) * 0.62, cy - MEETING_POINT.lat) * 180) / Math.PI)
      expect(loop.properties.explanation[0]).toMatch(/^\d\.\d km loop back to the start$/)
      expect(loop.properties.reasons[0]).toEqual({ code: 'loop_length', params: { lengthMeters: loop.properties.lengthMeters } })
      expectReasons(loop)
      expectTimes(loop)
      // A loop's distance was asked for: its score does not count it.
      expect(loop.properties.scoreCounts).toEqual(['reported_places', 'unlit_paths', 'parks_after_dark'])
    }
    expectBestFirst(body.routes)
    // The comparison is scored the same way, and is never better than the best choice.
    expect(body.shortest.properties.scoreCounts).toEqual(body.routes[0]!.properties.scoreCounts)
    expect(body.shortest.properties.score).toBeLessThanOrEqual(body.routes[0]!.properties.score)
    for (let i = 0; i < headings.length; i++)
      for (let j = i + 1; j < headings.length; j++) {
        const apart = Math.abs(((headings[i]! - headings[j]! + 540) % 360) - 180)
        expect(apart).toBeGreaterThan(30)
      }
  })

  it('lists loops best first under each profile, by what that profile counts', async () => {
    const noon = await plan({ from: MEETING_POINT, distanceMeters: 5000, departAt: '2026-11-17T12:00:00Z', profile: 'balanced' })
    expect(noon.status).toBe(200)
    expectBestFirst(noon.body.routes)
    // In daylight lighting and parks count for nothing.
    for (const loop of noon.body.routes) expect(loop.properties.scoreCounts).toEqual(['reported_places'])
    const shortest = await plan({ from: MEETING_POINT, distanceMeters: 5000, departAt: EVENING, profile: 'shortest' })
    expect(shortest.status).toBe(200)
    // Distance alone: nothing counts against a loop of the asked distance, and the shorter comes first.
    for (const loop of shortest.body.routes) expect(loop.properties).toMatchObject({ score: 100, scoreCounts: [] })
    expectBestFirst(shortest.body.routes)
  })

  it('moves the safest loop away from concerns placed on it, once they are reported', async () => {
    const before = await plan({ from: MEETING_POINT, distanceMeters: 5000, departAt: EVENING })
    const loop = before.body.routes[0]!
    // Harassment reported at four places spread along that loop, for the evening.
    const line = loop.geometry.coordinates
    const places = [0.2, 0.4, 0.6, 0.8].map((f) => line[Math.floor(f * line.length)]!)
    for (const at of places) {
      for (let k = 0; k < 3; k++) await insertConcern(sql, { at, category: 'harassment_group', timeBands: ['evening'] })
    }
    await service.refresh()
    const after = await plan({ from: MEETING_POINT, distanceMeters: 5000, departAt: EVENING })
    const near = (route: Route) =>
      places.filter(([x, y]) => route.geometry.coordinates.some(([a, b]) => Math.hypot((a - x) * 69_000, (b - y) * 111_000) < 40)).length
    expect(near(loop)).toBe(4)
    expect(near(after.body.routes[0]!)).toBeLessThanOrEqual(1)
    expect(after.body.routes[0]!.properties.explanation.join(' ')).toMatch(/Avoids \d+ reported places? that the plain-distance loop passes|No reported places/)
    // At noon they don't apply: they were reported for the evening.
    const noon = await plan({ from: MEETING_POINT, distanceMeters: 5000, departAt: '2026-11-17T12:00:00Z' })
    expect(noon.body.routes[0]!.properties.explanation.join(' ')).toMatch(/No reported places along it for the daytime/)
    // Deleted concerns leave no row to read back: the deletion sequence makes the graph reload them all.
    await resetConcerns(sql)
    expect((await service.refresh()).concerns.size).toBe(0)
  })

  it('refuses a loop the network cannot hold, saying the longest that fits', async () => {
    await sql`TRUNCATE path_edges RESTART IDENTITY`
    await importFiles(sql, 'osm', [SMALL_AREA])
    await service.refresh()
    await service.settled()
    const { status, body } = await plan({ from: { lng: -0.099, lat: 51.5 }, distanceMeters: 20_000 })
    expect(status).toBe(422)
    expect(body.error.code).toBe('loop_too_long')
    expect(body.error.details).toEqual({ longestMeters: expect.any(Number), distanceMeters: 20_000 })
    // The network was swapped without a restart: Southgate is gone, so its points are now far from any path.
    expect((await plan({ from: MEETING_POINT, distanceMeters: 5000 })).body.error.code).toBe('no_path_network')
    await sql`TRUNCATE path_edges RESTART IDENTITY`
    await importFiles(sql, 'osm', [`${SHARED_DATA}osm/north-london-southgate.osm`])
    await service.refresh()
    await service.settled()
    expect((await plan({ from: MEETING_POINT, distanceMeters: 5000 })).status).toBe(200)
  }, 120_000)
})

describe('bad input', () => {
  const cases: [string, unknown, number, string][] = [
    ['no body fields', {}, 400, 'invalid_json'],
    ['both to and distance', { from: MEETING_POINT, to: MEETING_POINT, distanceMeters: 5000 }, 400, 'invalid_json'],
    ['neither to nor distance', { from: MEETING_POINT }, 400, 'invalid_json'],
    ['a loop under 1 km', { from: MEETING_POINT, distanceMeters: 999 }, 400, 'invalid_json'],
    ['a loop over a marathon', { from: MEETING_POINT, distanceMeters: 42_196 }, 400, 'invalid_json'],
    ['a fractional distance', { from: MEETING_POINT, distanceMeters: 5000.5 }, 400, 'invalid_json'],
    ['a distance as text', { from: MEETING_POINT, distanceMeters: '5000' }, 400, 'invalid_json'],
    ['a latitude out of range', { from: { lng: 0, lat: 91 }, distanceMeters: 5000 }, 400, 'invalid_json'],
    ['coordinates as text', { from: { lng: '-0.13', lat: '51.63' }, distanceMeters: 5000 }, 400, 'invalid_json'],
    ['an extra field', { from: MEETING_POINT, distanceMeters: 5000, avoid: 'everything' }, 400, 'invalid_json'],
    ['a time without offset', { from: MEETING_POINT, distanceMeters: 5000, departAt: '2026-11-17T18:30:00' }, 400, 'invalid_json'],
    ['a time that is not one', { from: MEETING_POINT, distanceMeters: 5000, departAt: 'tonight' }, 400, 'invalid_json'],
    ['an unknown profile', { from: MEETING_POINT, distanceMeters: 5000, profile: 'fastest' }, 400, 'invalid_json'],
    ['a start 50 km away', { from: { lng: -0.85, lat: 51.63 }, distanceMeters: 5000 }, 422, 'no_path_network'],
    ['an end 50 km away', { from: MEETING_POINT, to: { lng: -0.85, lat: 51.63 } }, 422, 'no_path_network'],
    ['a start in the sea', { from: { lng: 1.8, lat: 51.2 }, to: MEETING_POINT }, 422, 'no_path_network'],
  ]
  it.each(cases)('%s → %i %s, nothing stored', async (_name, body, status, code) => {
    const before = await countRoutes()
    const res = await plan(body)
    expect(res.status).toBe(status)
    expect(res.body.error.code).toBe(code)
    expect(await countRoutes()).toBe(before)
  })

  it('refuses what is not JSON, a body too big, and another origin', async () => {
    const before = await countRoutes()
    const text = await app.request('/api/routes', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'from=here' })
    expect(text.status).toBe(415)
    const big = await app.request('/api/routes', json('POST', { from: MEETING_POINT, distanceMeters: 5000, pad: 'x'.repeat(100_000) }))
    expect(big.status).toBe(413)
    const broken = await app.request('/api/routes', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"from":' })
    expect(broken.status).toBe(400)
    const foreign = await app.request('/api/routes', json('POST', { from: MEETING_POINT, distanceMeters: 5000 }, { origin: 'https://evil.example' }))
    expect(foreign.status).toBe(403)
    expect(await countRoutes()).toBe(before)
  })
})

// The independent check: pgRouting's Dijkstra over the same edges and lengths (server only:
// the embedded PostGIS has no pgRouting).
describe.runIf(inject('databaseKind') === 'server')('agreement with pgRouting', () => {
  it('matches pgr_dijkstra on 200 seeded pairs within 0.1%, unreachable pairs included', async () => {
    await sql`CREATE EXTENSION IF NOT EXISTS pgrouting`
    const { graph, planner } = await service.refresh()
    const random = seededRandom(20261121)
    let unreachable = 0
    for (let k = 0; k < 200; k++) {
      // Every tenth pair ends in a small detached component, so some pairs can't be joined.
      const a = Math.floor(random() * graph.nodeCount)
      let b = Math.floor(random() * graph.nodeCount)
      if (k % 10 === 0) {
        const detached = [...graph.component.keys()].filter((n) => graph.component[n] !== graph.mainComponent)
        if (detached.length) b = detached[Math.floor(random() * detached.length)]!
      }
      const ours = planner.searcher.path(graph.length, [{ node: a, cost: 0 }], [{ node: b, cost: 0 }])
      const [theirs] = await sql<{ cost: number | null; n: number }[]>`
        SELECT sum(cost) AS cost, count(*)::int AS n
        FROM pgr_dijkstra(${PGR_EDGES}, ${graph.osmNode[a]!}::bigint, ${graph.osmNode[b]!}::bigint, directed => false)`
      if (a === b) continue
      if (theirs!.n === 0) {
        unreachable++
        expect(ours, `pair ${k}`).toBeNull()
      } else {
        expect(ours, `pair ${k}`).not.toBeNull()
        expect(Math.abs(ours!.cost - theirs!.cost!) / theirs!.cost!).toBeLessThanOrEqual(0.001)
      }
    }
    expect(unreachable).toBeGreaterThan(0)
  }, 120_000)
})
