import type { ClientResponse } from 'hono/client'
import { describe, expect, it } from 'vitest'
import { answer, ApiFailure, retryAfterSeconds } from '../../web/api/client.ts'
import { explainReportFailure } from '../../web/components/ConcernFields.tsx'
import { explainPlanFailure } from '../../web/routes/words.ts'
import { waitText } from '../../web/time-words.ts'

const limited = (seconds?: number) => new ApiFailure('Too many from this connection', 429, 'rate_limited', undefined, seconds)

describe('how long to wait, in words', () => {
  it.each([
    [1, 'in 1 second'],
    [30, 'in 30 seconds'],
    [43.2, 'in 44 seconds'],
    [45, 'in about a minute'],
    [60, 'in about a minute'],
    [61, 'in 2 minutes'],
    [227, 'in 4 minutes'],
    [600, 'in 10 minutes'],
    [59 * 60, 'in 59 minutes'],
    [59 * 60 + 1, 'in about an hour'],
    [90 * 60, 'in about an hour'],
    [90 * 60 + 1, 'in about 2 hours'],
    [5 * 3600, 'in about 5 hours'],
  ])('says %s s as "%s", never sooner than the wait', (seconds, words) => {
    expect(waitText(seconds)).toBe(words)
  })

  it('says "later" when the server gave no wait', () => {
    expect(waitText(undefined)).toBe('later')
    expect(waitText(0)).toBe('later')
    expect(waitText(Number.NaN)).toBe('later')
  })
})

describe('a 429 and its Retry-After', () => {
  it('reads Retry-After as seconds or as a date, and nothing else', () => {
    expect(retryAfterSeconds('227')).toBe(227)
    expect(retryAfterSeconds(null)).toBeUndefined()
    expect(retryAfterSeconds('soon')).toBeUndefined()
    const inTwoMinutes = new Date(Date.now() + 120_000).toUTCString()
    expect(retryAfterSeconds(inTwoMinutes)).toBeGreaterThan(100)
    expect(retryAfterSeconds(inTwoMinutes)).toBeLessThanOrEqual(120)
  })

  it('carries the wait in the typed client’s failure', async () => {
    const response = new Response(JSON.stringify({ error: { code: 'rate_limited', message: 'Too many' } }), {
      status: 429,
      headers: { 'Content-Type': 'application/json', 'Retry-After': '227' },
    })
    const failure = await answer(Promise.resolve(response as unknown as ClientResponse<unknown, 429, 'json'>), 'Sending the report').catch((e: unknown) => e)
    expect(failure).toBeInstanceOf(ApiFailure)
    expect(failure).toMatchObject({ status: 429, code: 'rate_limited', retryAfterSeconds: 227 })
  })

  it('tells a resident and a route planner how long to wait', () => {
    expect(explainReportFailure(limited(227))).toBe('Too many reports from here just now. Please try again in 4 minutes.')
    expect(explainReportFailure(limited(50))).toBe('Too many reports from here just now. Please try again in about a minute.')
    expect(explainReportFailure(limited())).toBe('Too many reports from here just now. Please try again later.')
    expect(explainPlanFailure(limited(30))).toBe('Too many requests from here just now. Please try again in 30 seconds.')
  })
})
