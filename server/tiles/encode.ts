import type { Feature } from 'geojson'
import { geoJSONToTile, type GeoJSONVTFeature } from '@maplibre/geojson-vt'
import { fromGeojsonVt } from '@maplibre/vt-pbf'

export const EXTENT = 4096
/** Tile units drawn around the tile so lines and outlines join across tile edges. */
export const BUFFER = 64
/** Simplify to half a tile unit, as ST_AsMVTGeom does. */
const TOLERANCE = 0.5

/**
 * Encodes layers of GeoJSON features (WGS 84) as the Mapbox Vector Tile z/x/y, version 2:
 * geojson-vt clips, projects, simplifies and snaps them to the tile grid, vt-pbf writes the
 * protobuf. This is the encoder for a PostGIS without protobuf (the embedded one).
 */
export function encodeTile(layers: Record<string, Feature[]>, z: number, x: number, y: number): Uint8Array {
  const tiles: Parameters<typeof fromGeojsonVt>[0] = {}
  for (const [name, features] of Object.entries(layers)) {
    if (features.length === 0) continue
    const tile = geoJSONToTile({ type: 'FeatureCollection', features }, z, x, y, {
      extent: EXTENT,
      buffer: BUFFER,
      tolerance: TOLERANCE,
      maxZoom: z,
      clip: true,
    })
    if (!tile) continue
    const kept = tile.features.filter(keepsExtent)
    tile.features.splice(0, tile.features.length, ...kept)
    if (tile.features.length > 0) tiles[name] = tile
  }
  return fromGeojsonVt(tiles, { version: 2, extent: EXTENT })
}

/**
 * A line or ring that snapping to the grid collapsed onto one point draws nothing (geojson-vt
 * keeps such lines; ST_AsMVTGeom drops them): drop those parts, and features left empty.
 */
function keepsExtent(feature: GeoJSONVTFeature): boolean {
  if (feature.type === 1) return true
  feature.geometry = feature.geometry.filter((part) => part.some(([x, y]) => x !== part[0]![0] || y !== part[0]![1]))
  return feature.geometry.length > 0
}
