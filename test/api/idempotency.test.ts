import { randomUUID } from 'node:crypto'
import { beforeEach, describe, expect, it } from 'vitest'
import { IDEMPOTENCY_HEADER, REPLAYED_HEADER } from '../../server/idempotency.ts'
import { createTestApp } from '../support/app.ts'
import { countConcerns, createArea, inArea, json, reportAt } from '../support/concerns.ts'
import { resetConcerns, resetMapData, useTestSql } from '../support/db.ts'
import { served } from '../support/served.ts'
import { createUser, loginAs, resetAccounts } from '../support/users.ts'

const sql = useTestSql()
const app = await createTestApp(sql)

beforeEach(async () => {
  await resetConcerns(sql)
  await resetAccounts(sql)
  await resetMapData(sql)
  await createArea(sql)
})

const withKey = (key: string, body: unknown = reportAt(inArea()), headers: Record<string, string> = {}) =>
  json('POST', body, { [IDEMPOTENCY_HEADER]: key, ...headers })

async function answer(res: Response) {
  return { status: res.status, body: await res.json(), replayed: res.headers.get(REPLAYED_HEADER) }
}

const storedRows = async () => (await sql<{ n: number }[]>`SELECT count(*)::int AS n FROM idempotent_requests`)[0]!.n

describe('POST /api/concerns with an Idempotency-Key', () => {
  it('answers a retry with the same status, id and receipt, and writes nothing', async () => {
    const key = randomUUID()
    const first = await answer(await app.request('/api/concerns', withKey(key)))
    expect(first.status).toBe(201)
    expect(first.replayed).toBeNull()
    const retry = await answer(await app.request('/api/concerns', withKey(key)))
    expect(retry).toEqual({ ...first, replayed: 'true' })
    expect(await countConcerns(sql)).toBe(1)
    // The receipt given again still opens the report.
    expect((await app.request(`/api/concerns/receipt/${retry.body.receipt}`)).status).toBe(200)
  })

  it('refuses the same key with another body with 422, writing nothing', async () => {
    const key = randomUUID()
    await app.request('/api/concerns', withKey(key))
    const res = await app.request('/api/concerns', withKey(key, reportAt(inArea(0.001))))
    expect(res.status).toBe(422)
    expect((await res.json()).error.code).toBe('idempotency_key_reused')
    expect(await countConcerns(sql)).toBe(1)
  })

  it('makes one concern of two retries sent at once', async () => {
    const url = await served(app)
    const key = randomUUID()
    const send = () =>
      fetch(`${url}/api/concerns`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [IDEMPOTENCY_HEADER]: key },
        body: JSON.stringify(reportAt(inArea())),
      }).then(answer)
    const answers = await Promise.all([send(), send(), send()])
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201])
    expect(new Set(answers.map((a) => a.body.receipt)).size).toBe(1)
    expect(answers.filter((a) => a.replayed === 'true')).toHaveLength(2)
    expect(await countConcerns(sql)).toBe(1)
  })

  it('keeps different keys apart: two keys, two concerns', async () => {
    await app.request('/api/concerns', withKey(randomUUID()))
    await app.request('/api/concerns', withKey(randomUUID()))
    expect(await countConcerns(sql)).toBe(2)
  })

  it('does not count a replay against the rate limit', async () => {
    const limited = await createTestApp(sql, { reportsPerClient: 1 })
    const key = randomUUID()
    expect((await limited.request('/api/concerns', withKey(key))).status).toBe(201)
    expect((await limited.request('/api/concerns', withKey(key))).status).toBe(201)
    expect((await limited.request('/api/concerns', withKey(randomUUID()))).status).toBe(429)
  })

  it('stores a failed report as nothing, so its retry is tried again', async () => {
    const key = randomUUID()
    const outside = reportAt([-2.5, 53.4])
    expect((await app.request('/api/concerns', withKey(key, outside))).status).toBe(422)
    expect(await storedRows()).toBe(0)
    expect((await app.request('/api/concerns', withKey(key, outside))).status).toBe(422)
  })

  it.each([
    ['too short', 'abc'],
    ['with spaces', 'a key with spaces in it'],
    ['too long', 'k'.repeat(201)],
    ['with a control character', 'abcdefghijklmnop\u0007'],
  ])('refuses a key %s with 400, writing nothing', async (_, key) => {
    const res = await app.request('/api/concerns', withKey(key))
    expect(res.status).toBe(400)
    expect((await res.json()).error.code).toBe('invalid_header')
    expect(await countConcerns(sql)).toBe(0)
    expect(await storedRows()).toBe(0)
  })

  it('keeps nothing a database reader could use: no receipt, no id, no request in clear', async () => {
    const key = randomUUID()
    const { body } = await answer(await app.request('/api/concerns', withKey(key)))
    const [row] = await sql<{ id: Buffer; fingerprint: Buffer; answer: Buffer; expiresAt: Date }[]>`
      SELECT id, fingerprint, answer, expires_at AS "expiresAt" FROM idempotent_requests`
    const stored = Buffer.concat([row!.id, row!.fingerprint, row!.answer]).toString('latin1')
    expect(stored).not.toContain(body.receipt)
    expect(stored).not.toContain(key)
    expect(stored).not.toContain(`"id":${body.id}`)
    expect(stored).not.toContain('poor_lighting')
    // It expires on the hour, at least 24 hours on: not at a time that matches the report's.
    expect(row!.expiresAt.getTime() % 3_600_000).toBe(0)
    expect(row!.expiresAt.getTime() - Date.now()).toBeGreaterThan(24 * 3_600_000)
  })

  it('forgets an answer once it has expired', async () => {
    const key = randomUUID()
    await app.request('/api/concerns', withKey(key))
    await sql`UPDATE idempotent_requests SET expires_at = now() - interval '1 second'`
    expect((await app.request('/api/concerns', withKey(key, reportAt(inArea(0.001))))).status).toBe(201)
    expect(await countConcerns(sql)).toBe(2)
  })
})

describe('the walk-and-talk capture and "me too" with an Idempotency-Key', () => {
  it('records a walk-and-talk concern once, whatever the retries', async () => {
    const cookie = await loginAs(app, await createUser(sql, { role: 'officer' }))
    const key = randomUUID()
    const first = await answer(await app.request('/api/officer/concerns', withKey(key, reportAt(inArea()), { cookie })))
    const retry = await answer(await app.request('/api/officer/concerns', withKey(key, reportAt(inArea()), { cookie })))
    expect(first.status).toBe(201)
    expect(retry).toEqual({ ...first, replayed: 'true' })
    expect(await countConcerns(sql)).toBe(1)
  })

  it("keeps one officer's key apart from another's", async () => {
    const one = await loginAs(app, await createUser(sql, { role: 'officer' }))
    const two = await loginAs(app, await createUser(sql, { role: 'officer' }))
    const key = randomUUID()
    await app.request('/api/officer/concerns', withKey(key, reportAt(inArea()), { cookie: one }))
    expect((await app.request('/api/officer/concerns', withKey(key, reportAt(inArea()), { cookie: two }))).headers.get(REPLAYED_HEADER)).toBeNull()
    expect(await countConcerns(sql)).toBe(2)
  })

  it('adds one "me too" for a retried one', async () => {
    const { body } = await answer(await app.request('/api/concerns', json('POST', reportAt(inArea()))))
    const key = randomUUID()
    const first = await answer(await app.request(`/api/concerns/${body.id}/support`, withKey(key, '')))
    const retry = await answer(await app.request(`/api/concerns/${body.id}/support`, withKey(key, '')))
    expect(first.body).toEqual({ id: body.id, supportCount: 2 })
    expect(retry).toEqual({ ...first, replayed: 'true' })
    const [row] = await sql<{ supportCount: number }[]>`SELECT support_count AS "supportCount" FROM concerns`
    expect(row!.supportCount).toBe(2)
  })
})
