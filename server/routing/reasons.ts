import { londonTime } from '../../common/london-time.ts'
import type { TimeBand } from '../concerns/vocabulary.ts'

/**
 * Why a route goes the way it does, one reason a line, as codes with their numbers: the web words
 * them in the reader's language (web/routes/reasons.ts), and `explanation` (English, for API
 * clients and the GPX description) is worded from them here. Distances are metres, shares 0–1,
 * sunset and sunrise ISO 8601 instants, and `name` an open space's name (absent when it has none).
 */
export type RouteReason =
  | { code: 'loop_length'; params: { lengthMeters: number } }
  | { code: 'as_short_as_shortest'; params: { lengthMeters: number } }
  | { code: 'longer_than_shortest'; params: { lengthMeters: number; extraMeters: number; extraShare: number } }
  | { code: 'avoids_reported'; params: { count: number; kind: 'route' | 'loop' } }
  | { code: 'no_reported_along'; params: { timeBand: TimeBand } }
  | { code: 'passes_reported'; params: { count: number; timeBand: TimeBand } }
  | { code: 'lit_after_sunset'; params: { litShare: number; sunset: string } }
  | { code: 'lit_before_sunrise'; params: { litShare: number; sunrise: string } }
  | { code: 'sunset_on_the_way'; params: { litShare: number; sunset: string } }
  | { code: 'daylight'; params: { sunset: string } }
  | { code: 'keeps_out_of_parks'; params: Record<string, never> }
  | { code: 'through_open_spaces'; params: { openSpaceShare: number } }
  | { code: 'through_open_spaces_after_dark'; params: { openSpaceShare: number } }
  | { code: 'through_closed_park'; params: { name?: string } }
  | { code: 'avoids_closed_park'; params: { name?: string } }
  | { code: 'patrolled'; params: { patrolShare: number } }
  | { code: 'retraced'; params: { retraceShare: number } }

const percent = (x: number) => `${Math.round(x * 100)}%`
const km = (metres: number) => (metres >= 1000 ? `${(metres / 1000).toFixed(1)} km` : `${Math.round(metres / 10) * 10} m`)
const clock = (iso: string) => londonTime(new Date(iso))
const BANDS = { early_morning: 'early morning', daytime: 'daytime', evening: 'evening', night: 'night' } as const
const places = (n: number) => (n === 1 ? '1 reported place' : `${n} reported places`)

/** A reason as the English sentence of `explanation` ("92% lit after 16:05 sunset"). */
export function englishReason(reason: RouteReason): string {
  switch (reason.code) {
    case 'loop_length':
      return `${km(reason.params.lengthMeters)} loop back to the start`
    case 'as_short_as_shortest':
      return `${km(reason.params.lengthMeters)}: as short as the shortest route`
    case 'longer_than_shortest': {
      const { lengthMeters, extraMeters, extraShare } = reason.params
      return `${km(lengthMeters)}: ${km(extraMeters)} (${percent(extraShare)}) longer than the shortest route`
    }
    case 'avoids_reported':
      return `Avoids ${places(reason.params.count)} that the ${reason.params.kind === 'loop' ? 'plain-distance loop' : 'shortest route'} passes`
    case 'no_reported_along':
      return `No reported places along it for the ${BANDS[reason.params.timeBand]}`
    case 'passes_reported':
      return `Passes ${reason.params.count === 1 ? '1 place' : `${reason.params.count} places`} reported for the ${BANDS[reason.params.timeBand]}`
    case 'lit_after_sunset':
      return `${percent(reason.params.litShare)} lit after ${clock(reason.params.sunset)} sunset`
    case 'lit_before_sunrise':
      return `${percent(reason.params.litShare)} lit before ${clock(reason.params.sunrise)} sunrise`
    case 'sunset_on_the_way':
      return `Sunset at ${clock(reason.params.sunset)} on the way: ${percent(reason.params.litShare)} lit`
    case 'daylight':
      return `In daylight (sunset ${clock(reason.params.sunset)})`
    case 'keeps_out_of_parks':
      return 'Keeps out of parks and commons after dark'
    case 'through_open_spaces':
      return `${percent(reason.params.openSpaceShare)} through parks and open spaces`
    case 'through_open_spaces_after_dark':
      return `${percent(reason.params.openSpaceShare)} through parks and open spaces (after dark)`
    case 'through_closed_park':
      return reason.params.name ? `Goes through ${reason.params.name}, which may be closed at that time` : 'Goes through a park that may be closed at that time'
    case 'avoids_closed_park':
      return reason.params.name ? `Avoids ${reason.params.name}, closed at that time` : 'Avoids a park that is closed at that time'
    case 'patrolled':
      return `${percent(reason.params.patrolShare)} on paths a reassurance patrol covers then`
    case 'retraced':
      return `${percent(reason.params.retraceShare)} of it on paths run twice`
  }
}
