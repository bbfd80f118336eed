import { SaxesParser } from 'saxes'
import { ApiError } from '../errors.ts'
import { metresBetween } from '../../common/geo.ts'

type Point = { lng: number; lat: number }

const MIN_SPACING_M = 50
const MAX_POINTS = 5_000

const invalid = (message: string) => new ApiError(400, 'invalid_gpx', message)

/**
 * The points of a GPX 1.0/1.1 document: its track points (every segment, in order), or else its
 * route points, thinned to about one every 50 m and at most 5,000. Anything that isn't a GPX with
 * at least two valid points is 400 invalid_gpx.
 */
export function gpxTrackPoints(gpx: string): Point[] {
  const parser = new SaxesParser<{ xmlns: false }>({ xmlns: false })
  const found: Record<'trkpt' | 'rtept', Point[]> = { trkpt: [], rtept: [] }
  let root: string | undefined

  parser.on('error', (error) => {
    throw invalid(`not a GPX file: ${error.message.replace(/^\d+:\d+: /, '')}`)
  })
  parser.on('opentag', (tag) => {
    const name = tag.name.replace(/^.*:/, '') // a prefixed GPX namespace ("gpx:trkpt") is still GPX
    if (root === undefined) {
      root = name
      if (root !== 'gpx') throw invalid(`not a GPX file (root element <${tag.name}>)`)
    }
    if (name !== 'trkpt' && name !== 'rtept') return
    const lat = Number(tag.attributes.lat?.trim() || NaN)
    const lng = Number(tag.attributes.lon?.trim() || NaN)
    if (!Number.isFinite(lat) || Math.abs(lat) > 90 || !Number.isFinite(lng) || Math.abs(lng) > 180) {
      throw invalid(`<${name}> on line ${parser.line} has no valid lat/lon (${JSON.stringify(tag.attributes.lat ?? null)}, ${JSON.stringify(tag.attributes.lon ?? null)})`)
    }
    found[name].push({ lng, lat })
  })

  try {
    parser.write(gpx).close()
  } catch (error) {
    // saxes reports through the handler above; anything else it throws is still a bad document.
    throw error instanceof ApiError ? error : invalid(`not a GPX file: ${(error as Error).message}`)
  }
  const points = found.trkpt.length ? found.trkpt : found.rtept
  if (points.length < 2) throw invalid(`a GPX track or route needs at least 2 points, this one has ${points.length}`)
  return limit(thin(points))
}

/** Points at least 50 m from the previous one kept, always keeping the first and the last. */
function thin(points: Point[]): Point[] {
  const kept = [points[0]!]
  for (const p of points.slice(1, -1)) {
    const last = kept.at(-1)!
    if (metresBetween(last.lng, last.lat, p.lng, p.lat) >= MIN_SPACING_M) kept.push(p)
  }
  kept.push(points.at(-1)!)
  return kept
}

/** At most MAX_POINTS, dropped evenly along the line (first and last stay). */
function limit(points: Point[]): Point[] {
  if (points.length <= MAX_POINTS) return points
  return Array.from({ length: MAX_POINTS }, (_, i) => points[Math.round((i * (points.length - 1)) / (MAX_POINTS - 1))]!)
}
