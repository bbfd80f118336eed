import type { Sql } from '../db/database.ts'
import { refreshPlaces } from '../places/gazetteer.ts'
import { batches } from './bulk.ts'
import { propertyText, readPolygonFeatures } from './geojson.ts'
import { ImportError } from './import-error.ts'
import { chooseNameField } from './open-spaces.ts'
import type { ProgressMeter } from './progress.ts'

/** Rows per insert: borough outlines are large. */
const BOUNDARY_BATCH = 100

type Boundary = { code: string; name: string; geometry: string }

/**
 * Imports boroughs or a force's area from GeoJSON polygons, upserted on their code: the GSS
 * code when the file has one (gss_code or code), else the name. Outlines are made valid.
 */
export async function importBoundaryFiles(sql: Sql, files: string[], options: { meter: ProgressMeter; nameField?: string }) {
  const boundaries = new Map<string, Boundary>()
  for (const file of files) {
    const features = await readPolygonFeatures(file)
    const nameField = chooseNameField(file, features.map((f) => f.properties), options.nameField ?? 'name')!
    for (const { index, properties, geometry } of features) {
      const name =
        propertyText(properties, nameField) ??
        fail(file, index, `no ${nameField}: every boundary needs a name (choose the field with --name-field)`)
      const code = propertyText(properties, 'gss_code') ?? propertyText(properties, 'code') ?? name
      boundaries.set(code, { code, name, geometry })
      options.meter.add('features')
    }
  }
  const rows = [...boundaries.values()]
  return sql.begin(async (tx) => {
    let written = 0
    options.meter.begin('boundaries written')
    for (const [start, end] of batches(rows.length, BOUNDARY_BATCH)) {
      const batch = rows.slice(start, end)
      const result = await tx`
        INSERT INTO boundaries (code, name, geom)
        SELECT code, name, geom
        FROM (
          SELECT code, name,
            ST_Multi(ST_CollectionExtract(ST_MakeValid(ST_SetSRID(ST_Force2D(ST_GeomFromGeoJSON(shape)), 4326)), 3)) AS geom
          FROM unnest(${batch.map((b) => b.code)}::text[], ${batch.map((b) => b.name)}::text[], ${batch.map((b) => b.geometry)}::text[])
            AS b(code, name, shape)
        ) AS b
        WHERE NOT ST_IsEmpty(geom)
        ON CONFLICT (code) DO UPDATE SET name = excluded.name, geom = excluded.geom`
      written += result.count
      options.meter.add('boundaries written', batch.length)
    }
    return { boundaries: written, 'without area': rows.length - written, 'places by name': await refreshPlaces(tx) }
  })
}

function fail(file: string, index: number, reason: string): never {
  throw new ImportError(file, `feature ${index}`, reason)
}
