import { describe, expect, it } from 'vitest'
import { loadConfig } from '../../server/config.ts'

describe('loadConfig', () => {
  it('uses the documented defaults when nothing is set', () => {
    const config = loadConfig({})
    expect(config).toMatchObject({ port: 8080, host: '127.0.0.1', databaseUrl: undefined, mapStyleUrl: undefined })
    expect(config.dataDir).toMatch(/\/data$/)
    expect(config.demoDataDir).toMatch(/\/shared\/data$/)
  })

  it('names the variable whose value is wrong', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/)
    expect(() => loadConfig({ PORT: '70000' })).toThrow(/PORT/)
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/)
    expect(() => loadConfig({ MAP_STYLE_URL: 'not a url' })).toThrow(/MAP_STYLE_URL/)
  })

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ PORT: '', DATABASE_URL: '' })).toMatchObject({ port: 8080, databaseUrl: undefined })
  })
})

describe('REPORTS_PER_CLIENT', () => {
  it('defaults to 10 reports a client in 10 minutes and refuses a non-positive limit', () => {
    expect(loadConfig({}).reportsPerClient).toBe(10)
    expect(loadConfig({ REPORTS_PER_CLIENT: '500' }).reportsPerClient).toBe(500)
    expect(() => loadConfig({ REPORTS_PER_CLIENT: '0' })).toThrow(/REPORTS_PER_CLIENT/)
  })
})

describe('TRUST_PROXY and FORWARDED_HEADER', () => {
  it('trust no proxy by default and read X-Forwarded-For when told to trust one', () => {
    expect(loadConfig({}).clientAddress).toEqual({ trust: { kind: 'off' }, header: 'x-forwarded-for' })
    expect(loadConfig({ TRUST_PROXY: '1', FORWARDED_HEADER: 'forwarded' }).clientAddress).toEqual({
      trust: { kind: 'hops', hops: 1 },
      header: 'forwarded',
    })
  })

  it('name the variable when its value is wrong', () => {
    expect(() => loadConfig({ TRUST_PROXY: 'my-proxy.example.org' })).toThrow(/TRUST_PROXY/)
    expect(() => loadConfig({ FORWARDED_HEADER: 'x-real-ip' })).toThrow(/FORWARDED_HEADER/)
  })
})
