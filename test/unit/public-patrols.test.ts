import { describe, expect, it } from 'vitest'
import { lineWidthInMetres, metresPerPixelAtZoom0 } from '../../web/map/layers/public-patrols.ts'
import { nextPatrolText, patrolWindow, scheduleWords, sessionText } from '../../web/patrols/public-words.ts'

/** What MapLibre's exponential interpolation gives between two stops (style spec `interpolationFactor`). */
function evaluate(expression: unknown[], zoom: number): number {
  const [, [, base], , z0, w0, z1, w1] = expression as [string, [string, number], unknown, number, number, number, number]
  const t = (base ** (zoom - z0) - 1) / (base ** (z1 - z0) - 1)
  return w0 + (w1 - w0) * t
}

describe('the coverage band width', () => {
  it('is the same number of metres on the ground at every zoom', () => {
    const latitude = 51.6186
    const expression = lineWidthInMetres(200, latitude)
    for (const zoom of [10, 13.5, 16, 18.25]) {
      const metresPerPixel = metresPerPixelAtZoom0(latitude) / 2 ** zoom
      expect(evaluate(expression, zoom) * metresPerPixel).toBeCloseTo(200, 6)
    }
  })

  it('is wider in pixels towards the poles, where Web Mercator stretches the ground', () => {
    expect(evaluate(lineWidthInMetres(200, 60), 15)).toBeGreaterThan(evaluate(lineWidthInMetres(200, 50), 15))
  })
})

describe('patrol windows on the London clock', () => {
  it('reads "this evening" as 17:00 to 22:00 London time, in summer time too', () => {
    expect(patrolWindow('evening', new Date('2026-11-24T09:00:00Z'))).toEqual({ from: '2026-11-24T17:00:00.000Z', to: '2026-11-24T22:00:00.000Z' })
    expect(patrolWindow('evening', new Date('2026-07-14T09:00:00Z'))).toEqual({ from: '2026-07-14T16:00:00.000Z', to: '2026-07-14T21:00:00.000Z' })
  })

  it('reads "a day and time" as the hour from it', () => {
    expect(patrolWindow('at', new Date(), '2026-07-14T19:00')).toEqual({ from: '2026-07-14T18:00:00.000Z', to: '2026-07-14T19:00:00.000Z' })
    expect(patrolWindow('at', new Date(), '')).toBeNull()
  })

  it('says a session and the next patrol near a place in words', () => {
    const session = { start: '2026-11-24T18:00:00Z', end: '2026-11-24T20:00:00Z' }
    expect(sessionText(session)).toBe('Tue 24 Nov 18:00–20:00')
    expect(sessionText({ start: '2026-11-24T23:00:00Z', end: '2026-11-25T01:00:00Z' })).toBe('Tue 24 Nov 23:00–Wed 25 Nov 01:00')
    const reach = { metres: 500, days: 14 }
    const patrol = { id: 1, title: 'Evening parks patrol', team: null, schedule: { start: session.start, durationMinutes: 120 }, scheduleText: '' }
    expect(nextPatrolText({ patrol, ...session, distanceMeters: 118.4 }, reach)).toBe(
      'Next patrol near here: Evening parks patrol, Tue 24 Nov 18:00–20:00 (about 120 m away)',
    )
    expect(nextPatrolText({ patrol, ...session, distanceMeters: 4 }, reach)).toBe(
      'Next patrol near here: Evening parks patrol, Tue 24 Nov 18:00–20:00 (less than 10 m away)',
    )
    expect(nextPatrolText(undefined, reach)).toBe('No patrol passes within 500 m in the next 14 days')
    expect(nextPatrolText(undefined, { metres: 300, days: 1 })).toBe('No patrol passes within 300 m in the next day')
  })
})

describe('schedules in words', () => {
  const weekly = (days: ('mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun')[]) => ({
    days,
    startTime: '19:00',
    durationMinutes: 90,
    validFrom: '2026-12-01',
    validUntil: '2027-02-28',
  })
  // Date ranges are Intl's, whose spaces around the dash may be thin ones.
  const words = (schedule: Parameters<typeof scheduleWords>[0]) => scheduleWords(schedule).replace(/\s+/g, ' ')

  it('names the days, the wall-clock times and the dates of a weekly schedule', () => {
    expect(words(weekly(['thu', 'tue']))).toBe('Tue and Thu 19:00–20:30, 1 Dec 2026 – 28 Feb 2027')
    expect(words(weekly(['tue']))).toBe('Every Tuesday 19:00–20:30, 1 Dec 2026 – 28 Feb 2027')
    expect(words(weekly(['mon', 'tue', 'wed', 'thu', 'fri']))).toBe('Weekdays 19:00–20:30, 1 Dec 2026 – 28 Feb 2027')
    expect(words(weekly(['sun', 'sat']))).toBe('Weekends 19:00–20:30, 1 Dec 2026 – 28 Feb 2027')
    expect(words(weekly(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']))).toBe('Every day 19:00–20:30, 1 Dec 2026 – 28 Feb 2027')
  })

  it('wraps past midnight and keeps the wall clock across a clock change', () => {
    expect(words({ ...weekly(['sat']), startTime: '23:30', durationMinutes: 60, validFrom: '2027-03-01', validUntil: '2027-03-31' })).toBe(
      'Every Saturday 23:30–00:30, 1 – 31 Mar 2027',
    )
    expect(words({ ...weekly(['sun']), validFrom: '2027-03-28', validUntil: '2027-03-28' })).toBe('Every Sunday 19:00–20:30, 28 Mar 2027')
  })

  it('says a one-off session on the London clock, in summer time too', () => {
    expect(words({ start: '2026-12-08T19:00:00Z', durationMinutes: 60 })).toBe('Tue, 8 Dec 2026, 19:00–20:00')
    expect(words({ start: '2026-07-14T17:00:00Z', durationMinutes: 45 })).toBe('Tue, 14 Jul 2026, 18:00–18:45')
  })
})
