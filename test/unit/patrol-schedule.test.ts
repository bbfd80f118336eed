import ICAL from 'ical.js'
import { describe, expect, it } from 'vitest'
import { patrolCalendar } from '../../server/patrols/calendar.ts'
import { gpxTrackPoints } from '../../server/patrols/gpx-track.ts'
import {
  currentIsoWeek,
  describeSchedule,
  isoWeek,
  isoWeekParam,
  scheduleSchema,
  scheduleSpan,
  sessionBands,
  sessions,
  type Schedule,
  type WeeklySchedule,
} from '../../server/patrols/schedule.ts'
import { ApiError } from '../../server/errors.ts'
import { londonInstant } from '../../common/london-time.ts'

const iso = (d: Date) => d.toISOString()
const starts = (list: { start: Date }[]) => list.map((s) => iso(s.start))
const weekly = (overrides: Partial<WeeklySchedule> = {}): WeeklySchedule => ({
  days: ['tue', 'thu'],
  startTime: '18:00',
  durationMinutes: 120,
  validFrom: '2026-11-23',
  validUntil: '2027-03-31',
  ...overrides,
})
const ALL_TIME: [Date, Date] = [new Date('2000-01-01T00:00:00Z'), new Date('2100-01-01T00:00:00Z')]

describe('London wall-clock time', () => {
  it('turns a wall-clock time into an instant in winter and in summer', () => {
    expect(iso(londonInstant('2026-12-01', '18:00'))).toBe('2026-12-01T18:00:00.000Z')
    expect(iso(londonInstant('2026-07-01', '18:00'))).toBe('2026-07-01T17:00:00.000Z')
  })

  it('moves a time in the spring-forward gap on an hour and takes the first of an ambiguous fall-back time', () => {
    expect(iso(londonInstant('2027-03-28', '01:30'))).toBe('2027-03-28T01:30:00.000Z') // 02:30 BST
    expect(iso(londonInstant('2026-10-25', '01:30'))).toBe('2026-10-25T00:30:00.000Z') // 01:30 BST, not GMT
    expect(iso(londonInstant('2026-10-25', '02:30'))).toBe('2026-10-25T02:30:00.000Z')
  })
})

describe('sessions', () => {
  it('keeps 18:00 London across the spring-forward change', () => {
    const s = weekly({ days: ['sat', 'sun', 'mon'], validFrom: '2027-03-27', validUntil: '2027-03-29' })
    expect(starts(sessions(s, ...ALL_TIME))).toEqual(['2027-03-27T18:00:00.000Z', '2027-03-28T17:00:00.000Z', '2027-03-29T17:00:00.000Z'])
  })

  it('keeps 18:00 London across the fall-back change', () => {
    const s = weekly({ days: ['sat', 'sun'], validFrom: '2026-10-24', validUntil: '2026-10-25' })
    const list = sessions(s, ...ALL_TIME)
    expect(starts(list)).toEqual(['2026-10-24T17:00:00.000Z', '2026-10-25T18:00:00.000Z'])
    expect(iso(list[0]!.end)).toBe('2026-10-24T19:00:00.000Z')
  })

  it('counts validFrom and validUntil in, and nothing outside them', () => {
    const s = weekly({ days: ['mon', 'fri'], validFrom: '2026-11-23', validUntil: '2026-12-04' }) // Mon … Fri
    expect(starts(sessions(s, ...ALL_TIME))).toEqual([
      '2026-11-23T18:00:00.000Z',
      '2026-11-27T18:00:00.000Z',
      '2026-11-30T18:00:00.000Z',
      '2026-12-04T18:00:00.000Z',
    ])
  })

  it('includes a session still running at `from` and leaves out one starting exactly at `to`', () => {
    const s = weekly({ days: ['tue'], startTime: '23:00', durationMinutes: 120 }) // Tue 24 Nov 23:00Z – Wed 01:00Z
    expect(starts(sessions(s, new Date('2026-11-25T00:30:00Z'), new Date('2026-11-25T02:00:00Z')))).toEqual(['2026-11-24T23:00:00.000Z'])
    expect(sessions(s, new Date('2026-11-25T01:00:00Z'), new Date('2026-12-01T23:00:00Z'))).toEqual([])
    expect(sessions(s, new Date('2026-11-24T20:00:00Z'), new Date('2026-11-24T23:00:00Z'))).toEqual([])
  })

  it('expands a one-off session', () => {
    const once: Schedule = { start: '2026-11-24T18:00:00Z', durationMinutes: 90 }
    expect(sessions(once, ...ALL_TIME)).toEqual([{ start: new Date('2026-11-24T18:00:00Z'), end: new Date('2026-11-24T19:30:00Z') }])
    expect(sessions(once, new Date('2026-11-24T19:30:00Z'), ALL_TIME[1])).toEqual([])
    expect(scheduleSpan(once)).toEqual({ first: new Date('2026-11-24T18:00:00Z'), last: new Date('2026-11-24T19:30:00Z') })
  })

  it('spans from the first session to the end of the last, or null when no day falls in the range', () => {
    expect(scheduleSpan(weekly())).toEqual({ first: new Date('2026-11-24T18:00:00Z'), last: new Date('2027-03-30T19:00:00Z') })
    expect(scheduleSpan(weekly({ days: ['sat'], validFrom: '2026-11-23', validUntil: '2026-11-27' }))).toBeNull()
  })
})

describe('scheduleSchema', () => {
  const refusal = (value: unknown) => {
    const result = scheduleSchema.safeParse(value)
    expect(result.success).toBe(false)
    return result.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')
  }

  it('accepts both shapes', () => {
    expect(scheduleSchema.parse(weekly())).toEqual(weekly())
    expect(scheduleSchema.parse({ start: '2026-11-24T18:00:00+01:00', durationMinutes: 90 })).toEqual({ start: '2026-11-24T18:00:00+01:00', durationMinutes: 90 })
  })

  it('refuses bad weekly schedules with the reason', () => {
    expect(refusal(weekly({ validUntil: '2026-11-22' }))).toContain("validUntil: validUntil is before validFrom: a schedule can't end before it starts")
    expect(refusal(weekly({ days: ['tue', 'tue'] }))).toContain('days: days must not repeat')
    expect(refusal(weekly({ days: [] }))).toContain('days:')
    expect(refusal(weekly({ startTime: '25:00' }))).toContain('startTime:')
    expect(refusal(weekly({ validFrom: '2027-02-30' }))).toContain('validFrom:')
    expect(refusal(weekly({ validFrom: '2026-01-01', validUntil: '2028-01-02' }))).toContain('at most 731 days')
    expect(scheduleSchema.safeParse(weekly({ validFrom: '2026-01-01', validUntil: '2028-01-01' })).success).toBe(true)
    expect(refusal(weekly({ durationMinutes: 4 }))).toContain('durationMinutes:')
  })

  it('refuses mixed shapes, unknown keys and one-offs without an offset', () => {
    expect(refusal({ ...weekly(), start: '2026-11-24T18:00:00Z' })).toContain('start')
    expect(refusal({ start: '2026-11-24T18:00:00Z', durationMinutes: 90, colour: 'red' })).toContain('colour')
    expect(refusal({ start: '2026-11-24 18:00', durationMinutes: 90 })).toContain('start:')
    expect(refusal({ start: '2026-11-24T18:00:00Z', durationMinutes: 721 })).toContain('durationMinutes:')
    refusal(null)
  })
})

describe('describeSchedule', () => {
  it('names the days, times and dates in London time', () => {
    expect(describeSchedule(weekly())).toBe('Tue and Thu 18:00–20:00, 23 Nov 2026 – 31 Mar 2027')
    expect(describeSchedule(weekly({ days: ['fri', 'mon', 'wed'], startTime: '07:30', durationMinutes: 45 }))).toBe(
      'Mon, Wed and Fri 07:30–08:15, 23 Nov 2026 – 31 Mar 2027',
    )
    expect(describeSchedule(weekly({ days: ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'], durationMinutes: 60 }))).toMatch(/^Every day 18:00–19:00, /)
    expect(describeSchedule(weekly({ days: ['mon', 'tue', 'wed', 'thu', 'fri'], durationMinutes: 60 }))).toMatch(/^Weekdays 18:00–19:00, /)
    expect(describeSchedule(weekly({ days: ['sat', 'sun'] }))).toMatch(/^Weekends /)
    expect(describeSchedule(weekly({ days: ['sat'], startTime: '23:00' }))).toMatch(/^Sat 23:00–01:00, /)
  })

  it('describes a one-off session in London time', () => {
    expect(describeSchedule({ start: '2026-11-24T18:00:00Z', durationMinutes: 90 })).toBe('Tue 24 Nov 2026 18:00–19:30')
    expect(describeSchedule({ start: '2027-06-01T17:00:00Z', durationMinutes: 60 })).toBe('Tue 1 Jun 2027 18:00–19:00')
  })
})

describe('ISO weeks', () => {
  const hours = (w: { from: Date; to: Date }) => (w.to.getTime() - w.from.getTime()) / 3_600_000

  it('runs from Monday 00:00 London to the next Monday, 169 or 167 hours across a DST change', () => {
    // The changes fall on Sundays, the last day of W43 (2026) and W12 (2027).
    const fallBack = isoWeek('2026-W43')
    expect(iso(fallBack.from)).toBe('2026-10-18T23:00:00.000Z') // Mon 19 Oct 00:00 BST
    expect(iso(fallBack.to)).toBe('2026-10-26T00:00:00.000Z')
    expect(hours(fallBack)).toBe(169)
    expect(fallBack.dates).toEqual(['2026-10-19', '2026-10-20', '2026-10-21', '2026-10-22', '2026-10-23', '2026-10-24', '2026-10-25'])
    expect(hours(isoWeek('2027-W12'))).toBe(167)
    expect(hours(isoWeek('2026-W44'))).toBe(168)
    expect(iso(isoWeek('2026-W01').from)).toBe('2025-12-29T00:00:00.000Z')
  })

  it('knows which years have a week 53', () => {
    expect(isoWeekParam.safeParse('2026-W53').success).toBe(true)
    expect(iso(isoWeek('2026-W53').from)).toBe('2026-12-28T00:00:00.000Z')
    expect(isoWeekParam.safeParse('2027-W53').success).toBe(false)
    expect(isoWeekParam.safeParse('2026-W00').success).toBe(false)
    expect(isoWeekParam.safeParse('2026-48').success).toBe(false)
  })

  it('finds the current week in London time', () => {
    expect(currentIsoWeek(new Date('2026-11-24T12:00:00Z'))).toBe('2026-W48')
    expect(currentIsoWeek(new Date('2027-01-01T12:00:00Z'))).toBe('2026-W53')
    expect(currentIsoWeek(new Date('2026-10-18T23:30:00Z'))).toBe('2026-W43') // Monday 00:30 BST
  })
})

describe('sessionBands', () => {
  const band = (start: string, end: string) => sessionBands({ start: new Date(start), end: new Date(end) })

  it('splits a session at band edges', () => {
    expect(band('2026-11-24T16:30:00Z', '2026-11-24T18:00:00Z')).toEqual([
      { date: '2026-11-24', weekend: false, band: 'daytime', minutes: 30 },
      { date: '2026-11-24', weekend: false, band: 'evening', minutes: 60 },
    ])
  })

  it('splits at London midnight, in summer time too', () => {
    expect(band('2026-11-24T23:00:00Z', '2026-11-25T01:00:00Z')).toEqual([
      { date: '2026-11-24', weekend: false, band: 'night', minutes: 60 },
      { date: '2026-11-25', weekend: false, band: 'night', minutes: 60 },
    ])
    expect(band('2026-07-01T21:00:00Z', '2026-07-02T00:00:00Z')).toEqual([
      { date: '2026-07-01', weekend: false, band: 'night', minutes: 120 }, // 22:00–00:00 BST
      { date: '2026-07-02', weekend: false, band: 'night', minutes: 60 },
    ])
  })

  it('marks weekend dates and counts real minutes across a DST change', () => {
    expect(band('2026-11-28T18:00:00Z', '2026-11-28T19:00:00Z')).toEqual([{ date: '2026-11-28', weekend: true, band: 'evening', minutes: 60 }])
    // Sat 24 Oct 23:00 BST to Sun 25 Oct 03:00 GMT: 1 hour Saturday, 4 real hours Sunday (01:00 twice).
    expect(band('2026-10-24T22:00:00Z', '2026-10-25T03:00:00Z')).toEqual([
      { date: '2026-10-24', weekend: true, band: 'night', minutes: 60 },
      { date: '2026-10-25', weekend: true, band: 'night', minutes: 240 },
    ])
  })
})

describe('patrolCalendar', () => {
  it('writes VEVENTs in UTC that ical.js reads back', () => {
    const events = [
      { uid: 'patrol-7-2026-11-24T18:00:00.000Z@common-ground', title: 'Evening parks patrol', description: 'Southgate SNT', start: new Date('2026-11-24T18:00:00Z'), end: new Date('2026-11-24T20:00:00Z'), url: 'https://example.org/patrols/7' },
      { uid: 'patrol-8-2027-03-28T17:00:00.000Z@common-ground', title: 'Sunday, walk; with "quotes"', start: new Date('2027-03-28T17:00:00Z'), end: new Date('2027-03-28T18:30:00Z') },
    ]
    const text = patrolCalendar('Common Ground patrols', events)
    expect(text).toMatch(/^BEGIN:VCALENDAR\r\n/)
    expect(text).toContain('PRODID:-//Common Ground//patrols//EN')
    const calendar = new ICAL.Component(ICAL.parse(text))
    const parsed = calendar.getAllSubcomponents('vevent').map((c) => new ICAL.Event(c))
    expect(parsed.map((e) => [e.uid, e.summary, e.startDate.toJSDate().toISOString(), e.endDate.toJSDate().toISOString()])).toEqual(
      events.map((e) => [e.uid, e.title, iso(e.start), iso(e.end)]),
    )
    expect(parsed[0]!.startDate.zone.tzid).toBe('UTC')
    expect(parsed[0]!.description).toBe('Southgate SNT')
  })
})

describe('gpxTrackPoints', () => {
  const doc = (body: string, root = 'gpx') =>
    `<?xml version="1.0" encoding="UTF-8"?>\n<${root} version="1.1" creator="test" xmlns="http://www.topografix.com/GPX/1/1">${body}</${root}>`
  // Points every 0.0002° of latitude (about 22 m) going north from -0.12, 51.61.
  const pt = (tag: string, i: number) => `<${tag} lat="${(51.61 + i * 0.0002).toFixed(4)}" lon="-0.1200"><ele>30</ele></${tag}>`
  const run = (tag: string, from: number, to: number) => Array.from({ length: to - from + 1 }, (_, k) => pt(tag, from + k)).join('')
  const refusal = (gpx: string) => {
    try {
      gpxTrackPoints(gpx)
    } catch (error) {
      expect(error).toBeInstanceOf(ApiError)
      expect((error as ApiError).status).toBe(400)
      expect((error as ApiError).code).toBe('invalid_gpx')
      return (error as ApiError).message
    }
    throw new Error('expected invalid_gpx')
  }

  it('reads every track segment in order, thinned to 50 m, keeping first and last', () => {
    const points = gpxTrackPoints(doc(`<trk><name>x</name><trkseg>${run('trkpt', 0, 5)}</trkseg><trkseg>${run('trkpt', 6, 10)}</trkseg></trk>`))
    expect(points.map((p) => Math.round((p.lat - 51.61) / 0.0002))).toEqual([0, 3, 6, 9, 10])
    expect(points[0]).toEqual({ lng: -0.12, lat: 51.61 })
  })

  it('falls back to route points, and prefers track points when both are there', () => {
    expect(gpxTrackPoints(doc(`<rte>${run('rtept', 0, 3)}</rte>`))).toHaveLength(2)
    expect(gpxTrackPoints(doc(`<rte>${run('rtept', 0, 1)}</rte><trk><trkseg>${run('trkpt', 0, 9)}</trkseg></trk>`))).toHaveLength(4)
    // GPX 1.0, no namespace.
    expect(gpxTrackPoints(`<gpx version="1.0"><trk><trkseg>${run('trkpt', 0, 1)}</trkseg></trk></gpx>`)).toHaveLength(2)
  })

  it('keeps at most 5,000 points', () => {
    const points = gpxTrackPoints(doc(`<trk><trkseg>${Array.from({ length: 12_000 }, (_, i) => `<trkpt lat="${51.61 + i * 0.0005}" lon="-0.12"/>`).join('')}</trkseg></trk>`))
    expect(points).toHaveLength(5_000)
    expect(points.at(-1)!.lat).toBeCloseTo(51.61 + 11_999 * 0.0005, 9)
  })

  it('refuses what is not a GPX with two valid points', () => {
    expect(refusal('not xml')).toMatch(/not a GPX file/)
    expect(refusal('<html><body>hi</body></html>')).toMatch(/root element <html>/)
    expect(refusal(doc('<trk><trkseg>'))).toMatch(/not a GPX file/)
    expect(refusal('')).toMatch(/root element/)
    expect(refusal(doc(`<trk><trkseg>${pt('trkpt', 0)}</trkseg></trk>`))).toMatch(/at least 2 points, this one has 1/)
    expect(refusal(doc(`<trk><trkseg>${pt('trkpt', 0)}<trkpt lat="95" lon="-0.12"/></trkseg></trk>`))).toMatch(/lat\/lon/)
    expect(refusal(doc(`<trk><trkseg>${pt('trkpt', 0)}<trkpt lon="-0.12"/></trkseg></trk>`))).toMatch(/lat\/lon/)
  })
})
