import type { LineString } from 'geojson'

const escapeXml = (s: string) =>
  s.replace(/[<>&"']/g, (ch) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[ch]!)

/** A GPX 1.1 document with one track, for watches and running apps. */
export function toGpx(route: { name: string; description: string; time: Date; geometry: LineString }): string {
  const points = route.geometry.coordinates
    .map(([lng, lat]) => `      <trkpt lat="${lat!.toFixed(7)}" lon="${lng!.toFixed(7)}"/>`)
    .join('\n')
  return `<?xml version="1.0" encoding="UTF-8"?>
<gpx version="1.1" creator="Common Ground" xmlns="http://www.topografix.com/GPX/1/1" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://www.topografix.com/GPX/1/1 http://www.topografix.com/GPX/1/1/gpx.xsd">
  <metadata>
    <name>${escapeXml(route.name)}</name>
    <time>${route.time.toISOString()}</time>
  </metadata>
  <trk>
    <name>${escapeXml(route.name)}</name>
    <desc>${escapeXml(route.description)}</desc>
    <trkseg>
${points}
    </trkseg>
  </trk>
</gpx>
`
}
