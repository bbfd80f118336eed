import { batches, type Transaction } from './bulk.ts'
import type { OsmNode } from './osm-elements.ts'
import type { ProgressMeter } from './progress.ts'

export const isStreetLamp = (node: OsmNode) => node.tags.get('highway') === 'street_lamp'

/** Upserts street lamps on their OSM node id. */
export async function writeStreetLamps(tx: Transaction, lamps: OsmNode[], meter: ProgressMeter) {
  meter.begin('street lamps written')
  for (const [start, end] of batches(lamps.length)) {
    const batch = lamps.slice(start, end)
    await tx`
      INSERT INTO street_lamps (osm_node_id, geom)
      SELECT id, ST_SetSRID(ST_MakePoint(lon, lat), 4326)
      FROM unnest(${batch.map((l) => l.id)}::bigint[], ${batch.map((l) => l.lon)}::float8[], ${batch.map((l) => l.lat)}::float8[])
        AS l(id, lon, lat)
      ON CONFLICT (osm_node_id) DO UPDATE SET geom = excluded.geom`
    meter.add('street lamps written', batch.length)
  }
  return lamps.length
}
