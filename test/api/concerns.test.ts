import { createHash } from 'node:crypto'
import { beforeEach, describe, expect, it } from 'vitest'
import { CHANGE_CHECK_MS, clusterIndexes } from '../../server/concerns/clusters/index.ts'
import { CONCERN_LIMITS } from '../../server/concerns/rate-limit.ts'
import { defaultSettings } from '../../server/config.ts'
import { createTestApp } from '../support/app.ts'
import {
  countConcerns,
  createArea,
  createConcernsApp,
  inArea,
  insertConcern,
  json,
  reportAt,
} from '../support/concerns.ts'
import { resetConcerns, resetMapData, useTestSql } from '../support/db.ts'
import { createUser, loginAs, resetAccounts } from '../support/users.ts'

const sql = useTestSql()
type App = Awaited<ReturnType<typeof createTestApp>>

beforeEach(async () => {
  await resetConcerns(sql)
  await resetAccounts(sql)
  await resetMapData(sql)
  await createArea(sql)
  // The reset is this process's own change: the cluster indexes must not wait CHANGE_CHECK_MS for it.
  clusterIndexes(sql).changed()
})

const BBOX = '-0.15,51.6,-0.1,51.65'
const SECRET_TEXT = 'The alley behind 12 Acacia Road, a man waits there'
const PRECISE = inArea()

async function report(app: App, body: unknown = reportAt(PRECISE)) {
  const res = await app.request('/api/concerns', json('POST', body))
  expect(res.status).toBe(201)
  return (await res.json()) as { id: number; receipt: string }
}

async function officerCookie(app: App) {
  return loginAs(app, await createUser(sql, { role: 'officer' }))
}

const metres = async (a: [number, number], b: [number, number]) => {
  const [row] = await sql<{ d: number }[]>`
    SELECT ST_Distance(ST_SetSRID(ST_MakePoint(${a[0]}, ${a[1]}), 4326)::geography,
                       ST_SetSRID(ST_MakePoint(${b[0]}, ${b[1]}), 4326)::geography) AS d`
  return row!.d
}

function tileOf([lng, lat]: [number, number], z: number) {
  const n = 2 ** z
  const x = Math.floor(((lng + 180) / 360) * n)
  const r = (lat * Math.PI) / 180
  const y = Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n)
  return { x, y }
}

/** REPORTS_PER_CLIENT's default. */
const REPORTS_PER_CLIENT = defaultSettings().reportsPerClient

describe('privacy', () => {
  it('no public endpoint returns the precise point or the free text', async () => {
    const app = await createTestApp(sql)
    const { receipt } = await report(app, reportAt(PRECISE, { description: SECRET_TEXT }))
    const bodies: string[] = []
    const get = async (path: string) => {
      const res = await app.request(path)
      expect(res.status, path).toBe(200)
      bodies.push(Buffer.from(await res.arrayBuffer()).toString('latin1'))
    }
    await get(`/api/concerns?bbox=${BBOX}`)
    for (const zoom of [0, 10, 14, 16, 17, 20]) await get(`/api/concerns/clusters?bbox=-1,51,1,52&zoom=${zoom}`)
    await get(`/api/concerns/nearby?lng=${PRECISE[0]}&lat=${PRECISE[1]}&category=poor_lighting`)
    await get(`/api/concerns/receipt/${receipt}`)
    for (const z of [14, 15, 16]) {
      const { x, y } = tileOf(PRECISE, z)
      await get(`/api/tiles/${z}/${x}/${y}.mvt`)
    }
    expect(bodies[0]).toContain('"poor_lighting"') // the concern is there, just coarsened
    for (const body of bodies) {
      expect(body).not.toContain('Acacia')
      expect(body).not.toContain('-0.12345')
      expect(body).not.toContain('51.63123')
    }
  })

  it('stores no address or device data, and only the SHA-256 of the receipt', async () => {
    const app = await createTestApp(sql)
    const { id, receipt } = await report(app)
    expect(receipt).toMatch(/^[A-Za-z0-9_-]{43}$/) // 32 random bytes
    const columns = await sql<{ name: string }[]>`
      SELECT column_name AS name FROM information_schema.columns WHERE table_name = 'concerns' ORDER BY ordinal_position`
    expect(columns.map((c) => c.name)).toEqual([
      'id', 'category', 'time_bands', 'days', 'description', 'source', 'status', 'public_summary', 'public_response',
      'hidden', 'merged_into', 'support_count', 'receipt_hash', 'month', 'created_at', 'updated_at', 'geom', 'cell',
      'hidden_before_merge',
    ])
    const [row] = await sql<{ text: string; hash: Buffer }[]>`
      SELECT row_to_json(c)::text AS text, receipt_hash AS hash FROM concerns c WHERE id = ${id}`
    expect(row!.text).not.toContain(receipt)
    expect(row!.hash.equals(createHash('sha256').update(receipt).digest())).toBe(true)
  })

  it('coarsens to a stable cell centre at most 150 m away', async () => {
    const app = await createTestApp(sql)
    await report(app)
    await report(app, reportAt(inArea(0.00001, 0.00001))) // ~1 m away: almost surely the same 100 m cell
    const res = await app.request(`/api/concerns?bbox=${BBOX}`)
    const { features } = (await res.json()) as { features: { geometry: { coordinates: [number, number] } }[] }
    expect(features).toHaveLength(2)
    const [a, b] = features.map((f) => f.geometry.coordinates)
    expect(a).toEqual(b)
    expect(await metres(a!, PRECISE)).toBeLessThanOrEqual(150)
    expect(await metres(a!, PRECISE)).toBeGreaterThan(0)
    // The cell is a fixed grid: the same place gives the same point in any later report.
    const [cell] = await sql<{ x: number; y: number }[]>`
      SELECT ST_X(c) AS x, ST_Y(c) AS y FROM (SELECT concern_cell(ST_SetSRID(ST_MakePoint(${PRECISE[0]}, ${PRECISE[1]}), 4326)) AS c) s`
    expect(a![0]).toBeCloseTo(cell!.x, 6)
    expect(a![1]).toBeCloseTo(cell!.y, 6)
  })

  it('shows the month, never the time, and the properties of the contract', async () => {
    const app = await createTestApp(sql)
    const { id } = await report(app, reportAt(PRECISE, { description: SECRET_TEXT }))
    const res = await app.request(`/api/concerns?bbox=${BBOX}`)
    const body = await res.json()
    expect(body.features[0].properties).toEqual({
      id,
      category: 'poor_lighting',
      timeBands: ['night'],
      days: 'any',
      month: expect.stringMatching(/^\d{4}-\d{2}$/),
      supportCount: 1,
      status: 'new',
      publicSummary: null,
      publicResponse: null,
      sample: false,
    })
  })
})

describe('POST /api/concerns', () => {
  it('refuses a place outside every boundary with 422 area_not_covered, writing nothing', async () => {
    const app = await createTestApp(sql)
    const res = await app.request('/api/concerns', json('POST', reportAt([-2.5, 53.4])))
    expect(res.status).toBe(422)
    expect((await res.json()).error.code).toBe('area_not_covered')
    expect(await countConcerns(sql)).toBe(0)
  })

  it(`rate-limits a client after ${REPORTS_PER_CLIENT} reports with 429 and Retry-After`, async () => {
    let now = new Date()
    const app = await createTestApp(sql, { clock: () => now })
    for (let i = 0; i < REPORTS_PER_CLIENT; i++) await report(app)
    const res = await app.request('/api/concerns', json('POST', reportAt(PRECISE)))
    expect(res.status).toBe(429)
    expect((await res.json()).error.code).toBe('rate_limited')
    const retryAfter = Number(res.headers.get('retry-after'))
    expect(retryAfter).toBeGreaterThan(0)
    expect(retryAfter).toBeLessThanOrEqual(CONCERN_LIMITS.report.windowSeconds)
    expect(await countConcerns(sql)).toBe(REPORTS_PER_CLIENT)
    // The counter expires: once its window has passed the client may report again.
    now = new Date(now.getTime() + CONCERN_LIMITS.report.windowSeconds * 1000)
    await report(app)
  })

  it('lets the operator set how many reports a client may send (REPORTS_PER_CLIENT)', async () => {
    const app = await createTestApp(sql, { reportsPerClient: 3 })
    for (let i = 0; i < 3; i++) await report(app)
    expect((await app.request('/api/concerns', json('POST', reportAt(PRECISE)))).status).toBe(429)
    expect(await countConcerns(sql)).toBe(3)
  })

  it('takes source club only from a club organiser and walk_and_talk only from an officer', async () => {
    const app = await createTestApp(sql)
    const club = await loginAs(app, await createUser(sql, { role: 'club' }))
    expect((await app.request('/api/concerns', json('POST', reportAt(PRECISE, { source: 'club' })))).status).toBe(403)
    expect((await app.request('/api/concerns', json('POST', reportAt(PRECISE, { source: 'walk_and_talk' }), { cookie: club }))).status).toBe(403)
    const res = await app.request('/api/concerns', json('POST', reportAt(PRECISE, { source: 'club' }), { cookie: club }))
    expect(res.status).toBe(201)
    const [row] = await sql<{ source: string }[]>`SELECT source FROM concerns`
    expect(row!.source).toBe('club')
  })
})

describe('bad input', () => {
  const longText = 'x'.repeat(100 * 1024)
  const cases: [string, string, RequestInit | undefined, number?][] = [
    ['missing body', '/api/concerns', json('POST', '')],
    ['malformed JSON', '/api/concerns', json('POST', '{"location":')],
    ['wrong content type', '/api/concerns', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{}' }, 415],
    ['form post', '/api/concerns', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'a=1' }, 415],
    ['100 kB text', '/api/concerns', json('POST', reportAt(PRECISE, { description: longText })), 413],
    ['1,001 chars', '/api/concerns', json('POST', reportAt(PRECISE, { description: 'y'.repeat(1001) }))],
    ['array body', '/api/concerns', json('POST', [])],
    ['no location', '/api/concerns', json('POST', { category: 'other', when: { timeBands: ['night'], days: 'any' } })],
    ['lng as string', '/api/concerns', json('POST', { ...reportAt(PRECISE), location: { lng: '-0.1', lat: 51.6 } })],
    ['NaN as null', '/api/concerns', json('POST', { ...reportAt(PRECISE), location: { lng: null, lat: 51.6 } })],
    ['lat out of range', '/api/concerns', json('POST', reportAt([-0.1, 91]))],
    ['lng out of range', '/api/concerns', json('POST', reportAt([-181, 51.6]))],
    ['unknown category', '/api/concerns', json('POST', reportAt(PRECISE, { category: 'ghosts' }))],
    ['SQL in category', '/api/concerns', json('POST', reportAt(PRECISE, { category: "other'; DROP TABLE concerns;--" }))],
    ['HTML in category', '/api/concerns', json('POST', reportAt(PRECISE, { category: '<script>alert(1)</script>' }))],
    ['empty timeBands', '/api/concerns', json('POST', reportAt(PRECISE, { when: { timeBands: [], days: 'any' } }))],
    ['unknown timeBand', '/api/concerns', json('POST', reportAt(PRECISE, { when: { timeBands: ['noon'], days: 'any' } }))],
    ['repeated timeBand', '/api/concerns', json('POST', reportAt(PRECISE, { when: { timeBands: ['night', 'night'], days: 'any' } }))],
    ['bad days', '/api/concerns', json('POST', reportAt(PRECISE, { when: { timeBands: ['night'], days: 'sundays' } }))],
    ['source sample', '/api/concerns', json('POST', reportAt(PRECISE, { source: 'sample' }))],
    ['unknown field', '/api/concerns', json('POST', reportAt(PRECISE, { ip: '1.2.3.4' }))],
    ['description a number', '/api/concerns', json('POST', reportAt(PRECISE, { description: 42 }))],
    ['list without bbox', '/api/concerns', undefined],
    ['list bbox NaN', '/api/concerns?bbox=NaN,51.6,-0.1,51.65', undefined],
    ['list bbox too large', '/api/concerns?bbox=-1,51,0,52', undefined],
    ['list unknown category', `/api/concerns?bbox=${BBOX}&category=ghosts`, undefined],
    ['list bad month', `/api/concerns?bbox=${BBOX}&from=2025-13`, undefined],
    ['list from after to', `/api/concerns?bbox=${BBOX}&from=2025-05&to=2025-01`, undefined],
    ['clusters without zoom', `/api/concerns/clusters?bbox=${BBOX}`, undefined],
    ['clusters zoom 21', `/api/concerns/clusters?bbox=${BBOX}&zoom=21`, undefined],
    ['clusters zoom -1', `/api/concerns/clusters?bbox=${BBOX}&zoom=-1`, undefined],
    ['clusters zoom NaN', `/api/concerns/clusters?bbox=${BBOX}&zoom=NaN`, undefined],
    ['clusters inverted bbox', '/api/concerns/clusters?bbox=1,52,-1,51&zoom=3', undefined],
    ['clusters unknown timeBand', `/api/concerns/clusters?bbox=${BBOX}&zoom=3&timeBand=noon`, undefined],
    ['nearby NaN', '/api/concerns/nearby?lng=NaN&lat=51.6&category=other', undefined],
    ['nearby Infinity', '/api/concerns/nearby?lng=Infinity&lat=51.6&category=other', undefined],
    ['nearby lat 95', '/api/concerns/nearby?lng=-0.1&lat=95&category=other', undefined],
    ['nearby no category', '/api/concerns/nearby?lng=-0.1&lat=51.6', undefined],
    ['nearby empty lng', '/api/concerns/nearby?lng=&lat=51.6&category=other', undefined],
    ['support id text', '/api/concerns/abc/support', json('POST', '')],
    ['support id 0', '/api/concerns/0/support', json('POST', '')],
    ['support id huge', '/api/concerns/99999999999999999999/support', json('POST', '')],
    ['support unknown id', '/api/concerns/424242/support', json('POST', ''), 404],
    ['receipt unknown', '/api/concerns/receipt/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', undefined, 404],
    ['receipt SQL', `/api/concerns/receipt/${encodeURIComponent("' OR 1=1 --")}`, undefined, 404],
  ]

  it.each(cases)('%s → 4xx in the one error shape, nothing written', async (_name, path, init, status) => {
    const app = await createTestApp(sql)
    const existing = await insertConcern(sql, { at: PRECISE })
    const before = await sql`SELECT * FROM concerns ORDER BY id`
    const res = await app.request(path, init)
    if (status) expect(res.status).toBe(status)
    expect(res.status).toBeGreaterThanOrEqual(400)
    expect(res.status).toBeLessThan(500)
    const body = await res.json()
    expect(body).toEqual({ error: { code: expect.any(String), message: expect.any(String), ...(body.error.details ? { details: expect.anything() } : {}) } })
    expect(await sql`SELECT * FROM concerns ORDER BY id`).toEqual(before)
    expect(existing).toBeGreaterThan(0)
  })

  const officerCases: [string, string, RequestInit, number?][] = [
    ['list bad status', '/api/officer/concerns?status=done', { method: 'GET' }],
    ['list bad format', '/api/officer/concerns?format=xml', { method: 'GET' }],
    ['list includeHidden=yes', '/api/officer/concerns?includeHidden=yes', { method: 'GET' }],
    ['patch empty', '/api/officer/concerns/1', json('PATCH', {})],
    ['patch bad status', '/api/officer/concerns/1', json('PATCH', { status: 'done' })],
    ['patch hidden string', '/api/officer/concerns/1', json('PATCH', { hidden: 'yes' })],
    ['patch unknown field', '/api/officer/concerns/1', json('PATCH', { description: 'rewritten' })],
    ['patch 100 kB', '/api/officer/concerns/1', json('PATCH', { publicResponse: 'z'.repeat(100 * 1024) }), 413],
    ['patch malformed', '/api/officer/concerns/1', json('PATCH', '{"status"')],
    ['patch text/plain', '/api/officer/concerns/1', { method: 'PATCH', headers: { 'content-type': 'text/plain' }, body: '{}' }, 415],
    ['patch unknown id', '/api/officer/concerns/999', json('PATCH', { status: 'closed' }), 404],
    ['patch id text', '/api/officer/concerns/x', json('PATCH', { status: 'closed' })],
    ['merge no into', '/api/officer/concerns/1/merge', json('POST', {})],
    ['merge into text', '/api/officer/concerns/1/merge', json('POST', { into: 'two' })],
    ['merge into itself', '/api/officer/concerns/1/merge', json('POST', { into: 1 }), 422],
    ['merge unknown', '/api/officer/concerns/999/merge', json('POST', { into: 1 }), 404],
    ['merge into unknown', '/api/officer/concerns/1/merge', json('POST', { into: 999 }), 422],
    ['walk-and-talk NaN', '/api/officer/concerns', json('POST', '{"location":{"lng":NaN,"lat":51.6}}')],
    ['walk-and-talk outside', '/api/officer/concerns', json('POST', reportAt([-2.5, 53.4])), 422],
    ['walk-and-talk source club', '/api/officer/concerns', json('POST', reportAt(PRECISE, { source: 'club' }))],
  ]

  it.each(officerCases)('officer: %s → 4xx in the one error shape, nothing written', async (_name, path, init, status) => {
    const app = await createTestApp(sql)
    const cookie = await officerCookie(app)
    await insertConcern(sql, { at: PRECISE })
    const before = await sql`SELECT * FROM concerns ORDER BY id`
    const res = await app.request(path, { ...init, headers: { ...(init.headers as Record<string, string>), cookie } })
    if (status) expect(res.status).toBe(status)
    expect(res.status).toBeGreaterThanOrEqual(400)
    expect(res.status).toBeLessThan(500)
    expect((await res.json()).error).toMatchObject({ code: expect.any(String), message: expect.any(String) })
    expect(await sql`SELECT * FROM concerns ORDER BY id`).toEqual(before)
  })
})

describe('receipt', () => {
  it('follows a report to the officer response', async () => {
    const app = await createTestApp(sql)
    const { id, receipt } = await report(app, reportAt(PRECISE, { description: SECRET_TEXT }))
    const first = await app.request(`/api/concerns/receipt/${receipt}`)
    expect(await first.json()).toEqual({
      status: 'new', category: 'poor_lighting', month: expect.stringMatching(/^\d{4}-\d{2}$/),
      publicSummary: null, publicResponse: null, supportCount: 1, linked: [],
      // In words only: the test area has a borough and no named street or park.
      place: { street: null, openSpace: null, borough: 'Test borough' },
    })
    const cookie = await officerCookie(app)
    const patch = await app.request(`/api/officer/concerns/${id}`, json('PATCH', {
      status: 'action_planned', publicSummary: 'Dark alley by the shops', publicResponse: 'The council will add a lamp in May',
    }, { cookie }))
    expect(patch.status).toBe(200)
    expect((await patch.json()).properties).toMatchObject({ status: 'action_planned', description: SECRET_TEXT })
    const later = await (await app.request(`/api/concerns/receipt/${receipt}`)).json()
    expect(later).toMatchObject({ status: 'action_planned', publicSummary: 'Dark alley by the shops', publicResponse: 'The council will add a lamp in May' })
    const list = await (await app.request(`/api/concerns?bbox=${BBOX}`)).json()
    expect(list.features[0].properties.publicResponse).toBe('The council will add a lamp in May')
  })

  it('answers an unknown token with 404 after the same lookup', async () => {
    const app = await createTestApp(sql)
    const { receipt } = await report(app)
    const other = receipt.slice(0, -1) + (receipt.endsWith('A') ? 'B' : 'A')
    const res = await app.request(`/api/concerns/receipt/${other}`)
    expect(res.status).toBe(404)
    expect((await res.json()).error.code).toBe('not_found')
  })
})

describe('me too', () => {
  it('lists visible concerns of the category about 50 m away and adds support', async () => {
    const app = await createTestApp(sql)
    const { id } = await report(app)
    await insertConcern(sql, { at: inArea(0.0001), category: 'followed' })
    await insertConcern(sql, { at: inArea(0.0002), hidden: true })
    await insertConcern(sql, { at: inArea(0.01) }) // ~700 m east
    const near = await app.request(`/api/concerns/nearby?lng=${PRECISE[0] + 0.0004}&lat=${PRECISE[1]}&category=poor_lighting`)
    const { concerns } = await near.json()
    expect(concerns).toEqual([{ id, category: 'poor_lighting', timeBands: ['night'], supportCount: 1, month: expect.any(String), status: 'new', sample: false }])
    const support = await app.request(`/api/concerns/${id}/support`, { method: 'POST', headers: { origin: 'http://localhost' } })
    expect(support.status).toBe(200)
    expect(await support.json()).toEqual({ id, supportCount: 2 })
    expect(await countConcerns(sql)).toBe(4)
  })

  it('refuses support for a hidden concern with 404', async () => {
    const app = await createTestApp(sql)
    const hidden = await insertConcern(sql, { at: PRECISE, hidden: true })
    expect((await app.request(`/api/concerns/${hidden}/support`, { method: 'POST' })).status).toBe(404)
  })

  it(`rate-limits support after ${CONCERN_LIMITS.support.hits}`, async () => {
    const app = await createTestApp(sql)
    const id = await insertConcern(sql, { at: PRECISE })
    for (let i = 0; i < CONCERN_LIMITS.support.hits; i++) {
      expect((await app.request(`/api/concerns/${id}/support`, { method: 'POST' })).status).toBe(200)
    }
    const res = await app.request(`/api/concerns/${id}/support`, { method: 'POST' })
    expect(res.status).toBe(429)
    expect(res.headers.get('retry-after')).toMatch(/^\d+$/)
  })
})

describe('officer tools', () => {
  it('merges a duplicate: the target gains the support, the duplicate is hidden', async () => {
    const app = await createTestApp(sql)
    const cookie = await officerCookie(app)
    const a = await report(app)
    const b = await report(app, reportAt(inArea(0.0001)))
    await app.request(`/api/concerns/${b.id}/support`, { method: 'POST' })
    const res = await app.request(`/api/officer/concerns/${b.id}/merge`, json('POST', { into: a.id }, { cookie }))
    expect(res.status).toBe(200)
    const body = await res.json()
    expect(body.into.properties).toMatchObject({ id: a.id, supportCount: 3, mergedInto: null })
    expect(body.merged.properties).toMatchObject({ id: b.id, hidden: true, mergedInto: a.id })
    const list = await (await app.request(`/api/concerns?bbox=${BBOX}`)).json()
    expect(list.features.map((f: { id: number }) => f.id)).toEqual([a.id])
    // The duplicate's reporter follows the concern it went into.
    expect(await (await app.request(`/api/concerns/receipt/${b.receipt}`)).json()).toMatchObject({ supportCount: 3 })
    const again = await app.request(`/api/officer/concerns/${b.id}/merge`, json('POST', { into: a.id }, { cookie }))
    expect(again.status).toBe(409)
    const intoMerged = await app.request(`/api/officer/concerns/${a.id}/merge`, json('POST', { into: b.id }, { cookie }))
    expect(intoMerged.status).toBe(409)
    const [row] = await sql<{ n: number }[]>`SELECT support_count AS n FROM concerns WHERE id = ${a.id}`
    expect(row!.n).toBe(3)
  })

  it('undoes a merge: the support goes back and the duplicate is shown or hidden as it was before', async () => {
    const app = await createTestApp(sql)
    const cookie = await officerCookie(app)
    const a = await report(app)
    const b = await report(app, reportAt(inArea(0.0001)))
    const c = await report(app, reportAt(inArea(0.0002)))
    await app.request(`/api/concerns/${b.id}/support`, { method: 'POST' })
    // c was hidden before it was merged: undone, it stays hidden.
    await app.request(`/api/officer/concerns/${c.id}`, json('PATCH', { hidden: true }, { cookie }))
    for (const id of [b.id, c.id]) {
      expect((await app.request(`/api/officer/concerns/${id}/merge`, json('POST', { into: a.id }, { cookie }))).status).toBe(200)
    }
    const undo = await app.request(`/api/officer/concerns/${b.id}/merge`, { method: 'DELETE', headers: { cookie } })
    expect(undo.status).toBe(200)
    const body = await undo.json()
    expect(body.into.properties).toMatchObject({ id: a.id, supportCount: 2 })
    expect(body.merged.properties).toMatchObject({ id: b.id, hidden: false, mergedInto: null, supportCount: 2 })
    const undoC = await (await app.request(`/api/officer/concerns/${c.id}/merge`, { method: 'DELETE', headers: { cookie } })).json()
    expect(undoC.merged.properties).toMatchObject({ id: c.id, hidden: true, mergedInto: null })
    expect(undoC.into.properties).toMatchObject({ id: a.id, supportCount: 1 })
    // Each reporter follows their own concern again; the public map shows a and b.
    expect(await (await app.request(`/api/concerns/receipt/${b.receipt}`)).json()).toMatchObject({ supportCount: 2 })
    const list = await (await app.request(`/api/concerns?bbox=${BBOX}`)).json()
    expect(list.features.map((f: { id: number }) => f.id).sort()).toEqual([a.id, b.id].sort())
    // Nothing to undo: a 409 (not merged) or a 404 (no such concern), and nothing changes.
    const again = await app.request(`/api/officer/concerns/${b.id}/merge`, { method: 'DELETE', headers: { cookie } })
    expect(again.status).toBe(409)
    expect((await again.json()).error.code).toBe('not_merged')
    expect((await app.request(`/api/officer/concerns/999999/merge`, { method: 'DELETE', headers: { cookie } })).status).toBe(404)
    expect((await app.request(`/api/officer/concerns/${b.id}/merge`, { method: 'DELETE' })).status).toBe(401)
    const [row] = await sql<{ n: number }[]>`SELECT support_count AS n FROM concerns WHERE id = ${a.id}`
    expect(row!.n).toBe(1)
  })

  it('shows officers the precise point and text; samples only on request, never in the CSV', async () => {
    const app = await createTestApp(sql)
    const cookie = await officerCookie(app)
    const { id } = await report(app, reportAt(PRECISE, { description: '=HYPERLINK("x"), "quoted"' }))
    await insertConcern(sql, { at: inArea(0.001), source: 'sample', description: 'sample text' })
    const list = await (await app.request('/api/officer/concerns', { headers: { cookie } })).json()
    expect(list.features).toHaveLength(1)
    expect(list.features[0].geometry.coordinates).toEqual(PRECISE)
    expect(list.features[0].properties).toMatchObject({ id, source: 'public', sample: false })
    const withSamples = await (await app.request('/api/officer/concerns?includeSamples=true', { headers: { cookie } })).json()
    expect(withSamples.features.map((f: { properties: { sample: boolean } }) => f.properties.sample).sort()).toEqual([false, true])
    const csv = await app.request('/api/officer/concerns?format=csv&includeSamples=true', { headers: { cookie } })
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/)
    const text = await csv.text()
    expect(text.trim().split('\r\n')).toHaveLength(2)
    expect(text).not.toContain('sample text')
    expect(text).toContain(`"'=HYPERLINK(""x""), ""quoted"""`)
  })

  it('records a walk-and-talk concern with its source and a receipt', async () => {
    const app = await createTestApp(sql)
    const cookie = await officerCookie(app)
    const res = await app.request('/api/officer/concerns', json('POST', reportAt(PRECISE, { category: 'followed' }), { cookie }))
    expect(res.status).toBe(201)
    const { receipt } = await res.json()
    expect((await app.request(`/api/concerns/receipt/${receipt}`)).status).toBe(200)
    const [row] = await sql<{ source: string }[]>`SELECT source FROM concerns`
    expect(row!.source).toBe('walk_and_talk')
  })
})

describe('authorisation', () => {
  const endpoints: [string, string, () => RequestInit][] = [
    ['GET', '/api/officer/concerns', () => ({})],
    ['GET', '/api/officer/concerns?format=csv', () => ({})],
    ['POST', '/api/officer/concerns', () => json('POST', reportAt(PRECISE))],
    ['PATCH', '/api/officer/concerns/1', () => json('PATCH', { status: 'closed' })],
    ['POST', '/api/officer/concerns/1/merge', () => json('POST', { into: 2 })],
    ['DELETE', '/api/officer/concerns/1/merge', () => ({ method: 'DELETE' })],
  ]

  it.each(endpoints)('%s %s: 401 anonymous, 403 club, 401 after logout, allowed for officer and admin', async (_m, path, init) => {
    const app = await createTestApp(sql)
    await insertConcern(sql, { at: PRECISE })
    await insertConcern(sql, { at: PRECISE })
    const before = await sql`SELECT * FROM concerns ORDER BY id`
    const call = (cookie?: string) => {
      const i = init()
      return app.request(path, { ...i, headers: { ...(i.headers as Record<string, string>), ...(cookie ? { cookie } : {}) } })
    }
    const anonymous = await call()
    expect(anonymous.status).toBe(401)
    expect((await anonymous.json()).error.code).toBe('unauthorized')
    const club = await call(await loginAs(app, await createUser(sql, { role: 'club' })))
    expect(club.status).toBe(403)
    const officer = await officerCookie(app)
    const logout = await app.request('/api/auth/logout', { method: 'POST', headers: { cookie: officer, origin: 'http://localhost' } })
    expect(logout.status).toBe(204)
    expect((await call(officer)).status).toBe(401)
    expect(await sql`SELECT * FROM concerns ORDER BY id`).toEqual(before)
    for (const role of ['officer', 'admin'] as const) {
      const res = await call(await loginAs(app, await createUser(sql, { role })))
      // Let through: whatever the handler answers (a second merge is a 409), it isn't 401/403.
      expect([401, 403], role).not.toContain(res.status)
      expect(res.status, role).toBeLessThan(500)
    }
  })

  it('refuses changes from another origin, writing nothing', async () => {
    const app = await createTestApp(sql)
    const id = await insertConcern(sql, { at: PRECISE })
    const cookie = await officerCookie(app)
    const evil = { origin: 'https://evil.example' }
    expect((await app.request('/api/concerns', json('POST', reportAt(PRECISE), evil))).status).toBe(403)
    expect((await app.request(`/api/concerns/${id}/support`, { method: 'POST', headers: evil })).status).toBe(403)
    expect((await app.request(`/api/officer/concerns/${id}`, json('PATCH', { hidden: true }, { ...evil, cookie }))).status).toBe(403)
    const [row] = await sql<{ n: number; hidden: boolean }[]>`SELECT support_count AS n, hidden FROM concerns`
    expect(row).toEqual({ n: 1, hidden: false })
    expect(await countConcerns(sql)).toBe(1)
  })
})

describe('clusters', () => {
  it('clusters cells with counts, a category breakdown and an expansion zoom', async () => {
    const app = await createTestApp(sql)
    for (let i = 0; i < 30; i++) {
      await insertConcern(sql, { at: inArea(i * 0.0003, (i % 5) * 0.0002), category: i % 3 ? 'poor_lighting' : 'followed' })
    }
    await insertConcern(sql, { at: inArea(0.001), source: 'sample' })
    const res = await app.request('/api/concerns/clusters?bbox=-1,51,1,52&zoom=10')
    const body = await res.json()
    expect(body.features).toHaveLength(1)
    const { properties } = body.features[0]
    expect(properties).toEqual({
      cluster: true, clusterId: expect.any(Number), pointCount: 31, expansionZoom: expect.any(Number),
      categories: { poor_lighting: 21, followed: 10 }, sampleCount: 1,
    })
    expect(properties.expansionZoom).toBeGreaterThan(10)
    const filtered = await (await app.request('/api/concerns/clusters?bbox=-1,51,1,52&zoom=10&category=followed')).json()
    expect(filtered.features[0].properties.pointCount).toBe(10)
    const close = await (await app.request('/api/concerns/clusters?bbox=-1,51,1,52&zoom=20')).json()
    expect(close.features).toHaveLength(31)
    expect(close.features.every((f: { properties: { cluster: boolean } }) => f.properties.cluster === false)).toBe(true)
    expect(close.features.filter((f: { properties: { sample: boolean } }) => f.properties.sample)).toHaveLength(1)
  })

  it('shows a new report, a hidden concern and a direct change on the next request', async () => {
    const app = await createTestApp(sql)
    const count = async () => {
      const body = await (await app.request('/api/concerns/clusters?bbox=-1,51,1,52&zoom=5')).json()
      return body.features.reduce((n: number, f: { properties: { pointCount?: number } }) => n + (f.properties.pointCount ?? 1), 0)
    }
    expect(await count()).toBe(0)
    const { id } = await report(app)
    expect(await count()).toBe(1)
    await insertConcern(sql, { at: inArea(0.001) })
    // A change made outside the app (another process) shows once the change check is due.
    await new Promise((resolve) => setTimeout(resolve, CHANGE_CHECK_MS))
    expect(await count()).toBe(2)
    const cookie = await officerCookie(app)
    await app.request(`/api/officer/concerns/${id}`, json('PATCH', { hidden: true }, { cookie }))
    expect(await count()).toBe(1)
  })
})

describe('PUBLISH_CONCERNS=after_review', () => {
  it('keeps a concern private until an officer reviews it', async () => {
    const app = await createConcernsApp(sql, 'after_review')
    const { id, receipt } = await report(app)
    const publicIds = async () => {
      const list = await (await app.request(`/api/concerns?bbox=${BBOX}`)).json()
      const near = await (await app.request(`/api/concerns/nearby?lng=${PRECISE[0]}&lat=${PRECISE[1]}&category=poor_lighting`)).json()
      const clusters = await (await app.request('/api/concerns/clusters?bbox=-1,51,1,52&zoom=20')).json()
      return [list.features.length, near.concerns.length, clusters.features.length]
    }
    expect(await publicIds()).toEqual([0, 0, 0])
    expect((await app.request(`/api/concerns/${id}/support`, { method: 'POST' })).status).toBe(404)
    expect((await app.request(`/api/concerns/receipt/${receipt}`)).status).toBe(200)
    const cookie = await officerCookie(app)
    await app.request(`/api/officer/concerns/${id}`, json('PATCH', { status: 'acknowledged' }, { cookie }))
    expect(await publicIds()).toEqual([1, 1, 1])
  })
})
