import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import { sameOrigin } from '../../server/auth/origin.ts'
import { errorResponse } from '../../server/errors.ts'

const app = new Hono().use('*', sameOrigin).all('/api/thing', (c) => c.text('done'))
app.onError(errorResponse)

const send = (method: string, headers: Record<string, string>, url = 'http://map.example:8080/api/thing') =>
  app.request(url, { method, headers })

describe('sameOrigin', () => {
  it.each(['POST', 'PUT', 'PATCH', 'DELETE'])('refuses a %s whose Origin is another host', async (method) => {
    const res = await send(method, { origin: 'https://evil.example' })
    expect(res.status).toBe(403)
    expect(await res.json()).toEqual({ error: { code: 'cross_origin', message: expect.any(String) } })
  })

  it('refuses the same host name on another port, an opaque origin and a foreign Referer', async () => {
    const elsewhere: Record<string, string>[] = [{ origin: 'http://map.example' }, { origin: 'null' }, { referer: 'https://evil.example/page' }]
    for (const headers of elsewhere) {
      expect((await send('POST', headers)).status).toBe(403)
    }
  })

  it('lets through a same-host request over either scheme, as behind a proxy that ends TLS', async () => {
    expect((await send('POST', { origin: 'http://map.example:8080' })).status).toBe(200)
    expect((await send('POST', { origin: 'https://MAP.example:8080' })).status).toBe(200)
    expect((await send('POST', { referer: 'http://map.example:8080/officer' })).status).toBe(200)
    expect((await send('POST', { origin: 'https://map.example' }, 'https://map.example/api/thing')).status).toBe(200)
  })

  it('lets through a request with neither Origin nor Referer, as curl sends it', async () => {
    expect((await send('POST', {})).status).toBe(200)
  })

  it('lets reads through from anywhere', async () => {
    for (const method of ['GET', 'HEAD', 'OPTIONS']) {
      expect((await send(method, { origin: 'https://evil.example' })).status).toBe(200)
    }
  })
})
