import { VectorTile } from '@mapbox/vector-tile'
import { PbfReader } from 'pbf'

export type DecodedFeature = {
  layer: string
  id: number | undefined
  type: number
  properties: Record<string, unknown>
  geometry: { x: number; y: number }[][]
}

/** Every feature of an MVT, for comparing tiles and asserting on them. */
export function decodeTile(bytes: Uint8Array): DecodedFeature[] {
  const tile = new VectorTile(new PbfReader(bytes))
  const features: DecodedFeature[] = []
  for (const [name, layer] of Object.entries(tile.layers)) {
    for (let i = 0; i < layer.length; i++) {
      const f = layer.feature(i)
      features.push({
        layer: name,
        id: f.id,
        type: f.type,
        properties: f.properties,
        geometry: f.loadGeometry().map((ring) => ring.map((p) => ({ x: p.x, y: p.y }))),
      })
    }
  }
  return features
}

/** The tile x/y at zoom z that holds a point. */
export function tileFor(lng: number, lat: number, z: number): { x: number; y: number } {
  const n = 2 ** z
  const x = Math.floor(((lng + 180) / 360) * n)
  const rad = (lat * Math.PI) / 180
  const y = Math.floor(((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * n)
  return { x, y }
}
