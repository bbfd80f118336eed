import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { Hono } from 'hono'
import { beforeEach, describe, expect, it } from 'vitest'
import { compress } from '../../server/compression.ts'
import { createTestApp } from '../support/app.ts'
import { createArea, inArea, insertConcern } from '../support/concerns.ts'
import { resetConcerns, resetMapData, useTestSql } from '../support/db.ts'
import { createBoundary, createPathEdge } from '../support/fixtures.ts'
import { decodeTile, tileFor } from '../support/tiles.ts'
import { createUser, loginAs, resetAccounts } from '../support/users.ts'

const sql = useTestSql()

beforeEach(async () => {
  await resetMapData(sql)
  await resetConcerns(sql)
  await resetAccounts(sql)
  await createArea(sql)
  for (let k = 0; k < 60; k++) {
    const [lng, lat] = inArea(k * 0.0004, 0)
    await createPathEdge(sql, { coords: [[lng, lat], [lng + 0.0003, lat + 0.0002]], lit: 'yes', name: `Test Path ${k}` })
  }
})

const decode = (encoding: string | null, bytes: Buffer) =>
  encoding === 'br' ? brotliDecompressSync(bytes) : encoding === 'gzip' ? gunzipSync(bytes) : bytes

async function get(app: { request: (path: string, init?: RequestInit) => Response | Promise<Response> }, path: string, acceptEncoding?: string, headers: Record<string, string> = {}) {
  const res = await app.request(path, { headers: { ...(acceptEncoding ? { 'accept-encoding': acceptEncoding } : {}), ...headers } })
  const raw = Buffer.from(await res.arrayBuffer())
  return { res, raw, body: decode(res.headers.get('content-encoding'), raw) }
}

const BBOX = '-0.15,51.6,-0.1,51.65'

describe('compressed answers', () => {
  it.each([['br'], ['gzip']])('sends JSON as %s to a client that takes it, the same JSON once decoded', async (encoding) => {
    const app = await createTestApp(sql)
    const plain = await get(app, `/api/paths?bbox=${BBOX}`)
    const packed = await get(app, `/api/paths?bbox=${BBOX}`, `${encoding}`)
    expect(plain.res.headers.get('content-encoding')).toBeNull()
    expect(packed.res.headers.get('content-encoding')).toBe(encoding)
    expect(packed.res.headers.get('vary')).toMatch(/accept-encoding/i)
    expect(packed.raw.byteLength).toBeLessThan(plain.raw.byteLength / 3)
    expect(JSON.parse(packed.body.toString('utf8'))).toEqual(JSON.parse(plain.body.toString('utf8')))
  })

  it('prefers brotli when both are taken, and honours q-values', async () => {
    const app = await createTestApp(sql)
    expect((await get(app, `/api/paths?bbox=${BBOX}`, 'gzip, deflate, br, zstd')).res.headers.get('content-encoding')).toBe('br')
    expect((await get(app, `/api/paths?bbox=${BBOX}`, 'br;q=0, gzip')).res.headers.get('content-encoding')).toBe('gzip')
    expect((await get(app, `/api/paths?bbox=${BBOX}`, 'br;q=0.5, gzip;q=0.9')).res.headers.get('content-encoding')).toBe('gzip')
    expect((await get(app, `/api/paths?bbox=${BBOX}`, 'identity')).res.headers.get('content-encoding')).toBeNull()
  })

  it('leaves small answers (an error, a tiny list) as they are', async () => {
    const app = await createTestApp(sql)
    const { res } = await get(app, '/api/paths?bbox=nonsense', 'br')
    expect(res.status).toBe(400)
    expect(res.headers.get('content-encoding')).toBeNull()
  })

  it("compresses an officer's CSV export", async () => {
    for (let k = 0; k < 40; k++) await insertConcern(sql, { at: inArea(k * 0.0001, 0) })
    const app = await createTestApp(sql)
    const cookie = await loginAs(app, await createUser(sql, { role: 'officer' }))
    const packed = await get(app, '/api/officer/concerns?format=csv', 'br', { cookie })
    const plain = await get(app, '/api/officer/concerns?format=csv', undefined, { cookie })
    expect(packed.res.headers.get('content-encoding')).toBe('br')
    expect(packed.body.toString('utf8')).toBe(plain.body.toString('utf8'))
  })

  it.each([
    ['application/json'],
    ['application/geo+json'],
    ['application/gpx+xml'],
    ['text/calendar; charset=utf-8'],
    ['text/csv; charset=utf-8'],
    ['application/vnd.mapbox-vector-tile'],
    ['text/html; charset=utf-8'],
  ])('compresses %s', async (type) => {
    const text = 'Common Ground '.repeat(500)
    const app = new Hono().use('*', compress).get('/', (c) => c.body(text, 200, { 'content-type': type }))
    const { res, body } = await get(app, '/', 'gzip, br')
    expect(res.headers.get('content-encoding')).toBe('br')
    expect(body.toString('utf8')).toBe(text)
  })

  it('leaves alone what is already encoded, images, HEAD and no-transform', async () => {
    const text = 'x'.repeat(5000)
    const app = new Hono()
      .use('*', compress)
      .get('/png', (c) => c.body(text, 200, { 'content-type': 'image/png' }))
      .get('/no-transform', (c) => c.body(text, 200, { 'content-type': 'text/plain', 'cache-control': 'no-transform' }))
      .get('/gzipped', (c) => c.body(text, 200, { 'content-type': 'text/plain', 'content-encoding': 'gzip' }))
    expect((await get(app, '/png', 'br')).res.headers.get('content-encoding')).toBeNull()
    expect((await app.request('/gzipped', { headers: { 'accept-encoding': 'br' } })).headers.get('content-encoding')).toBe('gzip')
    expect((await app.request('/no-transform', { method: 'HEAD', headers: { 'accept-encoding': 'br' } })).headers.get('content-encoding')).toBeNull()
    expect((await get(app, '/no-transform', 'br')).res.headers.get('content-encoding')).toBeNull()
  })
})

describe('basemap tiles', () => {
  const tilePath = () => {
    const { x, y } = tileFor(...inArea(), 15)
    return `/api/tiles/15/${x}/${y}.mvt`
  }

  it('come compressed, with an ETag, and answer 304 to If-None-Match', async () => {
    const app = await createTestApp(sql)
    const plain = await get(app, tilePath())
    const packed = await get(app, tilePath(), 'br')
    expect(packed.res.headers.get('content-encoding')).toBe('br')
    expect(decodeTile(new Uint8Array(packed.body))).toEqual(decodeTile(new Uint8Array(plain.body)))
    const etag = packed.res.headers.get('etag')!
    expect(etag).toMatch(/^(W\/)?"[A-Za-z0-9_-]+"$/)
    const again = await app.request(tilePath(), { headers: { 'accept-encoding': 'br', 'if-none-match': etag } })
    expect(again.status).toBe(304)
    expect(again.headers.get('etag')).toBe(etag)
    expect((await again.arrayBuffer()).byteLength).toBe(0)
  })

  it('are drawn again after an import changes what they show, with another ETag', async () => {
    const app = await createTestApp(sql)
    const before = await get(app, tilePath(), 'gzip')
    const etag = before.res.headers.get('etag')!
    await createBoundary(sql, { corner: [-0.2, 51.55], size: 0.2, name: 'Enfield', code: 'E09000010' })
    const after = await app.request(tilePath(), { headers: { 'accept-encoding': 'gzip', 'if-none-match': etag } })
    expect(after.status).toBe(200)
    expect(after.headers.get('etag')).not.toBe(etag)
    const layers = decodeTile(new Uint8Array(gunzipSync(Buffer.from(await after.arrayBuffer())))).map((f) => f.layer)
    expect(layers.filter((l) => l === 'boundaries').length).toBeGreaterThan(decodeTile(new Uint8Array(before.body)).filter((f) => f.layer === 'boundaries').length)
  })

  it('keep their ETag across an import that does not change them', async () => {
    const app = await createTestApp(sql)
    const before = (await get(app, tilePath())).res.headers.get('etag')
    // A path far away: this tile's bytes are the same.
    await createPathEdge(sql, { coords: [[-0.05, 51.5], [-0.0497, 51.5002]] })
    expect((await app.request(tilePath(), { headers: { 'if-none-match': before! } })).status).toBe(304)
  })
})
