import { createHash } from 'node:crypto'
import { beforeEach, describe, expect, it } from 'vitest'
import { THROTTLE } from '../../server/auth/login-throttle.ts'
import { requireRole } from '../../server/auth/roles.ts'
import { disableUser } from '../../server/auth/users.ts'
import { createTestApp } from '../support/app.ts'
import { useTestSql } from '../support/db.ts'
import { createUser, loginAs, resetAccounts } from '../support/users.ts'

const sql = useTestSql()

beforeEach(() => resetAccounts(sql))

const SAME_SITE = 'http://localhost'

function login(app: Awaited<ReturnType<typeof createTestApp>>, body: unknown, headers: Record<string, string> = {}) {
  return app.request('/api/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: SAME_SITE, ...headers },
    body: JSON.stringify(body),
  })
}

const me = (app: Awaited<ReturnType<typeof createTestApp>>, cookie: string) =>
  app.request('/api/auth/me', { headers: { cookie } })

async function rowCount(table: 'sessions' | 'client_limits'): Promise<number> {
  const [row] = await sql<{ n: number }[]>`SELECT count(*)::int AS n FROM ${sql(table)}`
  return row!.n
}

describe('POST /api/auth/login', () => {
  it('sets an HttpOnly SameSite=Lax session cookie and /me returns the user', async () => {
    const officer = await createUser(sql, { role: 'officer', email: 'Jo.Smith@met.example', name: 'PC Jo Smith' })
    const app = await createTestApp(sql)
    const res = await login(app, { email: 'jo.smith@MET.example', password: officer.password })
    expect(res.status).toBe(200)
    const user = { id: officer.id, email: 'Jo.Smith@met.example', name: 'PC Jo Smith', role: 'officer' }
    expect(await res.json()).toEqual({ user })
    const cookie = res.headers.get('set-cookie')!
    expect(cookie).toMatch(/^cg_session=[A-Za-z0-9_-]{43};/)
    expect(cookie).toMatch(/; HttpOnly/)
    expect(cookie).toMatch(/; SameSite=Lax/)
    expect(cookie).toMatch(/; Path=\//)
    expect(cookie).toMatch(/; Expires=/)
    expect(cookie).not.toMatch(/Secure/)
    const meRes = await me(app, cookie.split(';')[0]!)
    expect(meRes.status).toBe(200)
    expect(await meRes.json()).toEqual({ user })
  })

  it('marks the cookie Secure when the request came over HTTPS', async () => {
    const club = await createUser(sql, { role: 'club' })
    const app = await createTestApp(sql)
    const viaProxy = await login(app, club, { 'x-forwarded-proto': 'https' })
    expect(viaProxy.headers.get('set-cookie')).toMatch(/; Secure/)
    const direct = await app.request('https://localhost/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://localhost' },
      body: JSON.stringify({ email: club.email, password: club.password }),
    })
    expect(direct.headers.get('set-cookie')).toMatch(/; Secure/)
  })

  it('stores only the SHA-256 of the session token, never the token', async () => {
    const officer = await createUser(sql, { role: 'officer' })
    const app = await createTestApp(sql)
    const cookie = await loginAs(app, officer)
    const token = cookie.slice('cg_session='.length)
    const rows = await sql<{ row: string; hash: Buffer; userId: number }[]>`
      SELECT row_to_json(s)::text AS row, token_hash AS hash, user_id AS "userId" FROM sessions s`
    expect(rows).toHaveLength(1)
    expect(rows[0]!.userId).toBe(officer.id)
    expect(rows[0]!.row).not.toContain(token)
    expect(rows[0]!.hash.toString('latin1')).not.toContain(token)
    expect(rows[0]!.hash.equals(createHash('sha256').update(token).digest())).toBe(true)
  })

  it('stores the password as an argon2id hash', async () => {
    const admin = await createUser(sql, { role: 'admin' })
    const [row] = await sql<{ hash: string }[]>`SELECT password_hash AS hash FROM users WHERE id = ${admin.id}`
    expect(row!.hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/)
    expect(row!.hash).not.toContain(admin.password)
  })

  it('answers a wrong password and an unknown email with the same 401', async () => {
    const officer = await createUser(sql, { role: 'officer' })
    const app = await createTestApp(sql)
    const wrongPassword = await login(app, { email: officer.email, password: 'not the password at all' })
    const unknownEmail = await login(app, { email: 'nobody@example.org', password: officer.password })
    expect(wrongPassword.status).toBe(401)
    expect(unknownEmail.status).toBe(401)
    const body = await wrongPassword.json()
    expect(body).toEqual({ error: { code: 'invalid_credentials', message: expect.any(String) } })
    expect(await unknownEmail.json()).toEqual(body)
    expect(wrongPassword.headers.get('set-cookie')).toBeNull()
    expect(await rowCount('sessions')).toBe(0)
  })

  it('refuses a disabled account with the same 401 and ends its sessions', async () => {
    const officer = await createUser(sql, { role: 'officer' })
    const app = await createTestApp(sql)
    const cookie = await loginAs(app, officer)
    expect(await disableUser(sql, officer.email)).toBe(true)
    expect((await me(app, cookie)).status).toBe(401)
    const res = await login(app, officer)
    expect(res.status).toBe(401)
    expect((await res.json()).error.code).toBe('invalid_credentials')
  })

  it('stops a session working as soon as its account is disabled, even if the row survived', async () => {
    const officer = await createUser(sql, { role: 'officer' })
    const app = await createTestApp(sql)
    const cookie = await loginAs(app, officer)
    await sql`UPDATE users SET disabled_at = now() WHERE id = ${officer.id}`
    expect((await me(app, cookie)).status).toBe(401)
  })

  it('gives a new token at every login and ends the one the browser already had', async () => {
    const officer = await createUser(sql, { role: 'officer' })
    const app = await createTestApp(sql)
    const first = await loginAs(app, officer)
    const res = await login(app, officer, { cookie: first })
    const second = res.headers.get('set-cookie')!.split(';')[0]!
    expect(second).not.toBe(first)
    expect((await me(app, first)).status).toBe(401)
    expect((await me(app, second)).status).toBe(200)
    expect(await rowCount('sessions')).toBe(1)
  })

  it(`locks an account after ${THROTTLE.accountFailures} failures with 429 and Retry-After, even for the right password`, async () => {
    const officer = await createUser(sql, { role: 'officer' })
    const app = await createTestApp(sql)
    for (let i = 0; i < THROTTLE.accountFailures; i++) {
      expect((await login(app, { email: officer.email, password: `guess number ${i}` })).status).toBe(401)
    }
    const res = await login(app, officer)
    expect(res.status).toBe(429)
    expect((await res.json()).error.code).toBe('rate_limited')
    const retryAfter = Number(res.headers.get('retry-after'))
    // The lock lasts until the fixed window ends.
    expect(retryAfter).toBeGreaterThan(0)
    expect(retryAfter).toBeLessThanOrEqual(THROTTLE.windowSeconds)
    expect(res.headers.get('set-cookie')).toBeNull()
  })

  it('lets the account in again when its lock has passed', async () => {
    const officer = await createUser(sql, { role: 'officer' })
    let now = new Date()
    const app = await createTestApp(sql, { clock: () => now })
    for (let i = 0; i < THROTTLE.accountFailures; i++) await login(app, { email: officer.email, password: `guess number ${i}` })
    expect((await login(app, officer)).status).toBe(429)
    now = new Date(now.getTime() + THROTTLE.windowSeconds * 1000)
    expect((await login(app, officer)).status).toBe(200)
  })

  it('counts failures across accounts per client and locks the client', async () => {
    const club = await createUser(sql, { role: 'club' })
    const app = await createTestApp(sql)
    for (let i = 0; i < THROTTLE.clientFailures; i++) {
      expect((await login(app, { email: `sprayed${i}@example.org`, password: 'Summer2024!!' })).status).toBe(401)
    }
    const res = await login(app, club)
    expect(res.status).toBe(429)
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0)
  })

  it('slows down the answers to repeated failures', async () => {
    const officer = await createUser(sql, { role: 'officer' })
    const app = await createTestApp(sql)
    const timed = async () => {
      const start = performance.now()
      await login(app, { email: officer.email, password: 'a wrong password' })
      return performance.now() - start
    }
    await timed()
    await timed()
    expect(await timed()).toBeGreaterThanOrEqual(3 * THROTTLE.delayPerFailureMs - 10)
  })

  it('clears the account counter after a successful login', async () => {
    const officer = await createUser(sql, { role: 'officer' })
    const app = await createTestApp(sql)
    for (let i = 0; i < THROTTLE.accountFailures - 1; i++) await login(app, { email: officer.email, password: `guess ${i}` })
    expect((await login(app, officer)).status).toBe(200)
    expect((await login(app, { email: officer.email, password: 'one more typo' })).status).toBe(401)
    expect((await login(app, officer)).status).toBe(200)
  })

  it('refuses a login posted from another site and writes nothing', async () => {
    const officer = await createUser(sql, { role: 'officer' })
    const app = await createTestApp(sql)
    const fromElsewhere: Record<string, string>[] = [{ origin: 'https://evil.example' }, { origin: 'null' }, { origin: 'http://localhost.evil.example' }, { referer: 'https://evil.example/form' }]
    for (const headers of fromElsewhere) {
      const res = await app.request('/api/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ email: officer.email, password: officer.password }),
      })
      expect(res.status).toBe(403)
      expect(await res.json()).toEqual({ error: { code: 'cross_origin', message: expect.any(String) } })
      expect(res.headers.get('set-cookie')).toBeNull()
    }
    expect(await rowCount('sessions')).toBe(0)
    expect(await rowCount('client_limits')).toBe(0)
  })

  it('accepts a login without Origin or Referer, as curl sends it', async () => {
    const officer = await createUser(sql, { role: 'officer' })
    const app = await createTestApp(sql)
    const res = await app.request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: officer.email, password: officer.password }),
    })
    expect(res.status).toBe(200)
  })

  it.each([
    ['no fields', 400, 'application/json', '{}'],
    ['no password', 400, 'application/json', '{"email":"a@example.org"}'],
    ['no email', 400, 'application/json', '{"password":"x"}'],
    ['an email that is a number', 400, 'application/json', '{"email":42,"password":"x"}'],
    ['a password that is an object', 400, 'application/json', '{"email":"a@example.org","password":{"$ne":""}}'],
    ['an email that is SQL, not an address', 400, 'application/json', '{"email":"a\' OR 1=1 --","password":"x"}'],
    ['an empty password', 400, 'application/json', '{"email":"a@example.org","password":""}'],
    ['an array', 400, 'application/json', '[]'],
    ['null', 400, 'application/json', 'null'],
    ['malformed JSON', 400, 'application/json', '{"email":'],
    ['a form instead of JSON', 415, 'application/x-www-form-urlencoded', 'email=a%40example.org&password=x'],
    ['text instead of JSON', 415, 'text/plain', '{"email":"a@example.org","password":"x"}'],
    ['a 100 kB email', 413, 'application/json', JSON.stringify({ email: 'a'.repeat(100_000) + '@example.org', password: 'x' })],
    ['a 2,000-character password', 400, 'application/json', JSON.stringify({ email: 'a@example.org', password: 'p'.repeat(2000) })],
  ])('refuses a body with %s with %i in the one error shape, writing nothing', async (_, status, contentType, body) => {
    const app = await createTestApp(sql)
    const res = await app.request('/api/auth/login', { method: 'POST', headers: { 'content-type': contentType }, body })
    expect(res.status).toBe(status)
    const json = await res.json()
    expect(Object.keys(json)).toEqual(['error'])
    expect(json.error).toMatchObject({ code: expect.any(String), message: expect.any(String) })
    expect(Object.keys(json.error).every((k) => ['code', 'message', 'details'].includes(k))).toBe(true)
    expect(res.headers.get('set-cookie')).toBeNull()
    expect(await rowCount('sessions')).toBe(0)
    expect(await rowCount('client_limits')).toBe(0)
  })
})

describe('sessions', () => {
  it('answers /me without a session with 401', async () => {
    const app = await createTestApp(sql)
    for (const cookie of ['', 'cg_session=', 'cg_session=not-a-token', `cg_session=${'A'.repeat(43)}`]) {
      const res = await app.request('/api/auth/me', { headers: { cookie } })
      expect(res.status).toBe(401)
      expect((await res.json()).error.code).toBe('unauthorized')
    }
  })

  it('ends the session at logout: the row is gone, the cookie cleared and no longer accepted', async () => {
    const officer = await createUser(sql, { role: 'officer' })
    const app = await createTestApp(sql)
    const cookie = await loginAs(app, officer)
    const res = await app.request('/api/auth/logout', { method: 'POST', headers: { cookie, origin: SAME_SITE } })
    expect(res.status).toBe(204)
    expect(res.headers.get('set-cookie')).toMatch(/^cg_session=; Max-Age=0;/)
    expect(await rowCount('sessions')).toBe(0)
    expect((await me(app, cookie)).status).toBe(401)
  })

  it('answers logout without a session with 204 too', async () => {
    const app = await createTestApp(sql)
    expect((await app.request('/api/auth/logout', { method: 'POST' })).status).toBe(204)
  })

  it('refuses a session past its absolute expiry', async () => {
    const officer = await createUser(sql, { role: 'officer' })
    const app = await createTestApp(sql)
    const cookie = await loginAs(app, officer)
    await sql`UPDATE sessions SET expires_at = now() - interval '1 second'`
    expect((await me(app, cookie)).status).toBe(401)
  })

  it('refuses a session idle for longer than 12 hours', async () => {
    const officer = await createUser(sql, { role: 'officer' })
    const app = await createTestApp(sql)
    const cookie = await loginAs(app, officer)
    await sql`UPDATE sessions SET last_seen_at = now() - interval '12 hours 1 second'`
    expect((await me(app, cookie)).status).toBe(401)
  })

  it('keeps a session in use alive by moving its idle clock', async () => {
    const officer = await createUser(sql, { role: 'officer' })
    const app = await createTestApp(sql)
    const cookie = await loginAs(app, officer)
    await sql`UPDATE sessions SET last_seen_at = now() - interval '11 hours'`
    expect((await me(app, cookie)).status).toBe(200)
    const [row] = await sql<{ idle: number }[]>`SELECT extract(epoch FROM now() - last_seen_at)::int AS idle FROM sessions`
    expect(row!.idle).toBeLessThan(60)
  })
})

describe('requireRole', () => {
  async function appWithOfficerRoute() {
    const app = await createTestApp(sql)
    app.get('/api/test/officers-only', requireRole('officer', 'admin'), (c) => c.json({ role: c.var.user.role }))
    return app
  }

  it('answers 401 without a session', async () => {
    const app = await appWithOfficerRoute()
    const res = await app.request('/api/test/officers-only')
    expect(res.status).toBe(401)
    expect(await res.json()).toEqual({ error: { code: 'unauthorized', message: expect.any(String) } })
  })

  it('answers 403 to a signed-in user of another role', async () => {
    const app = await appWithOfficerRoute()
    const cookie = await loginAs(app, await createUser(sql, { role: 'club' }))
    const res = await app.request('/api/test/officers-only', { headers: { cookie } })
    expect(res.status).toBe(403)
    expect(await res.json()).toEqual({ error: { code: 'forbidden', message: expect.any(String) } })
  })

  it('lets each allowed role through', async () => {
    const app = await appWithOfficerRoute()
    for (const role of ['officer', 'admin'] as const) {
      const cookie = await loginAs(app, await createUser(sql, { role }))
      const res = await app.request('/api/test/officers-only', { headers: { cookie } })
      expect(await res.json()).toEqual({ role })
    }
  })
})
