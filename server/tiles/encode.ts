import type { Geometry, Position } from 'geojson'
import { fromGeojsonVt } from '@maplibre/vt-pbf'

/** One feature of a layer, its geometry already in tile coordinates (see tile_geom.sql). */
export type TileFeature = { id: number | null; geometry: Geometry; properties: Record<string, unknown> }

export const EXTENT = 4096

// The MVT geometry types.
const POINT = 1
const LINESTRING = 2
const POLYGON = 3

type Ring = [number, number][]

/** Encodes layers of tile-coordinate features as a Mapbox Vector Tile (version 2). */
export function encodeTile(layers: Record<string, TileFeature[]>): Uint8Array {
  const tiles: Parameters<typeof fromGeojsonVt>[0] = {}
  for (const [name, features] of Object.entries(layers)) {
    if (features.length === 0) continue
    tiles[name] = {
      features: features.flatMap((f) => {
        const encoded = toVt(f.geometry)
        if (!encoded) return []
        return [{ ...encoded, tags: f.properties, ...(f.id === null ? {} : { id: f.id }) }]
      }),
    } as Parameters<typeof fromGeojsonVt>[0][string]
  }
  return fromGeojsonVt(tiles, { version: 2, extent: EXTENT })
}

/** GeoJSON geometry → the geojson-vt tile feature layout that vt-pbf writes. */
function toVt(geometry: Geometry): { type: number; geometry: Ring | Ring[] } | undefined {
  const ring = (positions: Position[]): Ring => positions.map((p) => [p[0]!, p[1]!])
  switch (geometry.type) {
    case 'Point':
      return { type: POINT, geometry: [ring([geometry.coordinates])[0]!] }
    case 'MultiPoint':
      return { type: POINT, geometry: ring(geometry.coordinates) }
    case 'LineString':
      return { type: LINESTRING, geometry: [ring(geometry.coordinates)] }
    case 'MultiLineString':
      return { type: LINESTRING, geometry: geometry.coordinates.map(ring) }
    case 'Polygon':
      return { type: POLYGON, geometry: geometry.coordinates.map(ring) }
    case 'MultiPolygon':
      return { type: POLYGON, geometry: geometry.coordinates.flatMap((polygon) => polygon.map(ring)) }
    default:
      return undefined
  }
}
