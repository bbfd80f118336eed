import type { LineString } from 'geojson'
import { kilometreMarks } from '../../common/along.ts'
import { londonDate } from '../../common/london-time.ts'
import { metresBetween } from '../../common/geo.ts'
import { turnsAlong, type Turn } from './turns.ts'

const escapeXml = (s: string) =>
  s.replace(/[<>&"']/g, (ch) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[ch]!)

/** A loop's start and finish closer than this are one waypoint. */
const SAME_PLACE_METRES = 20
/** Turns past this many degrees are "sharp", past TURN_BACK_DEGREES a turn back. */
const SHARP_DEGREES = 110
const TURN_BACK_DEGREES = 150

/** A turn as a watch shows it (GPX is an English document, like the route's description). */
function turnName({ degrees }: Turn): string {
  const side = degrees > 0 ? 'right' : 'left'
  const turn = Math.abs(degrees)
  if (turn >= TURN_BACK_DEGREES) return 'Turn back'
  return turn >= SHARP_DEGREES ? `Sharp ${side}` : `Turn ${side}`
}

type Waypoint = { lng: number; lat: number; name: string }

/** Start, then the kilometres and the turns in the order they come, then the finish (a loop's is its start). */
function waypoints(line: readonly number[][]): Waypoint[] {
  const first = line[0]
  const last = line.at(-1)
  if (!first || !last) return []
  const along = [
    ...kilometreMarks(line).map((m) => ({ at: m.km * 1000, lng: m.lng, lat: m.lat, name: `${m.km} km` })),
    ...turnsAlong(line).map((turn) => ({ at: turn.at, lng: turn.lng, lat: turn.lat, name: turnName(turn) })),
  ].sort((a, b) => a.at - b.at)
  const loop = line.length > 1 && metresBetween(first[0]!, first[1]!, last[0]!, last[1]!) < SAME_PLACE_METRES
  const start = { lng: first[0]!, lat: first[1]!, name: loop || line.length === 1 ? 'Start and finish' : 'Start' }
  return [start, ...along, ...(loop || line.length === 1 ? [] : [{ lng: last[0]!, lat: last[1]!, name: 'Finish' }])]
}

const point = (tag: 'wpt' | 'trkpt', lng: number, lat: number) => `<${tag} lat="${lat.toFixed(7)}" lon="${lng.toFixed(7)}"`

/**
 * A GPX 1.1 document with one track, for watches and running apps, and named waypoints along it
 * (start, finish, every kilometre, each turn), all computed from the line it is given.
 */
export function toGpx(route: { name: string; description: string; time: Date; geometry: LineString }): string {
  const line = route.geometry.coordinates
  const marks = waypoints(line)
    .map((w) => `  ${point('wpt', w.lng, w.lat)}>\n    <name>${escapeXml(w.name)}</name>\n  </wpt>\n`)
    .join('')
  const points = line.map(([lng, lat]) => `      ${point('trkpt', lng!, lat!)}/>`).join('\n')
  return `<?xml version="1.0" encoding="UTF-8"?>
<gpx version="1.1" creator="Common Ground" xmlns="http://www.topografix.com/GPX/1/1" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://www.topografix.com/GPX/1/1 http://www.topografix.com/GPX/1/1/gpx.xsd">
  <metadata>
    <name>${escapeXml(route.name)}</name>
    <time>${route.time.toISOString()}</time>
  </metadata>
${marks}  <trk>
    <name>${escapeXml(route.name)}</name>
    <desc>${escapeXml(route.description)}</desc>
    <trkseg>
${points}
    </trkseg>
  </trk>
</gpx>
`
}

/** Longest part of a download's name taken from a saved route's name. */
const MAX_NAME_CHARACTERS = 60

/** "Grovelands evening loop!" → "grovelands-evening-loop": ASCII letters and digits, accents dropped. */
const slug = (name: string) =>
  name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, MAX_NAME_CHARACTERS)
    .replace(/^-+|-+$/g, '')

/**
 * The Content-Disposition of a route's download (`extension` "gpx" or "geojson"): a saved route
 * by its name ("grovelands-evening-loop.gpx"), any other by what it is and when
 * ("common-ground-loop-8-0km-2026-12-02.gpx", the London date it was planned for). A name with
 * letters outside ASCII is also given whole (RFC 6266 filename*), for the browsers that take it.
 */
export function downloadDisposition(route: { kind: string; lengthMeters: number; departAt: Date; savedName: string | null }, extension: string): string {
  const planned = `common-ground-${route.kind}-${(route.lengthMeters / 1000).toFixed(1).replace('.', '-')}km-${londonDate(route.departAt)}`
  const base = (route.savedName && slug(route.savedName)) || planned
  const disposition = `attachment; filename="${base}.${extension}"`
  // Control characters and path separators never reach a file name, whatever the browser does with it.
  const whole = route.savedName
    ?.replace(/[\u0000-\u001f\u007f/\\]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, MAX_NAME_CHARACTERS)
  if (!whole || /^[\x20-\x7e]*$/.test(whole)) return disposition
  // RFC 8187's attr-char leaves out what encodeURIComponent keeps: ' ( ) *.
  const encoded = encodeURIComponent(`${whole}.${extension}`).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
  return `${disposition}; filename*=UTF-8''${encoded}`
}
