import { ApiFailure } from '../api/client.ts'
import { failureText } from '../api/failure-words.ts'
import { intl, t } from '../i18n/intl.ts'
import { distanceText } from '../routes/words.ts'
import type { WeekDay } from './officer-api.ts'
import type { PlaceName } from '../../server/patrols/places.ts'
import { WEEK, weekDayName } from './public-words.ts'

/** 0.423 → "42%" in the page's way of writing it; no weight at all → "–". */
export const percentText = (share: number | null | undefined): string =>
  share == null ? '–' : intl().formatNumber(share, { style: 'percent', maximumFractionDigits: 0 })

/** Weights are support counts: whole numbers, or one decimal when a share of one is covered. */
export const weightText = (weight: number): string => intl().formatNumber(weight, { maximumFractionDigits: 1 })

/** "45 min", "1 h 30 min", "2 h". */
export function minutesText(minutes: number): string {
  const whole = Math.round(minutes)
  if (whole < 60) return t('patrols.duration.minutes', { minutes: whole })
  const hours = Math.floor(whole / 60)
  return whole % 60 ? t('patrols.duration.hoursMinutes', { hours, minutes: whole % 60 }) : t('patrols.duration.hours', { hours })
}

/** A hot spot's place, to start a line: "In Broomfield Park", "By Bowes Road". */
export const placeLine = (place: PlaceName): string => t('patrols.hotspot.place', { kind: place.kind, name: place.name })

/** The week's days for the form: the full name (the box's accessible name) and the short one shown. */
export const weekDays = (): { slug: WeekDay; label: string; short: string }[] =>
  WEEK.map((slug) => ({ slug, label: weekDayName(slug, 'long'), short: weekDayName(slug, 'short') }))

/** Where the server's checks put what they refused: `[{path, message}]` (a 400's details), or zod's issues. */
type Issue = { path?: readonly PropertyKey[] }

/** What to check, for one refused field of the plan: by the field's name, the last of its path. */
export const fieldProblem = (issue: Issue): string => t('patrols.failure.field', { field: String(issue.path?.at(-1) ?? '') })

/** Each problem once, in order: several refusals of one field say one thing. */
export const fieldProblems = (issues: readonly Issue[]): string[] => [...new Set(issues.map(fieldProblem))]

/**
 * A refused patrol request in words, from its code and details (never the server's English):
 * a point off the paths by its number, two points no path joins, and for a refused body each
 * field it names. `fallback` is for a failure that is not the API's.
 */
export function explainPatrolFailure(error: unknown, fallback: string): string[] {
  if (!(error instanceof ApiFailure)) return [fallback]
  const details = error.details
  switch (error.code) {
    case 'no_path_network': {
      // A point too far from the paths comes with the distance looked within; no network, without.
      if (typeof details?.metres !== 'number') return [t('patrols.failure.noNetwork')]
      const distance = distanceText(details.metres)
      if (typeof details.waypoint === 'number') return [t('patrols.failure.offPathsWaypoint', { waypoint: details.waypoint, distance })]
      // The other point a patrol snaps is a suggestion's start.
      return [t('patrols.failure.offPathsStart', { distance })]
    }
    case 'unreachable': {
      const pair = details?.waypoints
      return Array.isArray(pair) && pair.length === 2
        ? [t('patrols.failure.unreachable', { from: Number(pair[0]), to: Number(pair[1]) })]
        : [t('patrols.failure.unreachableAny')]
    }
    case 'patrol_too_short':
      return [t('patrols.failure.tooShort')]
    case 'empty_schedule':
      return [t('patrols.failure.emptySchedule')]
  }
  if (error.status === 403) return [t('patrols.failure.forbidden')]
  const refused = error.details as unknown
  if (error.status === 400 && Array.isArray(refused) && refused.length > 0) return fieldProblems(refused as Issue[])
  return [failureText(error)]
}
