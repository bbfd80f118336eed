import ICAL from 'ical.js'
import { beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { Role } from '../../server/auth/users.ts'
import { importFiles } from '../../server/importers/import.ts'
import { PACE } from '../../common/pace.ts'
import { bandIndex, slotBit } from '../../server/patrols/concern-points.ts'
import { evaluateCoverage, loadCoverage, type CoverageInputs } from '../../server/patrols/coverage.ts'
import { placeNames, placeText } from '../../server/patrols/places.ts'
import { sessionBands } from '../../server/patrols/schedule.ts'
import { seededRandom } from '../../server/seeded-random.ts'
import { routingService } from '../../server/routing/service.ts'
import { createTestApp } from '../support/app.ts'
import { signedIn } from '../support/clubs.ts'
import { createArea, insertConcern, json, reportAt } from '../support/concerns.ts'
import { resetConcerns, resetMapData, SHARED_DATA, useTestSql } from '../support/db.ts'
import { createOpenSpace, createPathEdge } from '../support/fixtures.ts'
import { resetAccounts } from '../support/users.ts'

// Reassurance patrols (docs/patrols-api.md): plans on the path network, their schedules in
// London time, coverage of residents' concerns, suggestions, links back to receipts, and who
// may see and change what. The network is the Southgate OSM extract, plus one hand-made
// east–west footway (the "lane") whose line is known exactly, for the coverage distances.

const sql = useTestSql()
const service = routingService(sql, 'immediately')
const app = await createTestApp(sql, { reportsPerClient: 1000 })
type App = typeof app

// Broomfield Park, Southgate.
const PARK = { lng: -0.1181, lat: 51.6186 }
const PARK_WAYPOINTS = [
  { lng: -0.1181, lat: 51.6186 },
  { lng: -0.115, lat: 51.62, dwellMinutes: 10 },
]
const PARK_BBOX = '-0.13,51.61,-0.10,51.63'
const EVERY_DAY = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']
const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri']

/** Spherical earth of server/patrols/concern-points.ts. */
const R = 6_371_008.8
const RAD = Math.PI / 180

type LngLat = [number, number]
type Feature = { type: 'Feature'; id: number; geometry: { type: 'LineString'; coordinates: LngLat[] }; properties: Record<string, any> }

let officer = ''
let admin = ''
let organiser = ''
/** The lane: its west end and latitude (a hand-made footway joined to the network at an OSM node). */
let lane = { west: 0, east: 0, lat: 0 }

// ---------------------------------------------------------------------------------------------
// Requests

function init(cookie: string | undefined, method: string, body?: unknown): RequestInit {
  const headers: Record<string, string> = { origin: 'http://localhost' }
  if (cookie) headers.cookie = cookie
  if (body === undefined) return { method, headers }
  return json(method, body, headers)
}

type Answer = { status: number; body: any; text: string; headers: Headers }

/** One request; no answer may ever be a 5xx. */
async function call(cookie: string | undefined, method: string, path: string, body?: unknown, on: App = app): Promise<Answer> {
  return send(path, init(cookie, method, body), on)
}

async function send(path: string, request: RequestInit, on: App = app): Promise<Answer> {
  const res = await on.request(path, request)
  const text = await res.text()
  expect(res.status, `${request.method ?? 'GET'} ${path}: ${text.slice(0, 300)}`).toBeLessThan(500)
  let body: unknown
  try {
    body = text ? JSON.parse(text) : undefined
  } catch {
    body = undefined
  }
  return { status: res.status, body, text, headers: res.headers }
}

async function ok(cookie: string | undefined, method: string, path: string, body?: unknown, status = 200, on: App = app) {
  const res = await call(cookie, method, path, body, on)
  expect(res.status, `${method} ${path}: ${res.text.slice(0, 500)}`).toBe(status)
  return res.body
}

/** The one error shape: {"error": {"code", "message", "details"?}}, nothing else. */
function expectErrorShape(body: any, code?: string) {
  expect(Object.keys(body ?? {})).toEqual(['error'])
  expect(typeof body.error.code).toBe('string')
  expect(typeof body.error.message).toBe('string')
  for (const key of Object.keys(body.error)) expect(['code', 'message', 'details']).toContain(key)
  if (code) expect(body.error.code).toBe(code)
}

// ---------------------------------------------------------------------------------------------
// Dates, schedules, plans

const londonToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date())
const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10)

/** A weekly schedule running from today for 60 days, so "from now on" always finds it. */
const upcoming = (extra: Record<string, unknown> = {}) => ({
  days: EVERY_DAY,
  startTime: '18:00',
  durationMinutes: 60,
  validFrom: londonToday(),
  validUntil: addDays(londonToday(), 60),
  ...extra,
})

const planBody = (extra: Record<string, unknown> = {}) => ({
  title: 'Evening parks patrol',
  team: 'Southgate SNT',
  notes: 'Meet at the cafe',
  public: true,
  waypoints: PARK_WAYPOINTS,
  schedule: upcoming(),
  ...extra,
})

async function createPlan(body: Record<string, unknown> = planBody(), cookie = officer): Promise<Feature> {
  return ok(cookie, 'POST', '/api/patrols', body, 201)
}

/** Everything the patrol endpoints can change, as one string. */
async function patrolState(): Promise<string> {
  const [row] = await sql<{ state: string }[]>`
    SELECT json_build_object(
      'plans', (SELECT json_agg(json_build_object('id', id, 'title', title, 'team', team, 'notes', notes, 'public', public,
                  'waypoints', waypoints, 'schedule', schedule, 'first', first_start, 'last', last_end, 'length', length_meters,
                  'geom', ST_AsText(geom), 'updated', updated_at) ORDER BY id) FROM patrols),
      'links', (SELECT json_agg(json_build_object('patrol', patrol_id, 'concern', concern_id) ORDER BY patrol_id, concern_id)
                FROM patrol_concerns))::text AS state`
  return row!.state
}

async function counts() {
  const [row] = await sql<{ plans: number; links: number }[]>`
    SELECT (SELECT count(*)::int FROM patrols) AS plans, (SELECT count(*)::int FROM patrol_concerns) AS links`
  return row!
}

/** Vertices of a line farther than 1 m (on the spheroid) from every path edge. */
async function offNetwork(coords: LngLat[]): Promise<LngLat[]> {
  const rows = await sql<{ lng: number; lat: number }[]>`
    SELECT v.lng, v.lat FROM unnest(${coords.map((c) => c[0])}::float8[], ${coords.map((c) => c[1])}::float8[]) AS v(lng, lat)
    WHERE NOT EXISTS (
      SELECT FROM path_edges e
      WHERE ST_DWithin(e.geom::geography, ST_SetSRID(ST_MakePoint(v.lng, v.lat), 4326)::geography, 1))`
  return rows.map((r) => [r.lng, r.lat])
}

async function resetPatrols() {
  await sql`TRUNCATE patrols RESTART IDENTITY CASCADE`
}

// ---------------------------------------------------------------------------------------------
// Concerns, as coverage reads them

async function concernAt(at: LngLat, options: { bands?: string[]; days?: 'any' | 'weekdays' | 'weekends'; support?: number } = {}) {
  const id = await insertConcern(sql, { at, timeBands: options.bands ?? ['evening'] })
  if (options.days) await sql`UPDATE concerns SET days = ${options.days} WHERE id = ${id}`
  if (options.support) await sql`UPDATE concerns SET support_count = ${options.support} WHERE id = ${id}`
  return id
}

/** Metres from a point to a line as server/patrols/concern-points.ts measures it: flat at the point's latitude. */
function serverMetres(line: LngLat[], lng: number, lat: number): number {
  const kx = R * RAD * Math.cos(lat * RAD)
  const ky = R * RAD
  let best = Infinity
  for (let k = 1; k < line.length; k++) {
    const [aLng, aLat] = line[k - 1]!
    const [bLng, bLat] = line[k]!
    const ax = (aLng - lng) * kx
    const ay = (aLat - lat) * ky
    const dx = (bLng - aLng) * kx
    const dy = (bLat - aLat) * ky
    const len2 = dx * dx + dy * dy
    const u = len2 === 0 ? 0 : Math.max(0, Math.min(1, -(ax * dx + ay * dy) / len2))
    best = Math.min(best, Math.hypot(ax + u * dx, ay + u * dy))
  }
  return best
}

/**
 * The point due north of (lng, lat on the line) at `metres`: dLat = metres / (R·π/180). Floating
 * point may land it a few nanometres beyond; it is then moved south by the smallest steps until
 * the server's own measure says at most `metres`.
 */
function dueNorth(line: LngLat[], lng: number, lat: number, metres: number): LngLat {
  let north = lat + metres / (R * RAD)
  while (serverMetres(line, lng, north) > metres) north -= Math.abs(north) * Number.EPSILON
  return [lng, north]
}

const laneAt = (fraction: number): number => lane.west + fraction * (lane.east - lane.west)
const LANE_WEEK = '2027-W03' // 18–24 January 2027
const laneBbox = () => `${lane.west - 0.01},${lane.lat - 0.01},${lane.east + 0.01},${lane.lat + 0.01}`
const laneSchedule = (extra: Record<string, unknown> = {}) => ({
  days: EVERY_DAY,
  startTime: '18:00',
  durationMinutes: 60,
  validFrom: '2027-01-04',
  validUntil: '2027-02-28',
  ...extra,
})

/** A plan along the lane, from 1/10 to 9/10 of it (one straight east–west segment). */
async function lanePlan(schedule: Record<string, unknown>, stops: { at: number; dwellMinutes?: number }[] = [{ at: 0.1 }, { at: 0.9 }]) {
  const plan = await createPlan(
    planBody({ title: 'Lane patrol', waypoints: stops.map((s) => ({ lng: laneAt(s.at), lat: lane.lat, dwellMinutes: s.dwellMinutes ?? 0 })), schedule }),
  )
  for (const [, lat] of plan.geometry.coordinates) expect(lat).toBe(lane.lat) // the line is the lane, nothing else
  return plan
}

async function coverage(on: App = app, week = LANE_WEEK, bbox = laneBbox()) {
  return ok(officer, 'GET', `/api/coverage?bbox=${bbox}&week=${week}`, undefined, 200, on)
}

// ---------------------------------------------------------------------------------------------

beforeAll(async () => {
  await resetMapData(sql)
  await resetConcerns(sql)
  await resetPatrols()
  await resetAccounts(sql)
  await importFiles(sql, 'osm', [`${SHARED_DATA}osm/north-london-southgate.osm`])
  await createArea(sql) // the boundary residents may report in
  // The lane: from the OSM node nearest (-0.150, 51.605), 0.012° due east (≈ 830 m), 2.5 km from the park.
  const [node] = await sql<{ id: string; lng: number; lat: number }[]>`
    SELECT node::text AS id, ST_X(p) AS lng, ST_Y(p) AS lat FROM (
      SELECT ST_StartPoint(geom) AS p, source AS node FROM path_edges UNION ALL SELECT ST_EndPoint(geom), target FROM path_edges) s
    ORDER BY p <-> ST_SetSRID(ST_MakePoint(-0.150, 51.605), 4326) LIMIT 1`
  lane = { west: node!.lng, east: Math.round((node!.lng + 0.012) * 1e7) / 1e7, lat: node!.lat }
  await sql`
    INSERT INTO path_edges (osm_way_id, segment, source, target, highway, lit, name, length_m, geom)
    SELECT 9000000001, 0, ${node!.id}::bigint, 9000000001, 'footway', 'yes', 'Test lane', ST_Length(g::geography), g
    FROM (SELECT ST_SetSRID(ST_MakeLine(ST_MakePoint(${lane.west}, ${lane.lat}), ST_MakePoint(${lane.east}, ${lane.lat})), 4326) AS g) s`
  await service.refresh()
  await service.settled()
  officer = (await signedIn(sql, 'officer', 'PC Patel')).cookie
  admin = (await signedIn(sql, 'admin')).cookie
  organiser = (await signedIn(sql, 'club')).cookie
}, 300_000)

beforeEach(async () => {
  await resetPatrols()
  await resetConcerns(sql)
})

// ---------------------------------------------------------------------------------------------

describe('plans', () => {
  it('creates a plan from waypoints whose line follows the path network, and reads it back', async () => {
    const plan = await createPlan()
    expect(plan).toMatchObject({ type: 'Feature', id: expect.any(Number), geometry: { type: 'LineString' } })
    expect(plan.properties).toEqual({
      id: plan.id,
      title: 'Evening parks patrol',
      team: 'Southgate SNT',
      public: true,
      schedule: upcoming(),
      scheduleText: `Every day 18:00–19:00, ${plan.properties.scheduleText.split(', ')[1]}`,
      lengthMeters: expect.any(Number),
      walkMinutes: expect.any(Number),
      dwellMinutes: 10,
      nextSessions: expect.any(Array),
      notes: 'Meet at the cafe',
      waypoints: [
        { lng: expect.any(Number), lat: expect.any(Number), dwellMinutes: 0 },
        { lng: expect.any(Number), lat: expect.any(Number), dwellMinutes: 10 },
      ],
      linkedConcerns: 0,
      updatedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    })
    const coords = plan.geometry.coordinates
    expect(coords.length).toBeGreaterThan(2)
    expect(await offNetwork(coords)).toEqual([])
    // The line starts and ends at the snapped waypoints, each within 200 m of the one given.
    expect(coords[0]).toEqual([plan.properties.waypoints[0].lng, plan.properties.waypoints[0].lat])
    expect(coords.at(-1)).toEqual([plan.properties.waypoints[1].lng, plan.properties.waypoints[1].lat])
    const [len] = await sql<{ m: number }[]>`
      SELECT ST_Length(ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(plan.geometry)}), 4326)::geography) AS m`
    expect(Math.abs(plan.properties.lengthMeters - len!.m)).toBeLessThan(Math.max(5, len!.m * 0.01))
    expect(plan.properties.walkMinutes).toBe(Math.round(plan.properties.lengthMeters / 75))
    expect(plan.properties.nextSessions.length).toBe(5)
    expect(plan.properties.nextSessions[0].end).toBe(new Date(Date.parse(plan.properties.nextSessions[0].start) + 3_600_000).toISOString())

    expect(await ok(officer, 'GET', `/api/patrols/${plan.id}`)).toEqual(plan)
    const [stored] = await sql<{ n: number }[]>`SELECT count(*)::int AS n FROM patrols`
    expect(stored!.n).toBe(1)
  })

  it('creates a plan from a hand-made GPX track, thinned to one point every 50 m and joined along the paths', async () => {
    // 20 made-up track points near Broomfield Park, about 13 m apart, heading north-east.
    const points = Array.from({ length: 20 }, (_, k) => [-0.1181 + k * 0.00012, 51.6186 + k * 0.00007] as LngLat)
    const gpx = `<?xml version="1.0" encoding="UTF-8"?>
<gpx version="1.1" creator="patrols.test.ts" xmlns="http://www.topografix.com/GPX/1/1">
  <trk><name>Made-up walk</name><trkseg>
${points.map(([lng, lat]) => `    <trkpt lat="${lat.toFixed(6)}" lon="${lng.toFixed(6)}"><ele>40</ele></trkpt>`).join('\n')}
  </trkseg></trk>
</gpx>`
    const plan = await createPlan(planBody({ waypoints: undefined, gpx, title: 'GPX walk' }))
    expect(plan.properties.title).toBe('GPX walk')
    // Kept: the first point, then each one at least 50 m on (every 4th here: 4 × 12.9 m), and the last.
    const step = Math.hypot(0.00012 * Math.cos(51.619 * RAD), 0.00007) * R * RAD
    const every = Math.ceil(50 / step)
    const expected = Array.from({ length: 20 }, (_, k) => k).filter((k) => k % every === 0 && k < 19).length + 1
    expect(plan.properties.waypoints).toHaveLength(expected)
    expect(plan.properties.dwellMinutes).toBe(0)
    expect(await offNetwork(plan.geometry.coordinates)).toEqual([])

    // A GPX route (rtept) with a prefixed namespace is read the same way.
    const route = `<g:gpx xmlns:g="http://www.topografix.com/GPX/1/1" version="1.1"><g:rte>
      <g:rtept lat="51.6186" lon="-0.1181"/><g:rtept lat="51.6199" lon="-0.1155"/></g:rte></g:gpx>`
    const fromRoute = await createPlan(planBody({ waypoints: undefined, gpx: route }))
    expect(fromRoute.properties.waypoints).toHaveLength(2)
    expect(await offNetwork(fromRoute.geometry.coordinates)).toEqual([])
  })

  it('PUT replaces the whole plan, and DELETE removes it with its links', async () => {
    const plan = await createPlan()
    const concern = await concernAt([PARK.lng, PARK.lat])
    await ok(officer, 'POST', `/api/patrols/${plan.id}/concerns`, { concernId: concern }, 204)
    const replaced = await ok(officer, 'PUT', `/api/patrols/${plan.id}`, {
      title: 'Morning school run',
      public: false,
      waypoints: [{ lng: -0.1181, lat: 51.6186 }, { lng: -0.1181, lat: 51.613, dwellMinutes: 5 }],
      schedule: { start: '2027-01-12T08:15:00+00:00', durationMinutes: 45 },
    })
    expect(replaced.id).toBe(plan.id)
    expect(replaced.properties).toMatchObject({
      title: 'Morning school run',
      team: null, // left out: cleared
      notes: null,
      public: false,
      schedule: { start: '2027-01-12T08:15:00+00:00', durationMinutes: 45 },
      scheduleText: 'Tue 12 Jan 2027 08:15–09:00',
      dwellMinutes: 5,
      linkedConcerns: 1,
    })
    expect(replaced.geometry.coordinates).not.toEqual(plan.geometry.coordinates)
    expect(await offNetwork(replaced.geometry.coordinates)).toEqual([])
    const read = await ok(officer, 'GET', `/api/patrols/${plan.id}`)
    expect({ ...read, properties: { ...read.properties, updatedAt: 0 } }).toEqual({ ...replaced, properties: { ...replaced.properties, updatedAt: 0 } })

    await ok(officer, 'DELETE', `/api/patrols/${plan.id}`, undefined, 204)
    expect(await counts()).toEqual({ plans: 0, links: 0 })
    const [left] = await sql<{ n: number }[]>`SELECT count(*)::int AS n FROM concerns WHERE id = ${concern}`
    expect(left!.n).toBe(1) // the concern itself stays
    const gone = await call(officer, 'GET', `/api/patrols/${plan.id}`)
    expect(gone.status).toBe(404)
    expectErrorShape(gone.body, 'not_found')
    const again = await call(officer, 'DELETE', `/api/patrols/${plan.id}`)
    expect(again.status).toBe(404)
    const put = await call(officer, 'PUT', `/api/patrols/${plan.id}`, planBody())
    expect(put.status).toBe(404)
    expect(await counts()).toEqual({ plans: 0, links: 0 })
  })

  it('previews the snapped line without storing anything', async () => {
    const preview = await ok(officer, 'POST', '/api/patrols/preview', { waypoints: PARK_WAYPOINTS })
    expect(Object.keys(preview).sort()).toEqual(['dwellMinutes', 'geometry', 'lengthMeters', 'walkMinutes', 'waypoints'])
    expect(await offNetwork(preview.geometry.coordinates)).toEqual([])
    const plan = await createPlan()
    expect(preview.geometry).toEqual(plan.geometry)
    expect(await counts()).toEqual({ plans: 1, links: 0 })
  })
})

// ---------------------------------------------------------------------------------------------

describe('listing and "next patrol near here"', () => {
  it('lists by bbox the plans whose line meets it, not those whose bounding box merely overlaps it', async () => {
    const plan = await createPlan()
    // The corner of the line's bounding box farthest from the line, and a box of ±0.0002° around it.
    const [corner] = await sql<{ lng: number; lat: number; metres: number }[]>`
      WITH l AS (SELECT ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(plan.geometry)}), 4326) AS g)
      SELECT ST_X(p) AS lng, ST_Y(p) AS lat, ST_Distance(ST_SetSRID(p, 4326)::geography, g::geography) AS metres
      FROM l, LATERAL unnest(ARRAY[ST_MakePoint(ST_XMin(g), ST_YMin(g)), ST_MakePoint(ST_XMin(g), ST_YMax(g)),
                                   ST_MakePoint(ST_XMax(g), ST_YMin(g)), ST_MakePoint(ST_XMax(g), ST_YMax(g))]) AS p
      ORDER BY metres DESC LIMIT 1`
    const box = [corner!.lng - 0.0002, corner!.lat - 0.0002, corner!.lng + 0.0002, corner!.lat + 0.0002]
    const [check] = await sql<{ meets: boolean; overlaps: boolean }[]>`
      WITH l AS (SELECT ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(plan.geometry)}), 4326) AS g),
           b AS (SELECT ST_MakeEnvelope(${box[0]!}, ${box[1]!}, ${box[2]!}, ${box[3]!}, 4326) AS e)
      SELECT ST_Intersects(g, e) AS meets, g && e AS overlaps FROM l, b`
    expect(check).toEqual({ meets: false, overlaps: true }) // the case this test is about
    expect((await ok(undefined, 'GET', `/api/patrols?bbox=${box.join(',')}`)).features).toEqual([])
    expect((await ok(officer, 'GET', `/api/patrols?bbox=${box.join(',')}`)).features).toEqual([])
    // A box on the line itself finds it.
    const [x, y] = plan.geometry.coordinates[1]!
    const onLine = [x - 0.0002, y - 0.0002, x + 0.0002, y + 0.0002].join(',')
    expect((await ok(undefined, 'GET', `/api/patrols?bbox=${onLine}`)).features.map((f: Feature) => f.id)).toEqual([plan.id])
  })

  it('"next" gives the next session of up to 3 public plans within 500 m, soonest first, one per plan', async () => {
    const at = (hours: number) => new Date(Math.ceil(Date.now() / 60_000) * 60_000 + hours * 3_600_000).toISOString()
    const once = (hours: number) => ({ start: at(hours), durationMinutes: 30 })
    const p5 = await createPlan(planBody({ title: 'In 5 hours', schedule: once(5) }))
    const p2 = await createPlan(planBody({ title: 'In 2 hours', schedule: once(2) }))
    const p4 = await createPlan(planBody({ title: 'In 4 hours', schedule: once(4) }))
    const daily = await createPlan(planBody({ title: 'Daily', schedule: upcoming({ validFrom: addDays(londonToday(), 1) }) }))
    await createPlan(planBody({ title: 'Private, in 1 hour', public: false, schedule: once(1) }))
    await createPlan(planBody({ title: 'In 3 weeks', schedule: once(21 * 24) }))
    await lanePlan({ start: at(1), durationMinutes: 30 }) // 2.5 km away
    const { near } = await ok(undefined, 'GET', `/api/patrols/next?lng=${PARK.lng}&lat=${PARK.lat}`)
    const dailyFirst = daily.properties.nextSessions[0].start
    const expected = [
      { id: p2.id, start: at(2) }, { id: p4.id, start: at(4) }, { id: p5.id, start: at(5) }, { id: daily.id, start: dailyFirst },
    ].sort((a, b) => a.start.localeCompare(b.start)).slice(0, 3)
    expect(near.map((n: any) => ({ id: n.patrol.id, start: n.start }))).toEqual(expected)
    for (const n of near) {
      expect(n.distanceMeters).toBeLessThanOrEqual(500)
      expect(n.end).toBe(new Date(Date.parse(n.start) + (n.patrol.id === daily.id ? 60 : 30) * 60_000).toISOString())
      // The schedule as data too, for the UI to word in its language (`scheduleText` is English).
      expect(n.patrol.schedule).toEqual(n.patrol.id === daily.id ? daily.properties.schedule : { start: expect.any(String), durationMinutes: 30 })
    }
  })

  it('the .ics holds the next 30 days by default', async () => {
    const at = (days: number) => new Date(Math.ceil(Date.now() / 60_000) * 60_000 + days * 86_400_000).toISOString()
    const soon = await createPlan(planBody({ title: 'Soon', schedule: { start: at(29), durationMinutes: 30 } }))
    const later = await createPlan(planBody({ title: 'Later', schedule: { start: at(31), durationMinutes: 30 } }))
    const res = await call(undefined, 'GET', '/api/patrols.ics')
    const uids = new ICAL.Component(ICAL.parse(res.text)).getAllSubcomponents('vevent').map((v) => new ICAL.Event(v).uid)
    expect(uids).toEqual([`patrol-${soon.id}-${new Date(at(29)).toISOString()}@common-ground`])
    expect((await ok(undefined, 'GET', '/api/patrols')).features.map((f: Feature) => f.id)).toEqual([soon.id, later.id])
  })
})

// ---------------------------------------------------------------------------------------------

describe('schedules through the API', () => {
  const DST = { days: EVERY_DAY, startTime: '18:00', durationMinutes: 90, validFrom: '2027-03-22', validUntil: '2027-04-04' }
  // Clocks go forward at 01:00 UTC on Sunday 28 March 2027: 18:00 London is 18:00Z before, 17:00Z from then.
  const expectedStart = (date: string) => `${date}T${date < '2027-03-28' ? '18' : '17'}:00:00.000Z`

  it('a weekly plan across the spring-forward change keeps 18:00 London time in the list', async () => {
    const plan = await createPlan(planBody({ title: 'Spring patrol', schedule: DST }))
    expect(plan.properties.scheduleText).toBe('Every day 18:00–19:30, 22 Mar 2027 – 4 Apr 2027')
    const list = await ok(undefined, 'GET', '/api/patrols?from=2027-03-25T00:00:00Z&to=2027-03-31T00:00:00Z')
    expect(list.features.map((f: Feature) => f.id)).toEqual([plan.id])
    const dates = ['2027-03-25', '2027-03-26', '2027-03-27', '2027-03-28', '2027-03-29']
    expect(list.features[0].properties.nextSessions).toEqual(
      dates.map((d) => ({ start: expectedStart(d), end: new Date(Date.parse(expectedStart(d)) + 90 * 60_000).toISOString() })),
    )
    // Outside its dates, the plan has no session.
    expect((await ok(undefined, 'GET', '/api/patrols?from=2027-04-05T00:00:00Z&to=2027-04-30T00:00:00Z')).features).toEqual([])
    expect((await ok(undefined, 'GET', '/api/patrols?from=2027-03-01T00:00:00Z&to=2027-03-22T00:00:00Z')).features).toEqual([])
  })

  it('reads plain dates as whole London days, in the list and the .ics', async () => {
    const plan = await createPlan(planBody({ title: 'Spring patrol', schedule: DST }))
    // 25–28 March 2027: four London days, the last of them the day the clocks go forward.
    const list = await ok(undefined, 'GET', '/api/patrols?from=2027-03-25&to=2027-03-28')
    expect(list.features.map((f: Feature) => f.id)).toEqual([plan.id])
    expect(list.features[0].properties.nextSessions.map((s: { start: string }) => s.start)).toEqual(
      ['2027-03-25', '2027-03-26', '2027-03-27', '2027-03-28'].map(expectedStart),
    )
    const res = await call(undefined, 'GET', '/api/patrols.ics?from=2027-03-25&to=2027-03-28')
    expect(res.status).toBe(200)
    expect(new ICAL.Component(ICAL.parse(res.text)).getAllSubcomponents('vevent')).toHaveLength(4)
  })

  it('the .ics has one VEVENT per session, in UTC, at 18:00Z before and 17:00Z after the change', async () => {
    const plan = await createPlan(planBody({ title: 'Spring patrol', schedule: DST }))
    const res = await call(undefined, 'GET', '/api/patrols.ics?from=2027-03-22T00:00:00Z&to=2027-04-05T00:00:00Z')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^text\/calendar/)
    const calendar = new ICAL.Component(ICAL.parse(res.text))
    const events = calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v))
    const dates = Array.from({ length: 14 }, (_, k) => addDays('2027-03-22', k))
    expect(events.map((e) => e.startDate.toJSDate().toISOString())).toEqual(dates.map(expectedStart))
    for (const e of events) {
      expect(e.startDate.zone?.tzid).toBe('UTC')
      expect(e.endDate.toJSDate().getTime() - e.startDate.toJSDate().getTime()).toBe(90 * 60_000)
      expect(e.uid).toBe(`patrol-${plan.id}-${e.startDate.toJSDate().toISOString()}@common-ground`)
      expect(e.summary).toContain('Spring patrol')
    }
  })
})

// ---------------------------------------------------------------------------------------------

describe('coverage', () => {
  it('covers a concern exactly at the distance limit and not one at 100.5 m', async () => {
    const plan = await lanePlan(laneSchedule())
    const line = plan.geometry.coordinates
    const mid = laneAt(0.5)
    const atLimit = dueNorth(line, mid, lane.lat, 100)
    expect(serverMetres(line, ...atLimit)).toBeGreaterThan(100 - 1e-6)
    expect(serverMetres(line, ...atLimit)).toBeLessThanOrEqual(100)
    const limitId = await concernAt(atLimit)
    expect(await coverage()).toMatchObject({ coverageMetres: 100, totalWeight: 1, coveredWeight: 1, coveredShare: 1 })

    await sql`UPDATE concerns SET hidden = true WHERE id = ${limitId}`
    const beyond: LngLat = [mid, lane.lat + 100.5 / (R * RAD)]
    expect(serverMetres(line, ...beyond)).toBeCloseTo(100.5, 6)
    await concernAt(beyond)
    expect(await coverage()).toMatchObject({ totalWeight: 1, coveredWeight: 0, coveredShare: 0 })
  })

  it('a session outside the concern\'s time band does not cover it', async () => {
    await lanePlan(laneSchedule({ startTime: '10:00', durationMinutes: 60 }))
    const near: LngLat = [laneAt(0.5), lane.lat + 10 / (R * RAD)]
    await concernAt(near, { bands: ['evening'] })
    let report = await coverage()
    expect(report).toMatchObject({ totalWeight: 1, coveredWeight: 0, coveredShare: 0 })
    await concernAt(near, { bands: ['daytime'] })
    report = await coverage()
    expect(report).toMatchObject({ totalWeight: 2, coveredWeight: 1, coveredShare: 0.5 })
    expect(report.byTimeBand).toEqual({
      early_morning: { share: null, weight: 0, coveredWeight: 0 },
      daytime: { share: 1, weight: 1, coveredWeight: 1 },
      evening: { share: 0, weight: 1, coveredWeight: 0 },
      night: { share: null, weight: 0, coveredWeight: 0 },
    })
    expect(report.sessions).toHaveLength(7)
    for (const s of report.sessions) expect(s.start).toMatch(/T10:00:00/) // January: London is UTC
  })

  it('a weekday-only session does not cover a weekends concern', async () => {
    await lanePlan(laneSchedule({ days: WEEKDAYS }))
    const near: LngLat = [laneAt(0.5), lane.lat + 10 / (R * RAD)]
    await concernAt(near, { days: 'weekends' })
    expect(await coverage()).toMatchObject({ totalWeight: 1, coveredWeight: 0, coveredShare: 0 })
    await concernAt(near, { days: 'weekdays' })
    await concernAt(near, { days: 'any' })
    expect(await coverage()).toMatchObject({ totalWeight: 3, coveredWeight: 2, coveredShare: 0.6667 })
  })

  it('leaves hidden and merged concerns out, weights by support, and splits by time band', async () => {
    await lanePlan(laneSchedule())
    const near: LngLat = [laneAt(0.5), lane.lat + 10 / (R * RAD)]
    const far: LngLat = [laneAt(0.5), lane.lat + 500 / (R * RAD)]
    const covered = await concernAt(near, { bands: ['evening', 'night'], support: 3 })
    await concernAt(far, { bands: ['evening'] })
    await concernAt(near, { support: 5 }).then((id) => sql`UPDATE concerns SET hidden = true WHERE id = ${id}`)
    await concernAt(near, { support: 7 }).then((id) => sql`UPDATE concerns SET merged_into = ${covered} WHERE id = ${id}`)
    const report = await coverage()
    expect(report).toMatchObject({ totalWeight: 4, coveredWeight: 3, coveredShare: 0.75 })
    expect(report.byTimeBand).toEqual({
      early_morning: { share: null, weight: 0, coveredWeight: 0 },
      daytime: { share: null, weight: 0, coveredWeight: 0 },
      evening: { share: 0.75, weight: 4, coveredWeight: 3 },
      night: { share: 0, weight: 3, coveredWeight: 0 }, // the plan walks in the evening only
    })
  })

  it('finds a hot spot in 3 concerns within 75 m, not in 2', async () => {
    const north = lane.lat + 20 / (R * RAD)
    const metresEast = (m: number) => m / (R * RAD * Math.cos(north * RAD))
    const ids: number[] = []
    for (const m of [0, 30, 60]) ids.push(await concernAt([laneAt(0.3) + metresEast(m), north]))
    for (const m of [0, 30]) await concernAt([laneAt(0.8) + metresEast(m), north])
    const report = await coverage()
    expect(report.totalWeight).toBe(5)
    expect(report.hotspots.features).toHaveLength(1)
    const [spot] = report.hotspots.features
    expect(spot.geometry.coordinates[0]).toBeCloseTo(laneAt(0.3) + metresEast(30), 5)
    expect(spot.geometry.coordinates[1]).toBeCloseTo(north, 5)
    expect(spot.properties).toEqual({
      id: Math.min(...ids), rank: 1, place: placeText(spot.properties.placeName), placeName: { kind: expect.stringMatching(/^(path|open_space)$/), name: expect.any(String) }, weight: 3, uncoveredWeight: 3, concerns: 3, radiusMeters: 30,
      timeBands: ['evening'], days: 'any', patrolMinutes: 0, minutesPerDay: 0, meetsDosage: false,
    })
  })

  it('names a place by the named open space it lies in, else by the nearest named path within about 300 m', async () => {
    // Far from the imported network, so nothing else is near.
    const corner: [number, number] = [1.2, 52.1]
    const space = await createOpenSpace(sql, { corner, size: 0.002, name: 'Test Common' })
    const path = await createPathEdge(sql, { coords: [[1.21, 52.11], [1.212, 52.11]], name: 'Quiet Test Path' })
    try {
      const names = await placeNames(sql, [[1.201, 52.101], [1.211, 52.1101], [1.25, 52.15]])
      expect(names).toEqual([{ kind: 'open_space', name: 'Test Common' }, { kind: 'path', name: 'Quiet Test Path' }, null])
      // The English words of `place`, for API clients.
      expect(names.map(placeText)).toEqual(['in Test Common', 'by Quiet Test Path', null])
      expect(await placeNames(sql, [])).toEqual([])
    } finally {
      await sql`DELETE FROM open_spaces WHERE id = ${space}`
      await sql`DELETE FROM path_edges WHERE id = ${path}`
    }
  })

  describe('a hot spot\'s patrol minutes and dosage', () => {
    const north = () => lane.lat + 20 / (R * RAD)
    const metresEast = (m: number) => m / (R * RAD * Math.cos(north() * RAD))
    const seedHotspot = async () => {
      for (const m of [-30, 0, 30]) await concernAt([laneAt(0.5) + metresEast(m), north()])
    }

    it('meets the dosage with a daily patrol that dwells 15 minutes at it', async () => {
      await seedHotspot()
      await lanePlan(laneSchedule({ durationMinutes: 30 }), [{ at: 0.1 }, { at: 0.5, dwellMinutes: 15 }, { at: 0.9 }])
      const [spot] = (await coverage()).hotspots.features
      // Of each 30-minute session, at least the 15 dwelt there out of 15 + ~9 walking is spent near it.
      expect(spot.properties.patrolMinutes).toBeGreaterThanOrEqual(Math.floor(7 * 30 * (15 / 24.3)))
      expect(spot.properties.patrolMinutes).toBeLessThanOrEqual(7 * 30)
      expect(spot.properties.minutesPerDay).toBeCloseTo(spot.properties.patrolMinutes / 7, 0)
      expect(spot.properties).toMatchObject({ meetsDosage: true, uncoveredWeight: 0 })
    })

    it('does not meet it with a patrol passing once a week', async () => {
      await seedHotspot()
      await lanePlan(laneSchedule({ days: ['wed'], durationMinutes: 30 }))
      const [spot] = (await coverage()).hotspots.features
      expect(spot.properties.patrolMinutes).toBeGreaterThan(0)
      expect(spot.properties.patrolMinutes).toBeLessThan(15)
      expect(spot.properties.minutesPerDay).toBeLessThan(15 / 7)
      expect(spot.properties.meetsDosage).toBe(false)
      expect(spot.properties.uncoveredWeight).toBe(0) // covered, all the same
    })
  })

  it('keeps a hot spot\'s id when unrelated concerns change and the ranks reorder', async () => {
    const north = lane.lat + 20 / (R * RAD)
    const metresEast = (m: number) => m / (R * RAD * Math.cos(north * RAD))
    const spotAt = async (fraction: number, metres: number[], support = 1) => {
      const ids: number[] = []
      for (const m of metres) ids.push(await concernAt([laneAt(fraction) + metresEast(m), north], { support }))
      return ids
    }
    const west = await spotAt(0.2, [0, 20, 40])
    const east = await spotAt(0.7, [0, 20, 40, 60])
    const idsByRank = async () => (await coverage()).hotspots.features.map((f: any) => f.properties.id)
    expect(await idsByRank()).toEqual([Math.min(...east), Math.min(...west)])
    // A heavier hot spot elsewhere, a concern on the edge of the west one, another far away alone.
    const heavy = await spotAt(0.45, [0, 20, 40], 5)
    await spotAt(0.2, [115])
    await concernAt([laneAt(0.95), lane.lat + 300 / (R * RAD)])
    expect(await idsByRank()).toEqual([Math.min(...heavy), Math.min(...east), Math.min(...west)])
    // A recomputation of the same data gives the same ids in the same order.
    expect(await idsByRank()).toEqual([Math.min(...heavy), Math.min(...east), Math.min(...west)])
  })

  it('shows a change to a concern or a plan at the very next request (nothing stale is kept)', async () => {
    const near: LngLat = [laneAt(0.5), lane.lat + 10 / (R * RAD)]
    const id = await concernAt(near)
    expect(await coverage()).toMatchObject({ totalWeight: 1, coveredWeight: 0 })
    await sql`UPDATE concerns SET support_count = 4 WHERE id = ${id}`
    expect(await coverage()).toMatchObject({ totalWeight: 4, coveredWeight: 0 })
    const plan = await lanePlan(laneSchedule())
    expect(await coverage()).toMatchObject({ totalWeight: 4, coveredWeight: 4 })
    // The plan moved: saved again over the west tenth of the lane only, 400 m from the concern.
    await ok(officer, 'PUT', `/api/patrols/${plan.id}`, planBody({ title: 'Lane patrol', schedule: laneSchedule(), waypoints: [0, 0.1].map((f) => ({ lng: laneAt(f), lat: lane.lat })) }))
    expect(await coverage()).toMatchObject({ totalWeight: 4, coveredWeight: 0 })
    await sql`DELETE FROM concerns WHERE id = ${id}`
    expect(await coverage()).toMatchObject({ totalWeight: 0, coveredShare: null })
  })

  it('honours COVERAGE_METRES', async () => {
    const app50 = await createTestApp(sql, { coverageMetres: 50 })
    await lanePlan(laneSchedule())
    await concernAt([laneAt(0.4), lane.lat + 40 / (R * RAD)])
    await concernAt([laneAt(0.6), lane.lat + 70 / (R * RAD)])
    expect(await coverage()).toMatchObject({ coverageMetres: 100, totalWeight: 2, coveredWeight: 2 })
    expect(await coverage(app50)).toMatchObject({ coverageMetres: 50, totalWeight: 2, coveredWeight: 1, coveredShare: 0.5 })
  })
})

/**
 * Coverage the straightforward way, from its definition (docs/patrols-api.md): every concern
 * measured against every piece of every plan. Returns each concern's covered slots and each
 * hot spot's patrol minutes (by the cluster numbers of the same DBSCAN).
 */
function referenceCoverage(inputs: CoverageInputs) {
  const { concerns, settings } = inputs
  const { of: cluster, count } = concerns.clusters(75, 3)
  const coveredSlots = new Uint8Array(concerns.count)
  const patrolMinutes = new Float64Array(count)
  const hotspotSlots = new Array<number>(count).fill(0)
  for (let i = 0; i < concerns.count; i++) if (cluster[i]! >= 0) hotspotSlots[cluster[i]!]! |= concerns.slots[i]!
  const inWeek = new Set(inputs.dates)
  for (const plan of inputs.plans) {
    const pieces: [number, number, number, number, number][] = []
    for (let k = 1; k < plan.line.length; k++) {
      const [aLng, aLat] = plan.line[k - 1] as LngLat
      const [bLng, bLat] = plan.line[k] as LngLat
      const length = Math.hypot((bLng - aLng) * concerns.kx, (bLat - aLat) * concerns.ky)
      const steps = Math.max(1, Math.ceil(length / 50))
      const at = (u: number) => [aLng + u * (bLng - aLng), aLat + u * (bLat - aLat)] as const
      for (let s = 0; s < steps; s++) pieces.push([...at(s / steps), ...at((s + 1) / steps), length / steps / PACE.patrol])
    }
    for (const w of plan.waypoints) if (w.dwellMinutes > 0) pieces.push([w.lng, w.lat, w.lng, w.lat, w.dwellMinutes])
    const near = new Set<number>()
    const minutesNear = new Float64Array(count)
    for (const [aLng, aLat, bLng, bLat, minutes] of pieces) {
      const reached = new Set<number>()
      for (let i = 0; i < concerns.count; i++) {
        if (concerns.segmentDistance(i, aLng, aLat, bLng, bLat) > settings.coverageMetres) continue
        near.add(i)
        if (cluster[i]! >= 0) reached.add(cluster[i]!)
      }
      for (const h of reached) minutesNear[h]! += minutes
    }
    const bySession = plan.sessions.map((s) => sessionBands(s).filter((p) => inWeek.has(p.date)))
    let planSlots = 0
    for (const session of bySession) for (const p of session) planSlots |= slotBit(bandIndex(p.band), p.weekend)
    for (const i of near) coveredSlots[i]! |= planSlots & concerns.slots[i]!
    const total = plan.lengthMeters / PACE.patrol + plan.waypoints.reduce((sum, w) => sum + w.dwellMinutes, 0)
    for (let h = 0; h < count; h++) {
      if (!minutesNear[h]) continue
      const share = Math.min(1, minutesNear[h]! / total)
      for (const session of bySession) {
        const visits = new Map<string, number>()
        for (const p of session) if (hotspotSlots[h]! & slotBit(bandIndex(p.band), p.weekend)) visits.set(p.date, (visits.get(p.date) ?? 0) + p.minutes * share)
        for (const minutes of visits.values()) patrolMinutes[h]! += minutes
      }
    }
  }
  return { cluster, coveredSlots, patrolMinutes }
}

describe('coverage at scale', () => {
  const WEEK = '2027-W10'
  const AREA: [number, number, number, number] = [-0.135, 51.605, -0.1, 51.632]

  it('finds what measuring every concern against every piece of every plan finds, on the Southgate paths', async () => {
    const random = seededRandom(1311)
    // 3000 concerns around 40 centres on real paths, of seeded bands, days and support.
    // (One path a cell of about 300 m, so the centres are apart.)
    const centres = await sql<{ lng: number; lat: number }[]>`
      SELECT DISTINCT ON (floor(ST_X(c) / 0.004), floor(ST_Y(c) / 0.003)) ST_X(c) AS lng, ST_Y(c) AS lat
      FROM (SELECT id, ST_Centroid(geom) AS c FROM path_edges
            WHERE geom && ST_MakeEnvelope(${AREA[0]}, ${AREA[1]}, ${AREA[2]}, ${AREA[3]}, 4326)) e
      ORDER BY floor(ST_X(c) / 0.004), floor(ST_Y(c) / 0.003), id LIMIT 40`
    const bands = ['early_morning', 'daytime', 'evening', 'night']
    const rows = Array.from({ length: 3000 }, (_, k) => {
      const c = centres[k % centres.length]!
      const spread = 10 + (k % 7) * 12
      return {
        lng: c.lng + ((random() - 0.5) * 2 * spread) / (R * RAD * Math.cos(c.lat * RAD)),
        lat: c.lat + ((random() - 0.5) * 2 * spread) / (R * RAD),
        bands: `{${bands[Math.floor(random() * 4)]}}`,
        days: ['any', 'weekdays', 'weekends'][Math.floor(random() * 3)]!,
        support: 1 + Math.floor(random() * 3),
      }
    })
    await sql`
      INSERT INTO concerns (category, time_bands, days, source, support_count, geom, cell)
      SELECT 'isolated', b::text[], d, 'sample', s, p, concern_cell(p)
      FROM (SELECT unnest(${rows.map((r) => r.bands)}::text[]) AS b, unnest(${rows.map((r) => r.days)}::text[]) AS d,
                   unnest(${rows.map((r) => r.support)}::int[]) AS s,
                   ST_SetSRID(ST_MakePoint(unnest(${rows.map((r) => r.lng)}::float8[]), unnest(${rows.map((r) => r.lat)}::float8[])), 4326) AS p) s`
    // 8 plans between centres, at seeded times, some with a stop.
    for (let k = 0; k < 8; k++) {
      const [a, b] = [centres[(k * 5) % centres.length]!, centres[(k * 5 + 11) % centres.length]!]
      await createPlan(planBody({
        waypoints: [{ lng: a.lng, lat: a.lat }, { lng: b.lng, lat: b.lat, dwellMinutes: k % 2 ? 12 : 0 }],
        schedule: { days: EVERY_DAY.filter((_, d) => (d + k) % 3 !== 0), startTime: ['06:00', '12:00', '18:00', '22:00'][k % 4], durationMinutes: 45 + 15 * (k % 3), validFrom: '2027-03-01', validUntil: '2027-03-31' },
      }))
    }
    const inputs = await loadCoverage(sql, AREA, WEEK, { coverageMetres: 100, dosageMinutes: 15 })
    expect(inputs.concerns.count).toBeGreaterThan(2500) // (centres near the edge lose a few)
    expect(inputs.plans).toHaveLength(8)
    const fast = evaluateCoverage(inputs)
    const slow = referenceCoverage(inputs)
    expect([...fast.coveredSlots]).toEqual([...slow.coveredSlots])
    expect(fast.coveredSlots.some((s) => s > 0) && fast.coveredSlots.some((s) => s === 0)).toBe(true)
    expect(fast.hotspots.length).toBeGreaterThan(10)
    for (const h of fast.hotspots) expect(h.patrolMinutes).toBeCloseTo(slow.patrolMinutes[slow.cluster[h.members[0]!]!]!, 9)
    expect(fast.hotspots.some((h) => h.patrolMinutes > 0)).toBe(true)
    // Read and evaluated again (the concerns kept, the reaches kept): the same answer.
    const again = evaluateCoverage(await loadCoverage(sql, AREA, WEEK, { coverageMetres: 100, dosageMinutes: 15 }))
    expect(again.hotspots).toEqual(fast.hotspots)
    expect(again.coveredSlots).toEqual(fast.coveredSlots)
  }, 120_000)
})

// ---------------------------------------------------------------------------------------------

describe('non-public plans never leak', () => {
  const SECRET_TITLE = 'Covert observation PRIVATE-TITLE'
  const SECRET_NOTES = 'Suspect address PRIVATE-NOTES'
  const PUBLIC_NOTES = 'Radio channel PUBLIC-NOTES'

  async function fixture() {
    const open = await createPlan(planBody({ title: 'Evening parks patrol', notes: PUBLIC_NOTES, public: true }))
    const hidden = await createPlan(planBody({ title: SECRET_TITLE, notes: SECRET_NOTES, public: false }))
    const report = await ok(undefined, 'POST', '/api/concerns', reportAt([PARK.lng, PARK.lat]), 201)
    await ok(officer, 'POST', `/api/patrols/${hidden.id}/concerns`, { concernId: report.id }, 204)
    return { open, hidden, receipt: report.receipt as string, concernId: report.id as number }
  }

  const today = () => `${londonToday()}T00:00:00Z`
  const inDays = (n: number) => `${addDays(londonToday(), n)}T00:00:00Z`
  const listings = () => [
    '/api/patrols',
    `/api/patrols?from=${today()}&to=${inDays(30)}`,
    `/api/patrols?bbox=${PARK_BBOX}`,
    `/api/patrols?bbox=${PARK_BBOX}&from=${today()}&to=${inDays(30)}`,
    `/api/patrols?from=${today()}`,
    `/api/patrols?to=${inDays(30)}`,
  ]

  it.each([['signed out', false], ['a club organiser', true]] as const)('%s sees only public plans, without notes or waypoints', async (_, signedInAsOrganiser) => {
    const cookie = signedInAsOrganiser ? organiser : undefined
    const f = await fixture()
    const expectNoSecret = (res: Answer) => {
      expect(res.text).not.toContain('PRIVATE-')
      expect(res.text).not.toContain('PUBLIC-NOTES')
    }
    for (const path of listings()) {
      const res = await call(cookie, 'GET', path)
      expect(res.status, path).toBe(200)
      expectNoSecret(res)
      expect(res.body.features.map((p: Feature) => p.id), path).toEqual([f.open.id])
      for (const key of ['notes', 'waypoints', 'linkedConcerns', 'updatedAt']) expect(res.body.features[0].properties).not.toHaveProperty(key)
    }
    const one = await call(cookie, 'GET', `/api/patrols/${f.open.id}`)
    expect(one.status).toBe(200)
    expectNoSecret(one)
    expect(Object.keys(one.body.properties).sort()).toEqual(
      ['dwellMinutes', 'id', 'lengthMeters', 'nextSessions', 'public', 'schedule', 'scheduleText', 'team', 'title', 'walkMinutes'],
    )
    const secret = await call(cookie, 'GET', `/api/patrols/${f.hidden.id}`)
    expect(secret.status).toBe(404)
    expectErrorShape(secret.body, 'not_found')
    expectNoSecret(secret)
    for (const path of ['/api/patrols.ics', `/api/patrols.ics?from=${today()}&to=${inDays(30)}`, `/api/patrols.ics?bbox=${PARK_BBOX}`]) {
      const ics = await call(cookie, 'GET', path)
      expect(ics.status).toBe(200)
      expectNoSecret(ics)
      expect(ics.text).toContain('Evening parks patrol')
    }
    const next = await call(cookie, 'GET', `/api/patrols/next?lng=${PARK.lng}&lat=${PARK.lat}`)
    expectNoSecret(next)
    expect(next.body.near.map((n: any) => n.patrol.id)).toEqual([f.open.id])
    expect(Object.keys(next.body.near[0].patrol).sort()).toEqual(['id', 'schedule', 'scheduleText', 'team', 'title'])
    const receipt = await call(cookie, 'GET', `/api/concerns/receipt/${f.receipt}`)
    expect(receipt.status).toBe(200)
    expectNoSecret(receipt)
    expect(receipt.body.linked).toEqual([])
  })

  it('officers and admins see both plans, with notes', async () => {
    const f = await fixture()
    for (const cookie of [officer, admin]) {
      for (const path of listings()) {
        const list = await ok(cookie, 'GET', path)
        expect(list.features.map((p: Feature) => p.id).sort(), path).toEqual([f.open.id, f.hidden.id].sort())
        const hidden = list.features.find((p: Feature) => p.id === f.hidden.id)
        expect(hidden.properties).toMatchObject({ title: SECRET_TITLE, notes: SECRET_NOTES, public: false, linkedConcerns: 1 })
      }
      expect((await ok(cookie, 'GET', `/api/patrols/${f.hidden.id}`)).properties.notes).toBe(SECRET_NOTES)
      const ics = await call(cookie, 'GET', '/api/patrols.ics')
      expect(ics.text).toContain('PRIVATE-TITLE')
      expect(ics.text).toContain('Evening parks patrol')
    }
    // Residents hear of public plans only, even from an officer's own receipt link.
    expect((await ok(officer, 'GET', `/api/concerns/receipt/${f.receipt}`)).linked).toEqual([])
  })
})

// ---------------------------------------------------------------------------------------------

describe('links back to residents', () => {
  it('a linked public plan shows on the reporter\'s receipt until it is unlinked', async () => {
    const plan = await createPlan()
    const report = await ok(undefined, 'POST', '/api/concerns', reportAt([PARK.lng, PARK.lat]), 201)
    expect((await ok(undefined, 'GET', `/api/concerns/receipt/${report.receipt}`)).linked).toEqual([])

    await ok(officer, 'POST', `/api/patrols/${plan.id}/concerns`, { concernId: report.id }, 204)
    await ok(officer, 'POST', `/api/patrols/${plan.id}/concerns`, { concernId: report.id }, 204) // twice: still one link
    expect(await counts()).toEqual({ plans: 1, links: 1 })
    const receipt = await ok(undefined, 'GET', `/api/concerns/receipt/${report.receipt}`)
    expect(receipt.linked).toEqual([
      {
        title: 'Evening parks patrol',
        team: 'Southgate SNT',
        schedule: plan.properties.schedule,
        scheduleText: plan.properties.scheduleText,
        nextSessions: plan.properties.nextSessions.slice(0, 3),
      },
    ])
    expect((await ok(officer, 'GET', `/api/patrols/${plan.id}`)).properties.linkedConcerns).toBe(1)

    await ok(officer, 'DELETE', `/api/patrols/${plan.id}/concerns/${report.id}`, undefined, 204)
    expect((await ok(undefined, 'GET', `/api/concerns/receipt/${report.receipt}`)).linked).toEqual([])
    const again = await call(officer, 'DELETE', `/api/patrols/${plan.id}/concerns/${report.id}`)
    expect(again.status).toBe(404)
    expectErrorShape(again.body, 'not_found')
  })

  it('the receipt of a report merged into a linked concern shows the plan; making the plan private takes it off', async () => {
    const plan = await createPlan()
    const report = await ok(undefined, 'POST', '/api/concerns', reportAt([PARK.lng, PARK.lat]), 201)
    const target = await concernAt([PARK.lng, PARK.lat])
    await sql`UPDATE concerns SET merged_into = ${target} WHERE id = ${report.id}`
    await ok(officer, 'POST', `/api/patrols/${plan.id}/concerns`, { concernId: target }, 204)
    expect((await ok(undefined, 'GET', `/api/concerns/receipt/${report.receipt}`)).linked.map((l: any) => l.title)).toEqual(['Evening parks patrol'])
    await ok(officer, 'PUT', `/api/patrols/${plan.id}`, planBody({ title: 'Now private PRIVATE-TITLE', public: false }))
    const receipt = await call(undefined, 'GET', `/api/concerns/receipt/${report.receipt}`)
    expect(receipt.body.linked).toEqual([])
    expect(receipt.text).not.toContain('PRIVATE-')
  })

  it('links to an unknown concern are 422, to an unknown plan 404', async () => {
    const plan = await createPlan()
    const concern = await concernAt([PARK.lng, PARK.lat])
    const before = await patrolState()
    const unknownConcern = await call(officer, 'POST', `/api/patrols/${plan.id}/concerns`, { concernId: 987654 })
    expect(unknownConcern.status).toBe(422)
    expectErrorShape(unknownConcern.body, 'unknown_concern')
    const unknownPlan = await call(officer, 'POST', '/api/patrols/987654/concerns', { concernId: concern })
    expect(unknownPlan.status).toBe(404)
    expectErrorShape(unknownPlan.body, 'not_found')
    expect(await patrolState()).toBe(before)
  })
})

// ---------------------------------------------------------------------------------------------

describe('suggest a patrol', () => {
  const WEEK = '2027-W10' // 8–14 March 2027
  const SUGGEST_BBOX = '-0.145,51.600,-0.090,51.635'
  // Four places about 550 m from the park, snapped onto paths: north, east, south, west.
  const TARGETS: LngLat[] = [[-0.1181, 51.624], [-0.11, 51.6186], [-0.1181, 51.613], [-0.126, 51.6186]]

  async function seedClusters() {
    let k = 0
    for (const [x, y] of TARGETS) {
      const [p] = await sql<{ lng: number; lat: number }[]>`
        SELECT ST_X(c) AS lng, ST_Y(c) AS lat FROM (
          SELECT ST_ClosestPoint(geom, ST_SetSRID(ST_MakePoint(${x}, ${y}), 4326)) AS c FROM path_edges
          ORDER BY geom <-> ST_SetSRID(ST_MakePoint(${x}, ${y}), 4326) LIMIT 1) s`
      const size = 3 + k++ // 3, 4, 5 and 6 concerns
      for (let i = 0; i < size; i++) {
        const angle = (2 * Math.PI * i) / size
        await concernAt([p!.lng + (15 * Math.cos(angle)) / (R * RAD * Math.cos(p!.lat * RAD)), p!.lat + (15 * Math.sin(angle)) / (R * RAD)])
      }
    }
  }

  it('walks from the start and back within the budget through hot spots, and saving it covers what it said', async () => {
    await seedClusters()
    const before = await ok(officer, 'GET', `/api/coverage?bbox=${SUGGEST_BBOX}&week=${WEEK}`)
    expect(before.hotspots.features).toHaveLength(4)
    expect(before.coveredShare).toBe(0)

    const s = await ok(officer, 'POST', '/api/patrols/suggest', { start: PARK, timeBand: 'evening', minutes: 60, week: WEEK })
    expect(s.timeBand).toBe('evening')
    const line: LngLat[] = s.route.geometry.coordinates
    expect(line[0]).toEqual(line.at(-1)) // back where it started
    const [startGap] = await sql<{ m: number }[]>`
      SELECT ST_Distance(ST_SetSRID(ST_MakePoint(${line[0]![0]}, ${line[0]![1]}), 4326)::geography,
                         ST_SetSRID(ST_MakePoint(${PARK.lng}, ${PARK.lat}), 4326)::geography) AS m`
    expect(startGap!.m).toBeLessThan(200)
    expect(await offNetwork(line)).toEqual([])
    expect(s.lengthMeters / 75 + s.dwellMinutes).toBeLessThanOrEqual(60)
    expect(s.hotspots.length).toBeGreaterThanOrEqual(1)
    expect(s.dwellMinutes).toBe(10 * s.hotspots.length)
    for (const h of s.hotspots) {
      const [gap] = await sql<{ m: number }[]>`
        SELECT ST_Distance(ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(s.route.geometry)}), 4326)::geography,
                           ST_SetSRID(ST_MakePoint(${h.coordinates[0]}, ${h.coordinates[1]}), 4326)::geography) AS m`
      expect(gap!.m).toBeLessThan(100)
    }
    expect(s.gain.coveredShareAfter).toBeGreaterThan(s.gain.coveredShareBefore)
    expect(s.gain.coveredShareBefore).toBe(0)
    expect(s.gain.weightAdded).toBeGreaterThan(0)
    expect(await counts()).toEqual({ plans: 0, links: 0 }) // nothing stored

    await createPlan(planBody({
      title: 'Suggested patrol',
      waypoints: s.waypoints,
      schedule: { days: EVERY_DAY, startTime: '18:00', durationMinutes: 60, validFrom: '2027-03-01', validUntil: '2027-03-31' },
    }))
    const after = await ok(officer, 'GET', `/api/coverage?bbox=${SUGGEST_BBOX}&week=${WEEK}`)
    expect(after.coveredShare).toBeGreaterThan(before.coveredShare)
    expect(Math.abs(after.coveredShare - s.gain.coveredShareAfter)).toBeLessThanOrEqual(0.05)
  })

  it('says as "coverage now" the share the dashboard shows for the same area and week, with its hot spots\' ids and ranks', async () => {
    await seedClusters()
    // A plan already covering one hot spot, so the share is neither 0 nor 1.
    const [north] = await sql<{ lng: number; lat: number }[]>`
      SELECT ST_X(c) AS lng, ST_Y(c) AS lat FROM (
        SELECT ST_ClosestPoint(geom, ST_SetSRID(ST_MakePoint(${TARGETS[0]![0]}, ${TARGETS[0]![1]}), 4326)) AS c FROM path_edges
        ORDER BY geom <-> ST_SetSRID(ST_MakePoint(${TARGETS[0]![0]}, ${TARGETS[0]![1]}), 4326) LIMIT 1) s`
    await createPlan(planBody({
      waypoints: [PARK, { lng: north!.lng, lat: north!.lat, dwellMinutes: 10 }],
      schedule: { days: EVERY_DAY, startTime: '18:00', durationMinutes: 60, validFrom: '2027-03-01', validUntil: '2027-03-31' },
    }))
    const panel = await ok(officer, 'GET', `/api/coverage?bbox=${SUGGEST_BBOX}&week=${WEEK}`)
    expect(panel.coveredShare).toBeGreaterThan(0)
    expect(panel.coveredShare).toBeLessThan(1)
    const s = await ok(officer, 'POST', '/api/patrols/suggest', { start: PARK, timeBand: 'evening', minutes: 60, week: WEEK, area: SUGGEST_BBOX })
    expect(s.gain).toMatchObject({ area: SUGGEST_BBOX.split(',').map(Number), week: WEEK, coveredShareBefore: panel.coveredShare })
    expect(s.hotspots.length).toBeGreaterThan(0)
    const byId = new Map(panel.hotspots.features.map((f: any) => [f.properties.id, f.properties.rank]))
    for (const h of s.hotspots) expect(byId.get(h.id)).toBe(h.rank)
    // Without an area the shares are of the walk's reach, and the answer says which.
    const own = await ok(officer, 'POST', '/api/patrols/suggest', { start: PARK, timeBand: 'evening', minutes: 60, week: WEEK })
    const [w, so, e, n] = own.gain.area
    expect(w < PARK.lng && PARK.lng < e && so < PARK.lat && PARK.lat < n).toBe(true)
  })

  it('answers 200 with no route when there is no hot spot', async () => {
    const s = await ok(officer, 'POST', '/api/patrols/suggest', { start: PARK, timeBand: 'evening', minutes: 60, week: WEEK })
    expect(s).toMatchObject({ route: null, hotspots: [], waypoints: [], gain: { weightAdded: 0, concernsAdded: 0 } })
  })

  it('is 422 no_path_network from a start far from any path', async () => {
    const res = await call(officer, 'POST', '/api/patrols/suggest', { start: { lng: -0.5, lat: 51.8 }, timeBand: 'evening', minutes: 60, week: WEEK })
    expect(res.status).toBe(422)
    expectErrorShape(res.body, 'no_path_network')
  })
})

// ---------------------------------------------------------------------------------------------

describe('authorisation', () => {
  type Actor = 'anonymous' | 'organiser' | 'officer' | 'admin'
  const ACTORS: Actor[] = ['anonymous', 'organiser', 'officer', 'admin']
  type Fixture = { planId: number; concernId: number; linkedId: number }
  type Endpoint = { method: string; path: (f: Fixture) => string; body?: (f: Fixture) => unknown; ok: number; public?: boolean }
  const ENDPOINTS: Endpoint[] = [
    { method: 'GET', path: () => '/api/patrols', ok: 200, public: true },
    { method: 'GET', path: () => `/api/patrols/next?lng=${PARK.lng}&lat=${PARK.lat}`, ok: 200, public: true },
    { method: 'GET', path: () => '/api/patrols.ics', ok: 200, public: true },
    { method: 'GET', path: (f) => `/api/patrols/${f.planId}`, ok: 200, public: true },
    { method: 'POST', path: () => '/api/patrols', body: () => planBody(), ok: 201 },
    { method: 'PUT', path: (f) => `/api/patrols/${f.planId}`, body: () => planBody({ title: 'Renamed' }), ok: 200 },
    { method: 'DELETE', path: (f) => `/api/patrols/${f.planId}`, ok: 204 },
    { method: 'POST', path: () => '/api/patrols/preview', body: () => ({ waypoints: PARK_WAYPOINTS }), ok: 200 },
    { method: 'POST', path: () => '/api/patrols/suggest', body: () => ({ start: PARK, timeBand: 'evening', minutes: 30 }), ok: 200 },
    { method: 'POST', path: (f) => `/api/patrols/${f.planId}/concerns`, body: (f) => ({ concernId: f.concernId }), ok: 204 },
    { method: 'DELETE', path: (f) => `/api/patrols/${f.planId}/concerns/${f.linkedId}`, ok: 204 },
    { method: 'GET', path: () => `/api/coverage?bbox=${PARK_BBOX}`, ok: 200 },
  ]
  const ROLE: Record<Exclude<Actor, 'anonymous'>, Role> = { organiser: 'club', officer: 'officer', admin: 'admin' }

  it.each(ENDPOINTS.map((e) => [`${e.method} ${e.path({ planId: 1, concernId: 2, linkedId: 3 })}`, e] as const))(
    '%s: no session 401, organiser 403, officer and admin OK (reads are public)',
    async (_, endpoint) => {
      for (const actor of ACTORS) {
        await resetPatrols()
        await resetConcerns(sql)
        const plan = await createPlan()
        const concernId = await concernAt([PARK.lng, PARK.lat])
        const linkedId = await concernAt([PARK.lng, PARK.lat])
        await ok(officer, 'POST', `/api/patrols/${plan.id}/concerns`, { concernId: linkedId }, 204)
        const f = { planId: plan.id, concernId, linkedId }
        const cookie = actor === 'anonymous' ? undefined : (await signedIn(sql, ROLE[actor])).cookie
        const before = await patrolState()
        const res = await call(cookie, endpoint.method, endpoint.path(f), endpoint.body?.(f))
        const expected = endpoint.public || actor === 'officer' || actor === 'admin' ? endpoint.ok : actor === 'anonymous' ? 401 : 403
        expect(res.status, `${actor}: ${res.text.slice(0, 300)}`).toBe(expected)
        if (expected >= 400) {
          expectErrorShape(res.body, expected === 401 ? 'unauthorized' : 'forbidden')
          expect(await patrolState()).toBe(before)
        }
      }
    },
  )

  type Change = [label: string, method: string, path: (id: number) => string, body: () => unknown]
  const CHANGES: Change[] = [
    ['POST /api/patrols', 'POST', () => '/api/patrols', () => planBody()],
    ['PUT /api/patrols/{id}', 'PUT', (id: number) => `/api/patrols/${id}`, () => planBody({ title: 'Hijacked' })],
    ['DELETE /api/patrols/{id}', 'DELETE', (id: number) => `/api/patrols/${id}`, () => undefined],
    ['POST /api/patrols/{id}/concerns', 'POST', (id: number) => `/api/patrols/${id}/concerns`, () => ({ concernId: 1 })],
  ]
  it.each(CHANGES)('refuses %s from another site (403 cross_origin), by Origin or Referer', async (_, method, path, body) => {
    const plan = await createPlan()
    await concernAt([PARK.lng, PARK.lat])
    const before = await patrolState()
    const foreign: Record<string, string>[] = [{ origin: 'https://evil.example' }, { referer: 'https://evil.example/page' }, { origin: 'null' }]
    for (const headers of foreign) {
      const b = body()
      const res = await send(path(plan.id), {
        method,
        headers: { cookie: officer, ...(b === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
        ...(b === undefined ? {} : { body: JSON.stringify(b) }),
      })
      expect(res.status, JSON.stringify(headers)).toBe(403)
      expectErrorShape(res.body, 'cross_origin')
      expect(await patrolState()).toBe(before)
    }
  })
})

// ---------------------------------------------------------------------------------------------

describe('bad input', () => {
  type Fixture = { planId: number; concernId: number }
  type Case = [label: string, method: string, path: (f: Fixture) => string, body: unknown, status: number, code: string]
  const P = '/api/patrols'
  const withSchedule = (extra: Record<string, unknown>) => planBody({ schedule: upcoming(extra) })
  const oneGpxPoint = '<gpx version="1.1" xmlns="http://www.topografix.com/GPX/1/1"><trk><trkseg><trkpt lat="51.6186" lon="-0.1181"/></trkseg></trk></gpx>'
  const without = (key: string) => {
    const b: Record<string, unknown> = planBody()
    delete b[key]
    return b
  }
  const suggest = (extra: Record<string, unknown>) => ({ start: PARK, timeBand: 'evening', minutes: 60, ...extra })
  const CASES: Case[] = [
    ['empty waypoints', 'POST', () => P, planBody({ waypoints: [] }), 400, 'invalid_json'],
    ['one waypoint', 'POST', () => P, planBody({ waypoints: [PARK] }), 400, 'invalid_json'],
    ['a waypoint 50 km away', 'POST', () => P, planBody({ waypoints: [PARK, { lng: -0.1181, lat: 52.068 }] }), 422, 'no_path_network'],
    ['a GPX that is not XML', 'POST', () => P, planBody({ waypoints: undefined, gpx: 'lat,lon\n51.6186,-0.1181\n' }), 400, 'invalid_gpx'],
    ['a GPX of another XML', 'POST', () => P, planBody({ waypoints: undefined, gpx: '<kml><Placemark/></kml>' }), 400, 'invalid_gpx'],
    ['a GPX with one point', 'POST', () => P, planBody({ waypoints: undefined, gpx: oneGpxPoint }), 400, 'invalid_gpx'],
    ['both waypoints and gpx', 'POST', () => P, planBody({ gpx: oneGpxPoint }), 400, 'invalid_json'],
    ['neither waypoints nor gpx', 'POST', () => P, planBody({ waypoints: undefined }), 400, 'invalid_json'],
    ['a schedule ending before it starts', 'POST', () => P, withSchedule({ validUntil: addDays(londonToday(), -1) }), 400, 'invalid_json'],
    ['duration 0', 'POST', () => P, withSchedule({ durationMinutes: 0 }), 400, 'invalid_json'],
    ['duration 721', 'POST', () => P, withSchedule({ durationMinutes: 721 }), 400, 'invalid_json'],
    ['one-off duration 721', 'POST', () => P, planBody({ schedule: { start: '2027-01-12T08:15:00Z', durationMinutes: 721 } }), 400, 'invalid_json'],
    ['days repeated', 'POST', () => P, withSchedule({ days: ['mon', 'mon'] }), 400, 'invalid_json'],
    ['no days', 'POST', () => P, withSchedule({ days: [] }), 400, 'invalid_json'],
    ['startTime 24:00', 'POST', () => P, withSchedule({ startTime: '24:00' }), 400, 'invalid_json'],
    ['validFrom 2027-02-30', 'POST', () => P, withSchedule({ validFrom: '2027-02-30', validUntil: '2027-03-30' }), 400, 'invalid_json'],
    ['a schedule over two years', 'POST', () => P, withSchedule({ validFrom: '2027-01-01', validUntil: '2029-06-01' }), 400, 'invalid_json'],
    ['one-off start without offset', 'POST', () => P, planBody({ schedule: { start: '2027-01-12T08:15:00', durationMinutes: 60 } }), 400, 'invalid_json'],
    ['no day of the week in range', 'POST', () => P, withSchedule({ days: ['mon'], validFrom: '2027-01-05', validUntil: '2027-01-10' }), 422, 'empty_schedule'],
    ['an unknown key', 'POST', () => P, planBody({ colour: 'blue' }), 400, 'invalid_json'],
    ['an unknown key in a waypoint', 'POST', () => P, planBody({ waypoints: [{ ...PARK, note: 'x' }, PARK_WAYPOINTS[1]] }), 400, 'invalid_json'],
    ['an unknown key in the schedule', 'POST', () => P, withSchedule({ timezone: 'UTC' }), 400, 'invalid_json'],
    ['dwell 61 minutes', 'POST', () => P, planBody({ waypoints: [{ ...PARK, dwellMinutes: 61 }, PARK_WAYPOINTS[1]] }), 400, 'invalid_json'],
    ['title ""', 'POST', () => P, planBody({ title: '' }), 400, 'invalid_json'],
    ['title of 201 characters', 'POST', () => P, planBody({ title: 'x'.repeat(201) }), 400, 'invalid_json'],
    ['notes of 2001 characters', 'POST', () => P, planBody({ notes: 'x'.repeat(2001) }), 400, 'invalid_json'],
    ['public missing', 'POST', () => P, without('public'), 400, 'invalid_json'],
    ['schedule missing', 'POST', () => P, without('schedule'), 400, 'invalid_json'],
    ['body not JSON', 'POST', () => P, '{"title":', 400, 'bad_request'],
    ['body an array', 'POST', () => P, [], 400, 'invalid_json'],
    ['PUT with title ""', 'PUT', (f) => `${P}/${f.planId}`, planBody({ title: '' }), 400, 'invalid_json'],
    ['PUT with a waypoint 50 km away', 'PUT', (f) => `${P}/${f.planId}`, planBody({ waypoints: [PARK, { lng: -0.1181, lat: 52.068 }] }), 422, 'no_path_network'],
    ['PUT on an unknown plan', 'PUT', () => `${P}/987654`, planBody(), 404, 'not_found'],
    ['DELETE an unknown plan', 'DELETE', () => `${P}/987654`, undefined, 404, 'not_found'],
    ...['abc', '0', '-1', '1.5', '99999999999999999999'].flatMap((id): Case[] => [
      [`GET id ${id}`, 'GET', () => `${P}/${id}`, undefined, 400, 'invalid_param'],
      [`PUT id ${id}`, 'PUT', () => `${P}/${id}`, planBody(), 400, 'invalid_param'],
      [`DELETE id ${id}`, 'DELETE', () => `${P}/${id}`, undefined, 400, 'invalid_param'],
      [`link to plan ${id}`, 'POST', () => `${P}/${id}/concerns`, { concernId: 1 }, 400, 'invalid_param'],
      [`unlink concern ${id}`, 'DELETE', (f) => `${P}/${f.planId}/concerns/${id}`, undefined, 400, 'invalid_param'],
    ]),
    ['link concernId 0', 'POST', (f) => `${P}/${f.planId}/concerns`, { concernId: 0 }, 400, 'invalid_json'],
    ['link concernId as text', 'POST', (f) => `${P}/${f.planId}/concerns`, { concernId: 'one' }, 400, 'invalid_json'],
    ['link with an unknown key', 'POST', (f) => `${P}/${f.planId}/concerns`, { concernId: 1, note: 'x' }, 400, 'invalid_json'],
    ['bbox inverted', 'GET', () => `${P}?bbox=-0.10,51.63,-0.13,51.61`, undefined, 400, 'invalid_query'],
    ['bbox too large', 'GET', () => `${P}?bbox=-1,51,0,52`, undefined, 400, 'invalid_query'],
    ['bbox not numbers', 'GET', () => `${P}?bbox=a,b,c,d`, undefined, 400, 'invalid_query'],
    ['from after to', 'GET', () => `${P}?from=2027-03-02T00:00:00Z&to=2027-03-01T00:00:00Z`, undefined, 400, 'invalid_query'],
    ['a period over 366 days', 'GET', () => `${P}?from=2027-01-01T00:00:00Z&to=2028-01-03T00:00:00Z`, undefined, 400, 'invalid_query'],
    ['from not an instant', 'GET', () => `${P}?from=tomorrow`, undefined, 400, 'invalid_query'],
    ['from not a date nor an instant, to a date', 'GET', () => `${P}?from=2026-13-01&to=2026-11-30`, undefined, 400, 'invalid_query'],
    ['from a date, to garbage', 'GET', () => `${P}?from=2026-11-23&to=next%20week`, undefined, 400, 'invalid_query'],
    ['.ics from and to garbage', 'GET', () => `${P}.ics?from=x&to=y`, undefined, 400, 'invalid_query'],
    ['a plain-date period over 366 days', 'GET', () => `${P}?from=2027-01-01&to=2028-01-02`, undefined, 400, 'invalid_query'],
    ['.ics from after to', 'GET', () => `${P}.ics?from=2027-03-02T00:00:00Z&to=2027-03-01T00:00:00Z`, undefined, 400, 'invalid_query'],
    ['.ics over 366 days', 'GET', () => `${P}.ics?from=2027-01-01T00:00:00Z&to=2028-01-03T00:00:00Z`, undefined, 400, 'invalid_query'],
    ['.ics bbox inverted', 'GET', () => `${P}.ics?bbox=-0.10,51.63,-0.13,51.61`, undefined, 400, 'invalid_query'],
    ['next without a point', 'GET', () => `${P}/next`, undefined, 400, 'invalid_query'],
    ['next lat 91', 'GET', () => `${P}/next?lng=0&lat=91`, undefined, 400, 'invalid_query'],
    ['coverage without bbox', 'GET', () => '/api/coverage', undefined, 400, 'invalid_query'],
    ['coverage bbox inverted', 'GET', () => '/api/coverage?bbox=-0.10,51.63,-0.13,51.61', undefined, 400, 'invalid_query'],
    ['coverage bbox too large', 'GET', () => '/api/coverage?bbox=-1,51,0,52', undefined, 400, 'invalid_query'],
    ['coverage week 2026-W60', 'GET', () => `/api/coverage?bbox=${PARK_BBOX}&week=2026-W60`, undefined, 400, 'invalid_query'],
    ['coverage week 2027-W53 (2027 has 52)', 'GET', () => `/api/coverage?bbox=${PARK_BBOX}&week=2027-W53`, undefined, 400, 'invalid_query'],
    ['coverage week 2026-48', 'GET', () => `/api/coverage?bbox=${PARK_BBOX}&week=2026-48`, undefined, 400, 'invalid_query'],
    ['suggest minutes 5', 'POST', () => `${P}/suggest`, suggest({ minutes: 5 }), 400, 'invalid_json'],
    ['suggest minutes 600', 'POST', () => `${P}/suggest`, suggest({ minutes: 600 }), 400, 'invalid_json'],
    ['suggest timeBand dusk', 'POST', () => `${P}/suggest`, suggest({ timeBand: 'dusk' }), 400, 'invalid_json'],
    ['suggest week 2026-W60', 'POST', () => `${P}/suggest`, suggest({ week: '2026-W60' }), 400, 'invalid_json'],
    ['suggest without start', 'POST', () => `${P}/suggest`, { timeBand: 'evening', minutes: 60 }, 400, 'invalid_json'],
    ['suggest with an unknown key', 'POST', () => `${P}/suggest`, suggest({ profile: 'fast' }), 400, 'invalid_json'],
    ['suggest area inverted', 'POST', () => `${P}/suggest`, suggest({ area: '-0.10,51.63,-0.13,51.61' }), 400, 'invalid_json'],
    ['suggest area too large', 'POST', () => `${P}/suggest`, suggest({ area: '-1,51,0,52' }), 400, 'invalid_json'],
    ['preview with one waypoint', 'POST', () => `${P}/preview`, { waypoints: [PARK] }, 400, 'invalid_json'],
    ['preview with a waypoint 50 km away', 'POST', () => `${P}/preview`, { waypoints: [PARK, { lng: -0.1181, lat: 52.068 }] }, 422, 'no_path_network'],
  ]

  it.each(CASES)('%s: refused with the one error shape, changing nothing', async (_, method, path, body, status, code) => {
    const plan = await createPlan()
    const concernId = await concernAt([PARK.lng, PARK.lat])
    await ok(officer, 'POST', `/api/patrols/${plan.id}/concerns`, { concernId }, 204)
    const f = { planId: plan.id, concernId }
    const before = await patrolState()
    const res = await call(officer, method, path(f), body)
    expect(res.status, res.text.slice(0, 300)).toBe(status)
    expectErrorShape(res.body, code)
    expect(await counts()).toEqual({ plans: 1, links: 1 })
    expect(await patrolState()).toBe(before)
  })

  it('names the waypoint that is too far from a path', async () => {
    const res = await call(officer, 'POST', P, planBody({ waypoints: [PARK, PARK_WAYPOINTS[1], { lng: -0.1181, lat: 52.068 }] }))
    expect(res.status).toBe(422)
    expect(res.body.error.message).toContain('waypoint 3')
    expect(res.body.error.details).toEqual({ point: 'waypoint 3', waypoint: 3, metres: 200 })
  })

  it.each([
    ['a plan over the body limit', P, 2_100 * 1024],
    ['a suggestion over the body limit', `${P}/suggest`, 17 * 1024],
    ['a preview over the body limit', `${P}/preview`, 17 * 1024],
    ['a link over the body limit', `${P}/1/concerns`, 17 * 1024],
  ])('refuses %s (413)', async (_, path, size) => {
    await createPlan()
    const before = await patrolState()
    const res = await call(officer, 'POST', path, planBody({ waypoints: undefined, gpx: `<gpx>${' '.repeat(size)}</gpx>` }))
    expect(res.status).toBe(413)
    expectErrorShape(res.body, 'payload_too_large')
    expect(await patrolState()).toBe(before)
  })

  it.each([
    ['POST /api/patrols', 'POST', P],
    ['PUT /api/patrols/{id}', 'PUT', `${P}/1`],
    ['POST /api/patrols/suggest', 'POST', `${P}/suggest`],
    ['POST /api/patrols/preview', 'POST', `${P}/preview`],
    ['POST /api/patrols/{id}/concerns', 'POST', `${P}/1/concerns`],
  ])('refuses a body that is not application/json on %s (415)', async (_, method, path) => {
    await createPlan()
    const before = await patrolState()
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const res = await send(path, { method, headers: { cookie: officer, origin: 'http://localhost', 'content-type': type }, body: JSON.stringify(planBody()) })
      expect(res.status, type).toBe(415)
      expectErrorShape(res.body, 'unsupported_media_type')
    }
    expect(await patrolState()).toBe(before)
  })
})
