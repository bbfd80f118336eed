import { ApiFailure } from '../api/client.ts'
import type { WeekDay } from './officer-api.ts'

/** 0.423 → "42%"; no weight at all → "–". */
export const percentText = (share: number | null | undefined): string => (share == null ? '–' : `${Math.round(share * 100)}%`)

/** Weights are support counts: whole numbers, or one decimal when a share of one is covered. */
export const weightText = (weight: number): string => String(Math.round(weight * 10) / 10)

/** "in Broomfield Park" → "In Broomfield Park", to start a line. */
export const capitalise = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1)

export const minutesText = (minutes: number): string =>
  minutes >= 60 ? `${Math.floor(minutes / 60)} h${minutes % 60 ? ` ${Math.round(minutes % 60)} min` : ''}` : `${Math.round(minutes)} min`

export const weekDays: { slug: WeekDay; label: string; short: string }[] = [
  { slug: 'mon', label: 'Monday', short: 'Mon' },
  { slug: 'tue', label: 'Tuesday', short: 'Tue' },
  { slug: 'wed', label: 'Wednesday', short: 'Wed' },
  { slug: 'thu', label: 'Thursday', short: 'Thu' },
  { slug: 'fri', label: 'Friday', short: 'Fri' },
  { slug: 'sat', label: 'Saturday', short: 'Sat' },
  { slug: 'sun', label: 'Sunday', short: 'Sun' },
]

/**
 * A refused patrol request in words: the API's message, and for a refused body each field it
 * names (the validator's details are `[{path, message}]`).
 */
export function explainPatrolFailure(error: unknown, fallback: string): string[] {
  if (!(error instanceof ApiFailure)) return [fallback]
  switch (error.code) {
    case 'no_path_network': {
      const point = error.details?.point
      return typeof point === 'string'
        ? [`No path within 200 m of ${point}. Move it onto or next to a path.`]
        : ['No path network has been imported yet, so patrols cannot be drawn.']
    }
    case 'unreachable':
      return [`${error.message}. Move one of them onto a connected path.`]
    case 'patrol_too_short':
      return ['The points all land on one spot. Spread them out along the paths.']
    case 'network':
      return ['The server did not answer. Check your connection and try again.']
  }
  if (error.status === 401) return ['Your sign-in has expired. Sign in again.']
  if (error.status === 403) return ['This account cannot plan patrols.']
  const details = error.details as unknown
  if (Array.isArray(details) && details.length > 0) {
    return details.map((d: { path?: (string | number)[]; message?: string }) =>
      d.path && d.path.length ? `${fieldName(d.path)}: ${d.message ?? 'not accepted'}` : (d.message ?? error.message),
    )
  }
  return [error.message]
}

/** A validator's path in the form's words ("schedule.validUntil" → "Valid until"). */
function fieldName(path: (string | number)[]): string {
  const last = String(path.at(-1))
  const names: Record<string, string> = {
    title: 'Title',
    team: 'Team',
    notes: 'Notes',
    waypoints: 'Points',
    dwellMinutes: 'Minutes at a point',
    schedule: 'Schedule',
    start: 'Start',
    startTime: 'Start time',
    durationMinutes: 'Duration',
    days: 'Days',
    validFrom: 'Valid from',
    validUntil: 'Valid until',
  }
  return names[last] ?? path.join('.')
}
