import { measureLine, pointAt } from '../../common/along.ts'
import { TURN_SPAN_METRES } from './shape.ts'

/**
 * Where a route turns, for the GPX's named waypoints: at a point of its line where the heading
 * changes by more than TURN_DEGREES, measured over TURN_SPAN_METRES either side (the span the
 * loop shape's sharp turns use, shape.ts), so a kinked OSM vertex is not a turn and a corner is.
 * A navigation cue wants gentler turns than the shape measure's 75°, each at a vertex of the line
 * (a junction), so this reads the vertices rather than shape.ts's resampled line.
 */
export const TURN_DEGREES = 45

/** `degrees`: the heading change, positive clockwise (a right turn), −180–180; `at`: metres along. */
export type Turn = { lng: number; lat: number; at: number; degrees: number }

/** Compass bearing from a to b in degrees, on a local flat projection (exact enough over 30 m). */
function bearing(a: readonly number[], b: readonly number[]): number {
  const kx = Math.cos((((a[1]! + b[1]!) / 2) * Math.PI) / 180)
  return (Math.atan2((b[0]! - a[0]!) * kx, b[1]! - a[1]!) * 180) / Math.PI
}

const signed = (degrees: number) => ((((degrees + 180) % 360) + 360) % 360) - 180

/** The turns along a line, in order; a run of turning vertices the same way is one turn, where it turns most. */
export function turnsAlong(line: readonly number[][]): Turn[] {
  const measured = measureLine(line)
  const turns: Turn[] = []
  for (let i = 1; i + 1 < line.length; i++) {
    const at = measured.cumulative[i]!
    if (at < TURN_SPAN_METRES || at + TURN_SPAN_METRES > measured.length) continue
    const here = line[i]!
    const degrees = signed(bearing(here, pointAt(measured, at + TURN_SPAN_METRES)) - bearing(pointAt(measured, at - TURN_SPAN_METRES), here))
    if (Math.abs(degrees) <= TURN_DEGREES) continue
    const last = turns.at(-1)
    if (last && Math.sign(last.degrees) === Math.sign(degrees) && at - last.at <= TURN_SPAN_METRES) {
      if (Math.abs(degrees) > Math.abs(last.degrees)) turns[turns.length - 1] = { lng: here[0]!, lat: here[1]!, at, degrees }
      continue
    }
    turns.push({ lng: here[0]!, lat: here[1]!, at, degrees })
  }
  return turns
}
