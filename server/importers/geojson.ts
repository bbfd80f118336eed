import { readFile } from 'node:fs/promises'
import { ImportError, jsonErrorLine } from './import-error.ts'

/** A polygon or multipolygon feature, its geometry checked and kept as GeoJSON text for PostGIS. */
export type PolygonFeature = { index: number; properties: Record<string, unknown>; geometry: string }

/** Names RFC 7946 and GDAL give WGS 84 longitude/latitude; any other crs is refused, not guessed. */
const WGS84_CRS = new Set(['urn:ogc:def:crs:OGC:1.3:CRS84', 'urn:ogc:def:crs:OGC::CRS84', 'EPSG:4326', 'urn:ogc:def:crs:EPSG::4326'])

/**
 * Reads a GeoJSON FeatureCollection of Polygon/MultiPolygon features in WGS 84. Every ring
 * must be closed and have four positions; a coordinate outside ±180/±90 (a file still in
 * British National Grid, say) is refused naming the feature.
 */
export async function readPolygonFeatures(file: string): Promise<PolygonFeature[]> {
  const text = await readFile(file, 'utf8')
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch (error) {
    throw new ImportError(file, jsonErrorLine(text, error), `not valid JSON (${(error as Error).message})`)
  }
  const collection = data as { type?: unknown; features?: unknown; crs?: { properties?: { name?: unknown } } }
  if (typeof data !== 'object' || data === null || collection.type !== 'FeatureCollection' || !Array.isArray(collection.features)) {
    throw new ImportError(file, 'line 1', 'not a GeoJSON FeatureCollection')
  }
  const crs = collection.crs?.properties?.name
  if (crs !== undefined && !WGS84_CRS.has(String(crs))) {
    throw new ImportError(file, 'line 1', `coordinates are in ${String(crs)}; convert the file to WGS 84 (EPSG:4326) first`)
  }
  return collection.features.map((feature: unknown, index: number) => {
    const fail = (reason: string): never => {
      throw new ImportError(file, `feature ${index}`, reason)
    }
    const f = feature as { type?: unknown; properties?: unknown; geometry?: { type?: unknown; coordinates?: unknown } | null }
    if (typeof f !== 'object' || f === null || f.type !== 'Feature') fail('not a GeoJSON Feature')
    const geometry = f.geometry
    if (!geometry || (geometry.type !== 'Polygon' && geometry.type !== 'MultiPolygon')) {
      fail(`geometry is ${geometry ? JSON.stringify(geometry.type) : 'missing'}, not a Polygon or MultiPolygon`)
    }
    const polygons = geometry!.type === 'Polygon' ? [geometry!.coordinates] : geometry!.coordinates
    if (!Array.isArray(polygons) || polygons.length === 0) fail('geometry has no coordinates')
    for (const polygon of polygons as unknown[]) checkPolygon(polygon, fail)
    const properties = typeof f.properties === 'object' && f.properties !== null ? (f.properties as Record<string, unknown>) : {}
    return { index, properties, geometry: JSON.stringify({ type: geometry!.type, coordinates: geometry!.coordinates }) }
  })
}

function checkPolygon(polygon: unknown, fail: (reason: string) => never) {
  if (!Array.isArray(polygon) || polygon.length === 0) fail('a polygon has no rings')
  for (const ring of polygon as unknown[]) {
    if (!Array.isArray(ring) || ring.length < 4) fail('a polygon ring has fewer than 4 positions')
    const positions = ring as unknown[]
    for (const position of positions) {
      const [lon, lat] = Array.isArray(position) ? (position as unknown[]) : []
      if (typeof lon !== 'number' || typeof lat !== 'number' || !Number.isFinite(lon) || !Number.isFinite(lat)) {
        fail(`a position is not [longitude, latitude]: ${JSON.stringify(position)}`)
      }
      if (Math.abs(lon as number) > 180 || Math.abs(lat as number) > 90) {
        fail(`position ${JSON.stringify(position)} is outside WGS 84 longitude/latitude; is the file in another projection?`)
      }
    }
    const first = positions[0] as number[]
    const last = positions[positions.length - 1] as number[]
    if (first[0] !== last[0] || first[1] !== last[1]) fail('a polygon ring is not closed')
  }
}

/** A property as text: strings and numbers, anything else (null, objects) as null. */
export function propertyText(properties: Record<string, unknown>, key: string): string | null {
  const value = properties[key]
  if (typeof value === 'number') return String(value)
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null
}
