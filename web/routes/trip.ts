import type { LngLat } from '../api/client.ts'
import { t } from '../i18n/intl.ts'

/**
 * What the route planner is asked for, as one state: a loop back to its start, or a route from a
 * start to an end, where a tap (or "my location", the map's centre, a meeting point) places the
 * point that comes next.
 */
export type Trip =
  | { kind: 'loop'; start: LngLat | null }
  | { kind: 'route'; start: LngLat | null; end: LngLat | null; next: 'start' | 'end' }

export const NEW_TRIP: Trip = { kind: 'loop', start: null }

/** Which point a placement sets now. */
export const nextPoint = (trip: Trip): 'start' | 'end' => (trip.kind === 'route' ? trip.next : 'start')

/** Places the next point: the start (on a route, the end comes next), or the end. The one rule of it. */
export function place(trip: Trip, at: LngLat): Trip {
  if (trip.kind === 'loop') return { kind: 'loop', start: at }
  return trip.next === 'end' ? { ...trip, end: at } : { ...trip, start: at, next: 'end' }
}

export function withKind(trip: Trip, kind: Trip['kind']): Trip {
  if (kind === trip.kind) return trip
  return kind === 'loop' ? { kind, start: trip.start } : { kind, start: trip.start, end: null, next: trip.start ? 'end' : 'start' }
}

/** A destination picked (by name): the trip becomes a route to it, from the start if there is one. */
export const withDestination = (trip: Trip, at: LngLat): Trip => ({ kind: 'route', start: trip.start, end: at, next: trip.start ? 'end' : 'start' })

export const withNext = (trip: Trip, next: 'start' | 'end'): Trip => (trip.kind === 'route' ? { ...trip, next } : trip)

/** What a placement hint says, in words. */
export function placeHint(trip: Trip): string {
  if (trip.kind === 'loop') return trip.start ? t('routes.hint.loopStartSet') : t('routes.hint.loopNoStart')
  if (trip.next === 'start') return trip.start ? t('routes.hint.moveStart') : t('routes.hint.noStart')
  return trip.end ? t('routes.hint.endSet') : t('routes.hint.noEnd')
}
