import { projectionAt } from './geo.ts'

/**
 * How a loop looks to a runner, measured on its line ([lng, lat] points):
 * - sharp turns: places where the heading changes by more than SHARP_TURN_DEGREES, measured
 *   over TURN_SPAN_METRES either side (so a kinked OSM vertex is not a turn, a street corner is);
 * - the isoperimetric quotient 4πA/L²: 1 for a circle, near 0 for a loop that folds back on
 *   itself (an out-and-back encloses nothing).
 * The bench (bench/loops.ts) reports both; the loop search uses them to choose between candidates.
 */
export const SHARP_TURN_DEGREES = 75
export const TURN_SPAN_METRES = 30
/** The line is resampled at this step before headings are compared. */
const STEP_METRES = 5

type Flat = { x: Float64Array; y: Float64Array; length: number }

/** The line in local metres, resampled every STEP_METRES along its length. */
function resample(line: readonly number[][]): Flat {
  const meanLat = line.reduce((s, p) => s + p[1]!, 0) / Math.max(line.length, 1)
  const { kx, ky } = projectionAt(meanLat)
  const xs: number[] = []
  const ys: number[] = []
  let length = 0
  let carried = 0 // metres walked since the last sample
  for (let i = 0; i + 1 < line.length; i++) {
    const ax = line[i]![0]! * kx
    const ay = line[i]![1]! * ky
    const bx = line[i + 1]![0]! * kx
    const by = line[i + 1]![1]! * ky
    const d = Math.hypot(bx - ax, by - ay)
    if (i === 0) {
      xs.push(ax)
      ys.push(ay)
    }
    let s = STEP_METRES - carried
    while (s <= d) {
      xs.push(ax + ((bx - ax) * s) / d)
      ys.push(ay + ((by - ay) * s) / d)
      s += STEP_METRES
    }
    carried = d - (s - STEP_METRES)
    length += d
  }
  return { x: Float64Array.from(xs), y: Float64Array.from(ys), length }
}

/** Heading change in degrees (0–180) at each resampled point, looking TURN_SPAN_METRES each way. */
function headingChanges(flat: Flat, closed: boolean): Float64Array {
  const n = flat.x.length
  const k = Math.round(TURN_SPAN_METRES / STEP_METRES)
  const change = new Float64Array(n)
  if (n < 2 * k + 1 && !closed) return change
  const at = (i: number) => (closed ? ((i % n) + n) % n : i)
  for (let i = 0; i < n; i++) {
    if (!closed && (i < k || i + k >= n)) continue
    const a = at(i - k)
    const b = at(i + k)
    const inX = flat.x[i]! - flat.x[a]!
    const inY = flat.y[i]! - flat.y[a]!
    const outX = flat.x[b]! - flat.x[i]!
    const outY = flat.y[b]! - flat.y[i]!
    const norms = Math.hypot(inX, inY) * Math.hypot(outX, outY)
    if (norms === 0) continue
    const cos = Math.max(-1, Math.min(1, (inX * outX + inY * outY) / norms))
    change[i] = (Math.acos(cos) * 180) / Math.PI
  }
  return change
}

/**
 * The sharp turns along a line: each run of resampled points turning more than
 * SHARP_TURN_DEGREES is one turn, placed where it turns most. A closed loop is read round its
 * start, so turning back at the finish counts too. Returns the distances along the line (metres).
 */
export function sharpTurns(line: readonly number[][], closed = false): { at: number[]; length: number } {
  const flat = resample(line)
  const change = headingChanges(flat, closed)
  const n = change.length
  const at: number[] = []
  if (n === 0) return { at, length: flat.length }
  // Start reading where the line is not turning, so a turn across the start of a loop is one turn.
  let first = 0
  if (closed) while (first < n && change[first]! > SHARP_TURN_DEGREES) first++
  if (first === n) return { at: [0], length: flat.length }
  let peak = -1
  for (let j = 0; j <= n; j++) {
    const i = (first + j) % n
    const sharp = j < n && change[i]! > SHARP_TURN_DEGREES
    if (sharp && (peak === -1 || change[i]! > change[peak]!)) peak = i
    if (!sharp && peak !== -1) {
      at.push(peak * STEP_METRES)
      peak = -1
    }
    if (!closed && j === n - 1) break
  }
  if (peak !== -1) at.push(peak * STEP_METRES)
  return { at: at.sort((a, b) => a - b), length: flat.length }
}

/** Sharp turns per kilometre of a closed loop. */
export function sharpTurnsPerKm(line: readonly number[][]): number {
  const { at, length } = sharpTurns(line, true)
  return length === 0 ? 0 : at.length / (length / 1000)
}

/** 4πA/L² of the line closed on itself (shoelace area in local metres): 1 for a circle. */
export function isoperimetricQuotient(line: readonly number[][]): number {
  if (line.length < 3) return 0
  const meanLat = line.reduce((s, p) => s + p[1]!, 0) / line.length
  const { kx, ky } = projectionAt(meanLat)
  const [x0, y0] = line[0]!
  let area = 0
  let length = 0
  for (let i = 0; i < line.length; i++) {
    const [x1, y1] = line[i]!
    const [x2, y2] = line[(i + 1) % line.length]!
    // Relative to the first point, so the products keep their precision.
    const ax = (x1! - x0!) * kx
    const ay = (y1! - y0!) * ky
    const bx = (x2! - x0!) * kx
    const by = (y2! - y0!) * ky
    area += ax * by - bx * ay
    length += Math.hypot(bx - ax, by - ay)
  }
  return length === 0 ? 0 : (4 * Math.PI * Math.abs(area / 2)) / (length * length)
}
