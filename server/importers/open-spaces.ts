import { basename } from 'node:path'
import type { Sql } from '../db/database.ts'
import { refreshPlaces } from '../places/gazetteer.ts'
import { batches, type Transaction } from './bulk.ts'
import { propertyText, readPolygonFeatures } from './geojson.ts'
import { ImportError } from './import-error.ts'
import type { NodeLocations } from './node-locations.ts'
import type { Tags } from './osm-elements.ts'
import { refreshInOpenSpace } from './path-network.ts'
import type { ProgressMeter } from './progress.ts'

/** OSM tags that make an area a public open space, and the kind we record (first match wins). */
const OPEN_SPACE_TAGS: [key: string, value: string, kind: string][] = [
  ['leisure', 'park', 'park'],
  ['leisure', 'common', 'common'],
  ['leisure', 'garden', 'garden'],
  ['leisure', 'nature_reserve', 'nature_reserve'],
  ['leisure', 'recreation_ground', 'recreation_ground'],
  ['landuse', 'recreation_ground', 'recreation_ground'],
  ['landuse', 'village_green', 'village_green'],
  ['landuse', 'forest', 'wood'],
  ['natural', 'wood', 'wood'],
  ['natural', 'heath', 'heath'],
]
/** Private gardens and closed reserves are not places a patrol or a runner goes. */
const NO_ACCESS = new Set(['private', 'no'])

/** OS Open Greenspace calls parks 'Public Park Or Garden'; other functions become slugs. */
const GREENSPACE_KINDS: Record<string, string> = { 'Public Park Or Garden': 'park' }
/** Property names that hold a site's name, in order; the first a file has is used. */
const NAME_FIELDS = ['name', 'distName1', 'NAME']
/** Rows per insert: polygons are large, so fewer than for points or lines. */
const OPEN_SPACE_BATCH = 500

/**
 * An open space to store. `shape` is either the linework of an OSM area (a WKT
 * MULTILINESTRING of its rings, assembled into polygons by PostGIS) or GeoJSON polygons.
 */
export type OpenSpace = {
  source: string
  sourceId: string
  name: string | null
  kind: string
  openingHours: string | null
  shape: string
}

export function openSpaceKind(tags: Tags): string | undefined {
  const access = tags.get('access')
  if (access !== undefined && NO_ACCESS.has(access)) return undefined
  return OPEN_SPACE_TAGS.find(([key, value]) => tags.get(key) === value)?.[2]
}

/**
 * The rings of an OSM area as a WKT MULTILINESTRING: each way's stretch of known nodes is one
 * line; PostGIS nodes them and builds the area, holes included (see writeOpenSpaces).
 */
export function areaLinework(ways: number[][], nodes: NodeLocations): string | undefined {
  const lines: string[] = []
  for (const refs of ways) {
    let line: string[] = []
    const flush = () => {
      if (new Set(line).size >= 2) lines.push(`(${line.join(',')})`)
      line = []
    }
    for (const ref of refs) {
      const i = nodes.find(ref)
      if (i < 0) flush()
      else line.push(`${nodes.lon(i)} ${nodes.lat(i)}`)
    }
    flush()
  }
  return lines.length ? `MULTILINESTRING(${lines.join(',')})` : undefined
}

/**
 * Upserts open spaces on (source, source_id) as valid MultiPolygons; returns how many were
 * written. Spaces with no area left (unclosed rings of a clipped extract) are not stored.
 * Everything goes through ST_MakeValid before any other GEOS call: the embedded PostGIS answers
 * a GEOS failure with no rows instead of an error.
 */
export async function writeOpenSpaces(tx: Transaction, spaces: OpenSpace[], format: 'linework' | 'geojson', meter: ProgressMeter) {
  let written = 0
  const area =
    format === 'linework'
      ? tx`ST_BuildArea(ST_UnaryUnion(ST_GeomFromText(s.shape, 4326)))`
      : tx`ST_SetSRID(ST_Force2D(ST_GeomFromGeoJSON(s.shape)), 4326)`
  meter.begin('open spaces written')
  for (const [start, end] of batches(spaces.length, OPEN_SPACE_BATCH)) {
    const batch = spaces.slice(start, end)
    const result = await tx`
      INSERT INTO open_spaces (source, source_id, name, kind, opening_hours, geom)
      SELECT source, source_id, name, kind, opening_hours, geom
      FROM (
        SELECT s.*, ST_Multi(ST_CollectionExtract(ST_MakeValid(${area}), 3)) AS geom
        FROM unnest(
          ${batch.map((s) => s.source)}::text[], ${batch.map((s) => s.sourceId)}::text[],
          ${batch.map((s) => s.name)}::text[], ${batch.map((s) => s.kind)}::text[],
          ${batch.map((s) => s.openingHours)}::text[], ${batch.map((s) => s.shape)}::text[]
        ) AS s(source, source_id, name, kind, opening_hours, shape)
      ) AS s
      WHERE NOT ST_IsEmpty(geom)
      ON CONFLICT (source, source_id) DO UPDATE SET
        name = excluded.name, kind = excluded.kind, opening_hours = excluded.opening_hours, geom = excluded.geom`
    written += result.count
    meter.add('open spaces written', batch.length)
  }
  return written
}

/**
 * Imports open spaces from GeoJSON polygon files (OS Open Greenspace and the like), then
 * refreshes which path edges run through an open space.
 */
export async function importOpenSpaceFiles(sql: Sql, files: string[], options: { meter: ProgressMeter; nameField?: string }) {
  const spaces = new Map<string, OpenSpace>()
  for (const file of files) {
    const features = await readPolygonFeatures(file)
    const source = basename(file).replace(/\.(geo)?json$/i, '')
    const nameField = chooseNameField(file, features.map((f) => f.properties), options.nameField)
    for (const { index, properties, geometry } of features) {
      const sourceId = propertyText(properties, 'id') ?? String(index)
      spaces.set(`${source}\u0000${sourceId}`, {
        source,
        sourceId,
        name: nameField === undefined ? null : propertyText(properties, nameField),
        kind: greenspaceKind(propertyText(properties, 'function')),
        openingHours: propertyText(properties, 'opening_hours'),
        shape: geometry,
      })
      options.meter.add('features')
    }
  }
  const rows = [...spaces.values()]
  return sql.begin(async (tx) => {
    const written = await writeOpenSpaces(tx, rows, 'geojson', options.meter)
    const inOpenSpace = await refreshInOpenSpace(tx)
    return { 'open spaces': written, 'without area': rows.length - written, 'edges in open spaces': inOpenSpace, 'places by name': await refreshPlaces(tx) }
  })
}

/**
 * The property holding names: the one asked for (which must exist), else the first of
 * NAME_FIELDS the file has. A file with distName1 takes its names from there even where it is
 * null: its NAME is the region ('London'), not the park.
 */
export function chooseNameField(file: string, properties: Record<string, unknown>[], asked: string | undefined) {
  const has = (field: string) => properties.some((p) => field in p)
  if (asked !== undefined) {
    if (properties.length && !has(asked)) throw new ImportError(file, 'feature 0', `no feature has a property "${asked}"`)
    return asked
  }
  return NAME_FIELDS.find(has)
}

function greenspaceKind(purpose: string | null): string {
  if (purpose === null) return 'park'
  return GREENSPACE_KINDS[purpose] ?? (purpose.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '') || 'park')
}
