import { ApiFailure } from '../api/client.ts'
import { waitText } from '../time-words.ts'
import type { PlannedRoute, Profile } from './api.ts'

/** The three ways to weigh a route, in plain words. */
export const profiles: { slug: Profile; label: string; hint: string }[] = [
  { slug: 'safest', label: 'Safest', hint: 'lit streets, away from reported places, even if longer' },
  { slug: 'balanced', label: 'Balanced', hint: 'safer, without going far out of the way' },
  { slug: 'shortest', label: 'Shortest', hint: 'distance only' },
]

/** "8.1 km" (or "750 m"). */
export function distanceText(metres: number): string {
  if (metres < 1000) return `${Math.round(metres / 10) * 10} m`
  const km = metres / 1000
  return `${km.toFixed(1).replace(/\.0$/, '')} km`
}

export const scoreText = (score: number) => `safety score ${Math.round(score)} of 100`

/** One line for the list: length and score (the explanation under it says the rest). */
export function describeRoute(p: Pick<PlannedRoute['properties'], 'lengthMeters' | 'score'>): string {
  return `${distanceText(p.lengthMeters)}, ${scoreText(p.score)}`
}

/** A failed plan, in words, with what to do about it. */
export function explainPlanFailure(error: unknown, askedMetres?: number): string {
  if (error instanceof ApiFailure) {
    const details = error.details
    switch (error.code) {
      case 'no_path_network':
        if (details?.point === 'to') return 'No paths near the end — move the end closer to a path.'
        if (details?.point === 'from') return 'No paths near this point — move the start closer to a path.'
        return 'No path network has been loaded for this map yet, so routes cannot be planned.'
      case 'loop_too_long': {
        const fits = Number(details?.longestMeters)
        const asked = askedMetres ? `a ${distanceText(askedMetres)} loop` : 'a loop that long'
        return fits >= 1000
          ? `The paths around this start cannot hold ${asked}. The longest that fits is about ${distanceText(fits)}.`
          : `The paths around this start cannot hold ${asked}. Move the start somewhere with more paths around it.`
      }
      case 'unreachable':
        return 'No path joins the start and the end. Move one of them onto a connected path.'
      case 'network':
        return 'The route service did not answer. Check your connection and try again.'
      case 'rate_limited':
        return `Too many requests from here just now. Please try again ${waitText(error.retryAfterSeconds)}.`
    }
    if (error.status === 400) return `The request was not understood: ${error.message}`
    return error.message
  }
  return 'Routes could not be planned. Check your connection and try again.'
}

/** A datetime-local value (UK clock) as "Sat 21 Nov, 19:30"; "now" when empty. */
export function whenText(value: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}:\d{2})/.exec(value)
  if (!m) return 'leaving now'
  const day = new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, 12))
  const date = new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' }).format(day)
  return `${date}, ${m[4]}`
}
