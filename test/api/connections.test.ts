import { Readable } from 'node:stream'
import { Client } from 'undici'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createTestApp } from '../support/app.ts'
import { createArea, inArea, reportAt } from '../support/concerns.ts'
import { resetConcerns, resetMapData, useTestSql } from '../support/db.ts'
import { served } from '../support/served.ts'

const sql = useTestSql()
const url = await served(await createTestApp(sql))

let client: Client
let connections = 0
beforeEach(async () => {
  await resetConcerns(sql)
  await resetMapData(sql)
  await createArea(sql)
  // One connection, one request at a time: the second request goes on the first's connection if it is still open.
  client = new Client(url, { pipelining: 1 })
  connections = 0
  client.on('connect', () => connections++)
})
afterEach(() => client.close())

async function send(options: { method: 'GET' | 'POST'; path: string; headers?: Record<string, string>; body?: string }) {
  const res = await client.request(options)
  return { status: res.statusCode, connection: res.headers.connection, body: await res.body.text() }
}

describe('a keep-alive connection after a refusal', () => {
  it.each([
    ['413, a 300 kB body', { 'content-type': 'application/json' }, JSON.stringify({ ...reportAt(inArea()), description: 'x'.repeat(300_000) }), 413],
    ['415, a form instead of JSON', { 'content-type': 'application/x-www-form-urlencoded' }, 'a='.padEnd(300_000, 'x'), 415],
    ['413, a 3 MB body', { 'content-type': 'application/json' }, 'x'.repeat(3_000_000), 413],
  ])('still answers the next request after a %s', async (_, headers, body, status) => {
    const refused = await send({ method: 'POST', path: '/api/concerns', headers, body })
    expect(refused.status).toBe(status)
    expect(JSON.parse(refused.body).error.code).toEqual(expect.any(String))
    // Said so before closing, so the client opened a new connection for the next one.
    expect(refused.connection).toBe('close')
    const next = await send({ method: 'GET', path: '/api/health' })
    expect(next.status).toBe(200)
    expect(connections).toBe(2)
  })

  it('is kept when the refused body was read to its end (a 400 after parsing)', async () => {
    const refused = await send({ method: 'POST', path: '/api/concerns', headers: { 'content-type': 'application/json' }, body: '{"location": 1}' })
    expect(refused.status).toBe(400)
    expect(refused.connection).toBe('keep-alive')
    expect((await send({ method: 'GET', path: '/api/health' })).status).toBe(200)
    expect(connections).toBe(1)
  })

  it('answers a body sent in chunks past the limit, then the next request', async () => {
    async function* chunks() {
      for (let k = 0; k < 40; k++) yield Buffer.from('x'.repeat(10_000))
    }
    const res = await client.request({ method: 'POST', path: '/api/concerns', headers: { 'content-type': 'application/json' }, body: Readable.from(chunks()) })
    expect(res.statusCode).toBe(413)
    await res.body.text()
    expect((await send({ method: 'GET', path: '/api/health' })).status).toBe(200)
  })
})
