import { beforeEach, describe, expect, it } from 'vitest'
import { THROTTLE } from '../../server/auth/login-throttle.ts'
import { parseTrustProxy, type ForwardedHeader } from '../../server/limits/client-address.ts'
import { createTestApp } from '../support/app.ts'
import { createArea, inArea, reportAt } from '../support/concerns.ts'
import { resetConcerns, resetMapData, useTestSql } from '../support/db.ts'
import { served } from '../support/served.ts'
import { createUser, resetAccounts } from '../support/users.ts'

const sql = useTestSql()

beforeEach(async () => {
  await resetConcerns(sql)
  await resetAccounts(sql)
  await resetMapData(sql)
  await createArea(sql)
})

/** The app on a real socket (from 127.0.0.1), with TRUST_PROXY and FORWARDED_HEADER as given. */
async function behind(trustProxy: string | undefined, header: ForwardedHeader = 'x-forwarded-for') {
  const app = await createTestApp(sql, { reportsPerClient: 2, clientAddress: { trust: parseTrustProxy(trustProxy), header } })
  return served(app)
}

const report = (url: string, headers: Record<string, string>) =>
  fetch(`${url}/api/concerns`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(reportAt(inArea())),
  }).then((res) => res.status)

/** The statuses of three reports in a row, each with the headers `nth` gives it. */
const threeReports = async (url: string, nth: (k: number) => Record<string, string>) => [
  await report(url, nth(0)),
  await report(url, nth(1)),
  await report(url, nth(2)),
]

describe('without TRUST_PROXY', () => {
  it('limits by the socket address, whatever X-Forwarded-For says', async () => {
    const url = await behind(undefined)
    expect(await threeReports(url, (k) => ({ 'x-forwarded-for': `198.51.100.${k + 1}` }))).toEqual([201, 201, 429])
  })

  it('limits by the socket address, whatever Forwarded says', async () => {
    const url = await behind('false', 'forwarded')
    expect(await threeReports(url, (k) => ({ forwarded: `for=198.51.100.${k + 1}` }))).toEqual([201, 201, 429])
  })
})

describe('TRUST_PROXY=1: one proxy in front, which appends the client to X-Forwarded-For', () => {
  it('gives two residents behind it their own limits', async () => {
    const url = await behind('1')
    expect(await threeReports(url, () => ({ 'x-forwarded-for': '203.0.113.7' }))).toEqual([201, 201, 429])
    expect(await threeReports(url, () => ({ 'x-forwarded-for': '203.0.113.8' }))).toEqual([201, 201, 429])
  })

  it('is not fooled by a hop the client wrote itself', async () => {
    const url = await behind('1')
    // The client sends X-Forwarded-For: <made up>; the proxy appends the address it saw.
    const spoofed = (k: number) => ({ 'x-forwarded-for': `10.9.9.${k}, 203.0.113.7` })
    expect(await threeReports(url, spoofed)).toEqual([201, 201, 429])
  })

  it('counts failed logins per forwarded client, so one guesser does not lock the others out', async () => {
    const url = await behind('1')
    const officer = await createUser(sql, { role: 'officer' })
    const login = (client: string, email: string, password: string) =>
      fetch(`${url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': client },
        body: JSON.stringify({ email, password }),
      }).then((res) => res.status)
    for (let i = 0; i < THROTTLE.clientFailures; i++) {
      expect(await login('203.0.113.66', `sprayed${i}@example.org`, 'Summer2024!!')).toBe(401)
    }
    expect(await login('203.0.113.66', officer.email, officer.password)).toBe(429)
    expect(await login('203.0.113.67', officer.email, officer.password)).toBe(200)
  })
})

describe('TRUST_PROXY as addresses of the proxies', () => {
  it('walks the chain past every trusted proxy to the first address that is not one', async () => {
    // Loopback is this server's proxy; 10.0.0.0/8 are the load balancers before it.
    const url = await behind('loopback, 10.0.0.0/8')
    const chain = (client: string) => () => ({ 'x-forwarded-for': `192.0.2.1, ${client}, 10.1.2.3` })
    expect(await threeReports(url, chain('203.0.113.7'))).toEqual([201, 201, 429])
    expect(await report(url, chain('203.0.113.8')())).toBe(201)
  })

  it('believes nothing forwarded when the socket is not a trusted proxy', async () => {
    const url = await behind('10.0.0.0/8')
    expect(await threeReports(url, (k) => ({ 'x-forwarded-for': `203.0.113.${k + 1}` }))).toEqual([201, 201, 429])
  })
})

describe('FORWARDED_HEADER=forwarded (RFC 7239)', () => {
  it('reads the for= of the nearest hop, IPv6 with its port included', async () => {
    const url = await behind('1', 'forwarded')
    const from = (address: string) => () => ({ forwarded: `for=192.0.2.60;proto=https, for="${address}";proto=https` })
    expect(await threeReports(url, from('[2001:db8:cafe::17]:4711'))).toEqual([201, 201, 429])
    expect(await report(url, from('[2001:db8:cafe::18]:4711')())).toBe(201)
  })

  it('answers a malformed header as if the proxy had said nothing, never with a 5xx', async () => {
    const url = await behind('1', 'forwarded')
    expect(await threeReports(url, () => ({ forwarded: 'for="unclosed' }))).toEqual([201, 201, 429])
  })
})

describe('TRUST_PROXY values', () => {
  it('reads off, hop counts and address lists, and refuses an address it cannot read', () => {
    expect(parseTrustProxy(undefined)).toEqual({ kind: 'off' })
    expect(parseTrustProxy('false')).toEqual({ kind: 'off' })
    expect(parseTrustProxy('0')).toEqual({ kind: 'off' })
    expect(parseTrustProxy('2')).toEqual({ kind: 'hops', hops: 2 })
    expect(parseTrustProxy('10.0.0.0/8, ::1')).toEqual({ kind: 'addresses', addresses: ['10.0.0.0/8', '::1'] })
    expect(() => parseTrustProxy('10.0.0.0/99')).toThrow()
    expect(() => parseTrustProxy('proxy.example.org')).toThrow()
  })
})
