import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import fc from 'fast-check'
import { Pool } from 'undici'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Role } from '../../server/auth/users.ts'
import { createTestApp } from '../support/app.ts'
import { insertRoute, resetClubs, signedIn, SOUTHGATE_LINE } from '../support/clubs.ts'
import { createArea, inArea, insertConcern } from '../support/concerns.ts'
import { resetConcerns, resetMapData, useTestSql } from '../support/db.ts'
import { createPathEdge } from '../support/fixtures.ts'
import { served } from '../support/served.ts'
import { resetAccounts } from '../support/users.ts'

// Property-based: malformed queries, bodies, content types, sizes and headers for every
// endpoint and method of the API, anonymously and as each role, over a real socket. Whatever
// comes, no answer is a 5xx, every 4xx is in the one error shape, and after a 4xx every table
// is as it was. Seeded (FUZZ_SEED) with a bounded count (FUZZ_RUNS per endpoint and actor);
// fast-check prints the seed and the path of a failing case, which replays it.

const SEED = Number(process.env.FUZZ_SEED ?? 20261201)
const RUNS = Number(process.env.FUZZ_RUNS ?? 8)

const sql = useTestSql()
const app = await createTestApp(sql)
const pool = new Pool(await served(app), { connections: 1, pipelining: 1 })
afterAll(() => pool.close())

type Actor = 'anonymous' | Role | 'stale'
const ACTORS: Actor[] = ['anonymous', 'officer', 'club', 'admin', 'stale']
const cookies: Partial<Record<Actor, string>> = {}
/** Real ids and tokens, so that some requests get past the parameters into authorisation and the handlers. */
const known: Record<string, string[]> = {}

beforeAll(async () => {
  await resetConcerns(sql)
  await resetAccounts(sql)
  await resetClubs(sql)
  await resetMapData(sql)
  await sql`TRUNCATE patrols RESTART IDENTITY CASCADE`
  await createArea(sql)
  for (let k = 0; k + 1 < SOUTHGATE_LINE.length; k++) await createPathEdge(sql, { coords: [SOUTHGATE_LINE[k]!, SOUTHGATE_LINE[k + 1]!] })
  for (const role of ['officer', 'club', 'admin'] as const) cookies[role] = (await signedIn(sql, role)).cookie
  cookies.stale = 'cg_session=' + 'A'.repeat(43)
  const concerns = [await insertConcern(sql, { at: inArea() }), await insertConcern(sql, { at: inArea(0.001), description: 'private words' })]
  const routeId = await insertRoute(sql, { expires: 'kept' })
  const setup = async (role: Actor, method: string, path: string, body?: unknown) => {
    const res = await app.request(path, {
      method,
      headers: { 'content-type': 'application/json', cookie: cookies[role] ?? '' },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    if (res.status >= 300) throw new Error(`fixture ${method} ${path}: ${res.status} ${await res.text()}`)
    return res.json()
  }
  const club = await setup('club', 'POST', '/api/clubs', { name: 'Fuzz Harriers', meetingPoint: { lng: -0.1301, lat: 51.6321 } })
  const saved = await setup('club', 'POST', `/api/clubs/${club.id}/routes`, { routeId, name: 'Loop' })
  const share = await setup('club', 'POST', `/api/clubs/${club.id}/routes/${saved.id}/share`)
  const run = await setup('club', 'POST', `/api/clubs/${club.id}/runs`, { savedRouteId: saved.id, startsAt: new Date(Date.now() + 86_400_000).toISOString() })
  const report = await setup('anonymous', 'POST', '/api/concerns', {
    location: { lng: inArea()[0], lat: inArea()[1] },
    category: 'followed',
    when: { timeBands: ['evening'], days: 'any' },
  })
  const today = new Date().toISOString().slice(0, 10)
  const inAWeek = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10)
  const plan = await setup('officer', 'POST', '/api/patrols', {
    title: 'Fuzz patrol',
    public: true,
    waypoints: SOUTHGATE_LINE.slice(0, 3).map(([lng, lat]) => ({ lng, lat })),
    schedule: { days: ['mon', 'wed'], startTime: '18:00', durationMinutes: 60, validFrom: today, validUntil: inAWeek },
  })
  const ids = [...concerns, report.id].map(String)
  Object.assign(known, {
    id: [...ids, String(club.id), String(plan.id)],
    concernId: ids,
    savedId: [String(saved.id)],
    runId: [String(run.id)],
    token: [report.receipt, share.token],
    file: [`${routeId}.gpx`, `${routeId}.geojson`],
    z: ['0', '14', '16'],
    x: ['0', '8185'],
    y: ['0.mvt', '5447.mvt'],
  })
})

// ---------------------------------------------------------------------------------------------
// What is sent

const NASTY = [
  '', ' ', '0', '-1', '1.5', '1e309', 'NaN', 'Infinity', '-0', '99999999999999999999', 'null', 'true', '[]', '{}',
  '..', '😀', '\u202e', "'; DROP TABLE concerns; --", '<script>alert(1)</script>', 'a'.repeat(5000),
  '2026-11-23', '2026-02-30', '2026-13-01', '2026-W53', '2026-11', '2026-11-23T18:00:00Z', '2026-11-23T18:00:00',
  '-0.13,51.62,-0.12,51.63', '-0.12,51.63,-0.13,51.62', '181,0,182,1', '-0.13,51.62,-0.12', 'poor_lighting', 'evening',
]
const text = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...NASTY) },
  { weight: 2, arbitrary: fc.string({ maxLength: 30 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
  { weight: 1, arbitrary: fc.integer().map(String) },
  { weight: 1, arbitrary: fc.double().map(String) },
)
/** Header values must be visible ASCII, or the client refuses to send them. */
const headerText = fc.oneof(fc.constantFrom('', '0', 'x'.repeat(300), 'null', '*', 'W/"abc"'), fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 60 }))

const QUERY_KEYS = ['bbox', 'zoom', 'category', 'timeBand', 'from', 'to', 'lng', 'lat', 'week', 'format', 'includeHidden', 'includeSamples', 'status']
/** Each known key or not (half the time), and now and then a key twice or one nobody reads. */
const query = fc
  .tuple(
    fc.record(Object.fromEntries(QUERY_KEYS.map((k) => [k, text])), { requiredKeys: [] }),
    fc.array(fc.tuple(fc.constantFrom(...QUERY_KEYS, 'x'), text), { maxLength: 2 }),
  )
  .map(([keys, extra]) => {
    const pairs = [...(Object.entries(keys) as [string, string][]), ...extra]
    return pairs.length ? '?' + new URLSearchParams(pairs).toString() : ''
  })

/** Values that are right somewhere, so that some bodies get past the first field into the next. */
const plausible = fc.constantFrom<unknown>(
  { lng: -0.1234567, lat: 51.6312345 },
  { lng: 500, lat: 51.6 },
  'poor_lighting',
  { timeBands: ['night'], days: 'any' },
  { timeBands: ['night', 'night'], days: 'any' },
  [{ lng: -0.1301, lat: 51.6321 }, { lng: -0.1288, lat: 51.6329 }],
  { days: ['mon'], startTime: '18:00', durationMinutes: 60, validFrom: '2026-12-01', validUntil: '2026-11-01' },
  { start: '2026-12-01T18:00:00Z', durationMinutes: 60 },
  '<gpx><trk><trkseg><trkpt lat="51.63" lon="-0.13"/></trkseg></trk></gpx>',
  '<gpx',
  5000,
  42_195,
  -1,
  true,
  'walk_and_talk',
  'club',
  'safest',
  '2026-W48',
)
const BODY_KEYS = [
  'location', 'category', 'when', 'description', 'source', 'from', 'to', 'distanceMeters', 'departAt', 'profile', 'email',
  'password', 'name', 'meetingPoint', 'routeId', 'notes', 'usualStartTime', 'savedRouteId', 'startsAt', 'title', 'team',
  'public', 'waypoints', 'gpx', 'schedule', 'start', 'timeBand', 'minutes', 'week', 'dwellMinutes', 'area', 'concernId',
  'into', 'status', 'publicSummary', 'publicResponse', 'hidden',
]
const body = fc.oneof(
  { weight: 3, arbitrary: fc.constant(undefined) },
  { weight: 3, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)) },
  { weight: 4, arbitrary: fc.dictionary(fc.constantFrom(...BODY_KEYS), fc.oneof(plausible, fc.jsonValue({ maxDepth: 2 })), { maxKeys: 8 }).map((v) => JSON.stringify(v)) },
  { weight: 2, arbitrary: fc.constantFrom('{', '{"location":', 'nul', '[1,2', '\u0000', '{"a":1}{"b":2}', '"just a string"', ' ') },
  { weight: 1, arbitrary: fc.constantFrom(300_000, 3_000_000).map((n) => JSON.stringify({ description: 'x'.repeat(n) })) },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes).toString('latin1')) },
)
const contentType = fc.constantFrom(
  undefined, 'application/json', 'application/json', 'application/json; charset=utf-8', 'application/JSON', 'text/plain',
  'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml', 'garbage',
)
const headers = fc.record(
  {
    'idempotency-key': fc.oneof(fc.uuid(), headerText),
    origin: fc.constantFrom('http://evil.example', 'null', 'http://localhost'),
    'accept-encoding': fc.constantFrom('gzip, deflate, br', 'br;q=0', '*', 'identity;q=0', 'x'),
    'x-forwarded-for': headerText,
    forwarded: headerText,
    'if-none-match': headerText,
    range: fc.constantFrom('bytes=0-1', 'bytes=-5', 'lines=1'),
  },
  { requiredKeys: [] },
)

/** A path parameter: a real value, something malformed, or a broken percent-encoding. */
const param = (name: string) =>
  fc.oneof(
    { weight: 2, arbitrary: fc.constantFrom(...(known[name] ?? ['1'])) },
    { weight: 3, arbitrary: text.map(encodeURIComponent) },
    { weight: 1, arbitrary: fc.constantFrom('%', '%00', '%E0%A4%A', '..%2F..', '%2e%2e', 'a%2Fb') },
  )

function pathOf(template: string): fc.Arbitrary<string> {
  const names = [...template.matchAll(/:(\w+)/g)].map((m) => m[1]!)
  if (names.length === 0) return fc.constant(template)
  return fc.tuple(...names.map(param)).map((values) => names.reduce((path, name, k) => path.replace(`:${name}`, values[k]!), template))
}

const request = (method: string, path: fc.Arbitrary<string>, actors: readonly Actor[] = ACTORS) =>
  fc.record({ method: fc.constant(method), path, query, body, contentType, headers, actor: fc.constantFrom(...actors) })
type Request = typeof request extends (...args: never[]) => fc.Arbitrary<infer R> ? R : never

// ---------------------------------------------------------------------------------------------
// What must hold

/** Every table as one string (sessions without their idle clock; the limits' counters aside: counting attempts is their job). */
async function tables(): Promise<string> {
  const names = await sql<{ name: string }[]>`
    SELECT table_name AS name FROM information_schema.tables
    WHERE table_schema = 'public' AND table_type = 'BASE TABLE'
      AND table_name NOT IN ('spatial_ref_sys', 'schema_migrations', 'client_limits')
    ORDER BY table_name`
  const parts = names.map(({ name }) => {
    const row = name === 'sessions' ? 'row(t.token_hash, t.user_id, t.created_at, t.expires_at)' : 't'
    return `(SELECT count(*) || ':' || coalesce(sum(hashtext(${row}::text)::bigint), 0) FROM "${name}" t)`
  })
  const [row] = await sql.unsafe<{ state: string }[]>(`SELECT concat_ws(' ', ${parts.join(', ')}) AS state`)
  return row!.state
}

let state = ''

async function check(r: Request): Promise<void> {
  const headers: Record<string, string> = { ...r.headers }
  if (r.contentType) headers['content-type'] = r.contentType
  const cookie = cookies[r.actor]
  if (cookie) headers.cookie = cookie
  let res: Awaited<ReturnType<typeof pool.request>>
  try {
    res = await pool.request({ method: r.method as 'GET', path: r.path + r.query, headers, body: r.method === 'GET' || r.method === 'HEAD' ? undefined : r.body })
  } catch (error) {
    // The client itself refused to send it (a path it can't write): nothing reached the server.
    if ((error as { code?: string }).code === 'UND_ERR_INVALID_ARG') return
    throw error
  }
  const raw = Buffer.from(await res.body.arrayBuffer())
  const encoding = res.headers['content-encoding']
  const text = (encoding === 'br' ? brotliDecompressSync(raw) : encoding === 'gzip' ? gunzipSync(raw) : raw).toString('utf8')
  const described = `${r.method} ${r.path}${r.query} as ${r.actor} → ${res.statusCode}: ${text.slice(0, 200)}`
  expect(res.statusCode, described).toBeLessThan(500)
  const now = await tables()
  if (res.statusCode >= 400) {
    if (r.method !== 'HEAD') {
      expect(res.headers['content-type'], described).toMatch(/^application\/json/)
      const answer = JSON.parse(text) as { error: { code: unknown; message: unknown } }
      expect(Object.keys(answer), described).toEqual(['error'])
      expect(answer.error, described).toMatchObject({ code: expect.any(String), message: expect.any(String) })
      expect(Object.keys(answer.error).every((k) => ['code', 'message', 'details'].includes(k)), described).toBe(true)
    }
    expect(now, `${described}\nchanged a table`).toBe(state)
  }
  state = now
}

const settings = (runs: number) => ({ seed: SEED, numRuns: runs, endOnFailure: true })
const API = app.routes.filter((r) => r.method !== 'ALL' && r.path.startsWith('/api'))
const ENDPOINTS = [...new Map(API.map((r) => [`${r.method} ${r.path}`, { method: r.method, path: r.path }])).values()]

describe('whatever a client sends', () => {
  beforeAll(async () => {
    state = await tables()
  })

  it.each(ENDPOINTS.map((e) => [e.method, e.path]))('%s %s: no 5xx, the one error shape, nothing written on a 4xx', async (method, path) => {
    // Signing out with a real session would leave the rest of the run anonymous.
    const actors = path === '/api/auth/logout' ? (['anonymous', 'stale'] as const) : ACTORS
    await fc.assert(fc.asyncProperty(request(method, pathOf(path), actors), check), settings(RUNS * actors.length))
  })

  it('any method on any path of the API: 404 or 405 in the error shape, never a 5xx', async () => {
    const paths = fc.oneof(
      fc.constantFrom(...ENDPOINTS.map((e) => e.path)).chain(pathOf),
      fc.array(fc.oneof(fc.constantFrom('concerns', 'patrols', 'place', 'tiles', 'x'), text.map(encodeURIComponent)), { maxLength: 4 }).map((parts) => `/api/${parts.join('/')}`),
    )
    const method = fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD')
    await fc.assert(
      fc.asyncProperty(method.chain((m) => request(m, paths, ['anonymous', 'officer'])), check),
      settings(RUNS * 40),
    )
  })
})
