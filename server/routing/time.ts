import OpeningHours from 'opening_hours'
import { getTimes } from 'suncalc'
import { londonClock } from '../../common/london-time.ts'
import { timeBandAt } from '../../common/time-bands.ts'
import type { TimeBand } from '../concerns/vocabulary.ts'

/**
 * When and where a route is walked or run: the time band and day type its concerns must match,
 * and whether it is dark at any time between `departAt` and `arriveBy` (after sunset or before
 * sunrise at the place, from suncalc).
 */
export type RouteTime = {
  departAt: Date
  arriveBy: Date
  timeBand: TimeBand
  weekend: boolean
  dark: boolean
  sunrise: Date | null
  sunset: Date | null
}

export function routeTime(departAt: Date, minutes: number, lng: number, lat: number): RouteTime {
  const arriveBy = new Date(departAt.getTime() + minutes * 60_000)
  const { sunrise, sunset } = getTimes(departAt, lat, lng)
  const darkAt = (t: Date) => !sunrise || !sunset || t < sunrise || t > sunset
  return {
    departAt,
    arriveBy,
    timeBand: timeBandAt(departAt),
    weekend: londonClock(departAt).weekend,
    dark: darkAt(departAt) || darkAt(arriveBy) || (departAt < sunset! && arriveBy > sunset!),
    sunrise,
    sunset,
  }
}

const parsed = new Map<string, OpeningHours | null>()

/**
 * Is a park with this OSM `opening_hours` open for the whole of [from, to]? Unknown or
 * unparseable hours count as open (most commons never close). The library reads a Date's local
 * fields, so the London wall-clock time is handed over as a local Date.
 */
export function openThroughout(openingHours: string | null, from: Date, to: Date, lng: number, lat: number): boolean {
  if (!openingHours) return true
  let rule = parsed.get(openingHours)
  if (rule === undefined) {
    try {
      rule = new OpeningHours(openingHours, { lat, lon: lng, address: { country_code: 'gb', state: 'England' } })
    } catch {
      rule = null
    }
    parsed.set(openingHours, rule)
  }
  if (!rule) return true
  const local = (t: Date) => {
    const c = londonClock(t)
    return new Date(c.year, c.month - 1, c.day, c.hour, c.minute)
  }
  try {
    return rule.getState(local(from)) && rule.getState(local(to)) && !rule.getNextChange(local(from), local(to))
  } catch {
    return true
  }
}
