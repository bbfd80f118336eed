import type { Point } from 'geojson'
import { CATEGORIES, DAYS, STATUSES, TIME_BANDS, type Category } from '../vocabulary.ts'
import type { PublicConcern } from '../visibility.ts'
import { CLUSTER_OPTIONS, COUNTS_WIDTH } from './built-index.ts'
import type { Row } from './columns.ts'
import { BAND_COUNT_MASK, BAND_MASK, BAND_BITS, BAND_SHIFT, CATEGORY_MASK, DAYS_MASK, DAYS_SHIFT, SAMPLE, STATUS_MASK, STATUS_SHIFT } from './flags.mjs'
import { latY, lngX, xLng, yLat } from './mercator.ts'
import { addedAt, remainingPoint, type ClusterView } from './overlay.ts'

export type ClusterFeature = {
  type: 'Feature'
  geometry: Point
  properties: {
    cluster: true
    clusterId: number
    pointCount: number
    expansionZoom: number
    categories: Partial<Record<Category, number>>
    sampleCount: number
  }
}
export type PointFeature = { type: 'Feature'; id: number; geometry: Point; properties: { cluster: false } & PublicConcern }
/** What clustersJson writes. */
export type ClusterCollection = { type: 'FeatureCollection'; features: (ClusterFeature | PointFeature)[] }

/**
 * The clusters and lone concerns (cells only, with their public properties) in a bbox at a zoom,
 * as the JSON text of a ClusterCollection: the index's,
 * corrected by the overlay. Clusters come first, then lone concerns. Written as text since it is
 * most of a request's work.
 */
export function clustersJson(view: ClusterView, bbox: [number, number, number, number], zoom: number): string {
  // The bbox as supercluster's getClusters reads it: longitudes wrapped, latitudes clamped.
  let minLng = ((((bbox[0] + 180) % 360) + 360) % 360) - 180
  const minLat = Math.max(-90, Math.min(90, bbox[1]))
  let maxLng = bbox[2] === 180 ? 180 : ((((bbox[2] + 180) % 360) + 360) % 360) - 180
  const maxLat = Math.max(-90, Math.min(90, bbox[3]))
  if (bbox[2] - bbox[0] >= 360) {
    minLng = -180
    maxLng = 180
  }
  const z = Math.max(CLUSTER_OPTIONS.minZoom, Math.min(Math.floor(zoom), CLUSTER_OPTIONS.maxZoom + 1))
  const clusters: string[] = []
  const points: string[] = []
  const ranges: [number, number][] = minLng > maxLng ? [[minLng, 180], [-180, maxLng]] : [[minLng, maxLng]]
  for (const [west, east] of ranges) collect(view, z, west, minLat, east, maxLat, clusters, points)
  const features = clusters.length ? (points.length ? `${clusters.join(',')},${points.join(',')}` : clusters.join(',')) : points.join(',')
  return `{"type":"FeatureCollection","features":[${features}]}`
}

function collect(view: ClusterView, z: number, west: number, south: number, east: number, north: number, clusters: string[], points: string[]) {
  const { built, overlay } = view
  const level = built.levels[z]
  if (!level) return
  const removed = overlay?.removedAt[z]
  const placed = overlay && overlay.added.length ? addedAt(overlay, z) : undefined
  for (const k of level.kd.range(lngX(west), latY(north), lngX(east), latY(south))) {
    const num = level.num[k]!
    if (num === 1) {
      const s = level.ref[k]!
      if (!overlay?.removed.has(s)) points.push(indexPointJson(view, s))
      continue
    }
    const minus = removed?.get(k)
    const plus = placed?.into.get(k)
    const count = num - (minus?.[0] ?? 0) + (plus?.[0] ?? 0)
    if (count <= 0) continue
    if (count === 1) {
      const s = remainingPoint(built, overlay!, z, k)
      if (s >= 0) points.push(indexPointJson(view, s))
      continue
    }
    const slot = level.slot[k]!
    const base = slot * COUNTS_WIDTH
    let categories = ''
    for (let c = 0; c < CATEGORIES.length; c++) {
      const n = built.counts[base + c]! - (minus?.[1 + c] ?? 0) + (plus?.[1 + c] ?? 0)
      if (n > 0) categories += `${categories ? ',' : ''}"${CATEGORIES[c]}":${n}`
    }
    const samples = built.counts[base + CATEGORIES.length]! - (minus?.[COUNTS_WIDTH] ?? 0) + (plus?.[COUNTS_WIDTH] ?? 0)
    clusters.push(
      `{"type":"Feature","geometry":{"type":"Point","coordinates":[${xLng(level.xy[2 * k]!)},${yLat(level.xy[2 * k + 1]!)}]},` +
        `"properties":{"cluster":true,"clusterId":${level.ref[k]!},"pointCount":${count},"expansionZoom":${built.expansion[slot]!},` +
        `"categories":{${categories}},"sampleCount":${samples}}}`,
    )
  }
  if (placed) {
    for (const row of placed.loose) {
      if (row[1] >= west && row[1] <= east && row[2] >= south && row[2] <= north) {
        points.push(rowJson(row))
      }
    }
  }
}

/** An index point as JSON: cached per index, unless the overlay changed its properties. */
function indexPointJson(view: ClusterView, s: number): string {
  const { built, overlay } = view
  const row = overlay?.changed.get(s)
  if (row) return rowJson(row, built.lng[s]!, built.lat[s]!)
  let json = built.json[s]
  if (json === undefined) {
    json = built.json[s] = pointJson(built.ids[s]!, built.lng[s]!, built.lat[s]!, built.flags[s]!, built.bands[s]!, built.month[s]!, built.support[s]!, built.texts.get(s))
  }
  return json
}

const rowJson = (r: Row, lng = r[1], lat = r[2]) => pointJson(r[0], lng, lat, r[3], r[4], r[5], r[6], [r[7], r[8]])

/** A lone concern's Feature as JSON text, written directly (what JSON.stringify would make of a PointFeature). */
function pointJson(id: number, lng: number, lat: number, flags: number, bands: number, month: number, support: number, texts?: [string | null, string | null]): string {
  let timeBands = BANDS_JSON.get(bands)
  if (timeBands === undefined) {
    timeBands = JSON.stringify(timeBandsOf(bands))
    BANDS_JSON.set(bands, timeBands)
  }
  return (
    `{"type":"Feature","id":${id},"geometry":{"type":"Point","coordinates":[${lng},${lat}]},"properties":{"cluster":false,` +
    `"id":${id},"category":"${CATEGORIES[flags & CATEGORY_MASK]}","timeBands":${timeBands},"days":"${DAYS[(flags >> DAYS_SHIFT) & DAYS_MASK]}",` +
    `"month":"${monthText(month)}","supportCount":${support},"status":"${STATUSES[(flags >> STATUS_SHIFT) & STATUS_MASK]}",` +
    `"publicSummary":${JSON.stringify(texts?.[0] ?? null)},"publicResponse":${JSON.stringify(texts?.[1] ?? null)},` +
    `"sample":${(flags & SAMPLE) !== 0}}}`
  )
}
/** Time bands' JSON per packed value: there are few. */
const BANDS_JSON = new Map<number, string>()

function timeBandsOf(bands: number): string[] {
  const timeBands: string[] = []
  for (let k = 0; k < (bands & BAND_COUNT_MASK); k++) timeBands.push(TIME_BANDS[(bands >> (BAND_SHIFT + BAND_BITS * k)) & BAND_MASK]!)
  return timeBands
}

/** Months since year 0 (year × 12 + month − 1, as SQL packs them) as YYYY-MM. */
function monthText(month: number): string {
  const m = (month % 12) + 1
  return `${Math.floor(month / 12)}-${m < 10 ? `0${m}` : m}`
}
