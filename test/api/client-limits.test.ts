import { createHash, createHmac } from 'node:crypto'
import { beforeEach, describe, expect, it } from 'vitest'
import { CONCERN_LIMITS } from '../../server/concerns/rate-limit.ts'
import { sweep } from '../../server/housekeeping.ts'
import { DailySecret } from '../../server/limits/daily-secret.ts'
import { Counters } from '../../server/limits/counters.ts'
import { parseTrustProxy } from '../../server/limits/client-address.ts'
import { createTestApp } from '../support/app.ts'
import { createArea, inArea, reportAt } from '../support/concerns.ts'
import { resetConcerns, resetMapData, useTestSql } from '../support/db.ts'
import { served } from '../support/served.ts'

const sql = useTestSql()
const WINDOW_MS = CONCERN_LIMITS.report.windowSeconds * 1000

beforeEach(async () => {
  await resetConcerns(sql)
  await resetMapData(sql)
  await createArea(sql)
})

const behindProxy = async () =>
  served(await createTestApp(sql, { clientAddress: { trust: parseTrustProxy('1'), header: 'x-forwarded-for' } }))

const report = (url: string, client: string) =>
  fetch(`${url}/api/concerns`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': client },
    body: JSON.stringify(reportAt(inArea())),
  })

describe('the limits a database reader sees', () => {
  it('cannot be matched to an address by hashing it, however the address is written', async () => {
    const url = await behindProxy()
    const client = '203.0.113.7'
    expect((await report(url, client)).status).toBe(201)
    const keys = (await sql<{ key: Buffer }[]>`SELECT key FROM client_limits`).map((r) => r.key.toString('hex'))
    expect(keys).toHaveLength(1)
    // Every way one might hash an address (these are what the old table did), with the whole
    // IPv4 space of the test's /24 tried: none is the row's key.
    const guesses = new Set<string>()
    for (let last = 0; last < 256; last++) {
      const address = `203.0.113.${last}`
      for (const text of [address, `concerns:report:${address}`, `report:${address}`, `concerns:report\n${address}`]) {
        guesses.add(createHash('sha256').update(text).digest('hex'))
        guesses.add(createHmac('sha256', '').update(text).digest('hex'))
      }
    }
    expect(keys.filter((k) => guesses.has(k))).toEqual([])
  })

  it('holds no time of any client: only the end of the fixed window, the same for everyone in it', async () => {
    const url = await behindProxy()
    await report(url, '203.0.113.7')
    await new Promise((resolve) => setTimeout(resolve, 1100))
    await report(url, '203.0.113.8')
    const rows = await sql<{ windowEnds: Date; hits: number }[]>`SELECT window_ends AS "windowEnds", hits FROM client_limits`
    const [created] = await sql<{ first: Date; last: Date }[]>`SELECT min(created_at) AS first, max(created_at) AS last FROM concerns`
    expect(rows).toHaveLength(2)
    // The two clients reported a second apart (most likely in one window): their rows can't tell.
    const ends = rows.map((r) => r.windowEnds.getTime())
    for (const end of ends) expect(end % WINDOW_MS).toBe(0)
    if (Math.floor(created!.first.getTime() / WINDOW_MS) === Math.floor(created!.last.getTime() / WINDOW_MS)) {
      expect(new Set(ends).size).toBe(1)
    }
    const columns = await sql<{ column: string }[]>`
      SELECT column_name AS column FROM information_schema.columns WHERE table_name = 'client_limits' ORDER BY ordinal_position`
    expect(columns.map((c) => c.column)).toEqual(['key', 'hits', 'window_ends'])
  })

  it('are deleted by the sweep once their window has ended, not by the next request', async () => {
    let now = new Date()
    const counters = new Counters(() => now)
    const limit = { name: 'test', hits: 3, windowSeconds: 600 }
    await counters.hit(sql, limit, '203.0.113.7')
    expect((await sweep(sql, counters)).counters).toBe(0)
    now = new Date((Math.floor(now.getTime() / WINDOW_MS) + 1) * WINDOW_MS)
    expect((await sweep(sql, counters)).counters).toBe(1)
    expect(await sql`SELECT FROM client_limits`).toHaveLength(0)
  })
})

describe('the secret of the keyed hashes', () => {
  it('gives one subject one key within a day, and another the next day', () => {
    const secret = new DailySecret()
    const monday = new Date('2026-11-30T09:00:00Z')
    const a = secret.hash('concerns:report\n1\n203.0.113.7', monday)
    expect(secret.hash('concerns:report\n1\n203.0.113.7', new Date('2026-11-30T23:59:59Z'))).toEqual(a)
    expect(secret.hash('concerns:report\n1\n203.0.113.7', new Date('2026-12-01T00:00:00Z'))).not.toEqual(a)
  })

  it('is wiped once its day is over: the same day asked again gets a key never seen', () => {
    const secret = new DailySecret()
    const monday = new Date('2026-11-30T23:00:00Z')
    const before = secret.hash('x', monday)
    secret.expire(new Date('2026-12-01T00:05:00Z'))
    expect(secret.hash('x', monday)).not.toEqual(before)
  })

  it('is made in each process anew: two servers do not share keys', () => {
    const at = new Date()
    expect(new DailySecret().hash('x', at)).not.toEqual(new DailySecret().hash('x', at))
  })
})
