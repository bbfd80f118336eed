import type { Feature, Geometry } from 'geojson'
import type { Sql } from '../db/database.ts'
import { encodeTile } from './encode.ts'

/** Who turns features into MVT bytes: PostGIS's ST_AsMVT, or our JavaScript encoder. */
export type TileEncoder = 'postgis' | 'javascript'

/** The deepest zoom we serve; MapLibre overzooms past it. */
export const MAX_TILE_ZOOM = 16

/** ST_AsMVT exists on every PostGIS but fails at run time when built without protobuf. */
export async function detectTileEncoder(sql: Sql): Promise<TileEncoder> {
  try {
    await sql`SELECT ST_AsMVT(q, 'probe') FROM (SELECT ST_Point(1, 1) AS geom) q`
    return 'postgis'
  } catch {
    return 'javascript'
  }
}

export async function renderTile(sql: Sql, encoder: TileEncoder, z: number, x: number, y: number): Promise<Uint8Array> {
  if (encoder === 'postgis') {
    const [row] = await sql<{ mvt: Uint8Array }[]>`SELECT map_tile_mvt(${z}, ${x}, ${y}) AS mvt`
    return row?.mvt ?? new Uint8Array()
  }
  const rows = await sql<{ layer: string; id: number | null; geometry: string; props: Record<string, unknown> }[]>`
    SELECT layer, id, ST_AsGeoJSON(geom, 7) AS geometry, props FROM map_tile_features(${z}, ${x}, ${y})`
  const layers: Record<string, Feature[]> = {}
  for (const r of rows) {
    ;(layers[r.layer] ??= []).push({
      type: 'Feature',
      ...(r.id === null ? {} : { id: r.id }),
      geometry: JSON.parse(r.geometry) as Geometry,
      properties: r.props,
    })
  }
  return encodeTile(layers, z, x, y)
}
