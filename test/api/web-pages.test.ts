import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { brotliCompressSync, brotliDecompressSync, gzipSync } from 'node:zlib'
import { afterAll, describe, expect, it } from 'vitest'
import { addWebPages } from '../../server/web-pages.ts'
import { createTestApp } from '../support/app.ts'
import { useTestSql } from '../support/db.ts'

const sql = useTestSql()

// A built front end as Vite leaves it: index.html, and a hashed script with its .br and .gz.
const dist = await mkdtemp(join(tmpdir(), 'cg-dist-'))
afterAll(() => rm(dist, { recursive: true, force: true }))
const PAGE = '<!doctype html><title>Common Ground</title><div id="root"></div>'
const SCRIPT = 'console.log("the map");\n'.repeat(200)
await mkdir(join(dist, 'assets'))
await writeFile(join(dist, 'index.html'), PAGE)
await writeFile(join(dist, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>')
await writeFile(join(dist, 'assets/index-AbC123.js'), SCRIPT)
await writeFile(join(dist, 'assets/index-AbC123.js.br'), brotliCompressSync(SCRIPT))
await writeFile(join(dist, 'assets/index-AbC123.js.gz'), gzipSync(SCRIPT))

const app = await createTestApp(sql)
addWebPages(app, dist)

describe('the front end beside the API', () => {
  it('sends a hashed script precompressed as brotli, cached for a year', async () => {
    const res = await app.request('/assets/index-AbC123.js', { headers: { 'accept-encoding': 'gzip, deflate, br' } })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-encoding')).toBe('br')
    expect(res.headers.get('content-type')).toMatch(/javascript/)
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
    expect(brotliDecompressSync(Buffer.from(await res.arrayBuffer())).toString()).toBe(SCRIPT)
  })

  it('sends index.html to be revalidated, and 304 when it has not changed', async () => {
    const res = await app.request('/')
    expect(res.status).toBe(200)
    expect(await res.text()).toBe(PAGE)
    expect(res.headers.get('cache-control')).toBe('no-cache')
    const etag = res.headers.get('etag')!
    expect(etag).toBeTruthy()
    const again = await app.request('/', { headers: { 'if-none-match': etag } })
    expect(again.status).toBe(304)
  })

  it('sends the page for any path outside /api (the front end routes itself)', async () => {
    for (const path of ['/officer', '/receipt/abc', '/routes/some/deep/link']) {
      const res = await app.request(path)
      expect(res.status).toBe(200)
      expect(await res.text()).toBe(PAGE)
    }
  })

  it('never sends the page for a path under /api, nor for a missing script', async () => {
    for (const path of ['/api/no-such-endpoint', '/api/place', '/assets/index-Old999.js']) {
      const res = await app.request(path)
      expect(res.status).toBe(404)
      expect((await res.json()).error.code).toBe('not_found')
    }
  })

  it('sends a Content-Security-Policy without inline scripts', async () => {
    const policy = (await app.request('/')).headers.get('content-security-policy')!
    expect(policy).toContain("script-src 'self'")
    expect(policy).toContain("object-src 'none'")
    expect(policy).not.toContain('unsafe-inline')
    expect(policy).not.toContain('unsafe-eval')
  })
})
