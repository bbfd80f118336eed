import type { LineString, Position } from 'geojson'
import { metresBetween } from '../../common/geo.ts'

/**
 * How much of each end of a shared line is hidden unless the sharer chooses to show it: a route
 * often starts (and a loop starts and finishes) at someone's door, as Strava's privacy zones
 * assume. The one place for the figure: the API sends it with every shared route.
 */
export const HIDDEN_END_METRES = 200

/** The point `metres` along the segment a→b of length `length` (straight in degrees: segments are short). */
const along = (a: Position, b: Position, length: number, metres: number): Position => {
  const k = length === 0 ? 0 : metres / length
  return [a[0]! + (b[0]! - a[0]!) * k, a[1]! + (b[1]! - a[1]!) * k]
}

/**
 * The line without its first and last `metres` (a loop: both ends of the line, which meet at
 * the start), cut on the server so that the hidden part is never sent. Null when nothing would
 * be left: such a route can only be shared with its ends shown.
 */
export function hideEnds(line: LineString, metres = HIDDEN_END_METRES): LineString | null {
  const points = line.coordinates
  const cumulative = [0]
  for (let i = 1; i < points.length; i++) {
    cumulative.push(cumulative[i - 1]! + metresBetween(points[i - 1]![0]!, points[i - 1]![1]!, points[i]![0]!, points[i]![1]!))
  }
  const total = cumulative.at(-1)!
  const [from, to] = [metres, total - metres]
  if (to - from <= 0) return null
  const cut = (distance: number): Position => {
    const i = cumulative.findIndex((d) => d >= distance)
    return along(points[i - 1]!, points[i]!, cumulative[i]! - cumulative[i - 1]!, distance - cumulative[i - 1]!)
  }
  const inside = points.filter((_, i) => cumulative[i]! > from && cumulative[i]! < to)
  return { type: 'LineString', coordinates: [cut(from), ...inside, cut(to)] }
}

/** What a shared link sends of the line: all of it when the sharer chose so, else without its ends. */
export const sharedLine = (line: LineString, showEnds: boolean): LineString | null => (showEnds ? line : hideEnds(line))
