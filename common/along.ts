import { metresBetween } from './geo.ts'

// Distances along a line of [lng, lat] points, in metres on turf's sphere: where the km markers
// go, on the map (web) and as GPX waypoints (server), computed once here for both.

/** No marker this close to the end of a line: its finish is marked there already. */
const END_GAP_METRES = 100

/** A line with the metres from its first point to each of its points. */
export type MeasuredLine = { line: readonly number[][]; cumulative: Float64Array; length: number }

export function measureLine(line: readonly number[][]): MeasuredLine {
  const cumulative = new Float64Array(line.length)
  for (let i = 1; i < line.length; i++) {
    const [a, b] = [line[i - 1]!, line[i]!]
    cumulative[i] = cumulative[i - 1]! + metresBetween(a[0]!, a[1]!, b[0]!, b[1]!)
  }
  return { line, cumulative, length: cumulative[line.length - 1] ?? 0 }
}

/**
 * The point `metres` along the line (clamped to its ends), between its two points on either side
 * as a straight segment: path vertices are metres apart, so the sphere's curve is no matter.
 */
export function pointAt({ line, cumulative, length }: MeasuredLine, metres: number): [number, number] {
  const d = Math.max(0, Math.min(length, metres))
  let lo = 0
  let hi = line.length - 1
  // The last point at or before d.
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1
    if (cumulative[mid]! <= d) lo = mid
    else hi = mid - 1
  }
  const a = line[lo]!
  const b = line[Math.min(lo + 1, line.length - 1)]!
  const span = cumulative[Math.min(lo + 1, line.length - 1)]! - cumulative[lo]!
  const f = span > 0 ? (d - cumulative[lo]!) / span : 0
  return [a[0]! + (b[0]! - a[0]!) * f, a[1]! + (b[1]! - a[1]!) * f]
}

/** The 1 km, 2 km, … points along a line (`km` is the count), none within END_GAP_METRES of its end. */
export function kilometreMarks(line: readonly number[][]): { km: number; lng: number; lat: number }[] {
  const measured = measureLine(line)
  const marks: { km: number; lng: number; lat: number }[] = []
  for (let km = 1; km * 1000 < measured.length - END_GAP_METRES; km++) {
    const [lng, lat] = pointAt(measured, km * 1000)
    marks.push({ km, lng, lat })
  }
  return marks
}
