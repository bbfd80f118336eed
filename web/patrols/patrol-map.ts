import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl'
import type { Feature, FeatureCollection, Geometry, LineString, Point } from 'geojson'
import { hotspotSourceId, patrolPlanSourceId, previewSourceId, suggestionSourceId, waypointSourceId } from '../map/sources/patrol-planning.ts'
import type { LngLat } from '../api/client.ts'
import type { Hotspot, Patrol, Waypoint } from './officer-api.ts'

const collection = <G extends Geometry, P>(features: Feature<G, P>[]): FeatureCollection<G, P> => ({ type: 'FeatureCollection', features })
const set = (map: MapLibreMap, id: string, data: FeatureCollection) => (map.getSource(id) as GeoJSONSource | undefined)?.setData(data)

/** Saved plans as dashed lines (feature ids: the plans' ids). */
export function showPlans(map: MapLibreMap, plans: Patrol[]): void {
  set(map, patrolPlanSourceId, collection(plans.map((p) => ({ type: 'Feature' as const, id: p.properties.id, geometry: p.geometry, properties: { id: p.properties.id, title: p.properties.title, public: p.properties.public } }))))
}

/** The plan being changed is left to the preview: marked `editing`, and no other. */
export function markEditing(map: MapLibreMap, id: number | null): void {
  if (!map.getSource(patrolPlanSourceId)) return
  map.removeFeatureState({ source: patrolPlanSourceId })
  if (id !== null) map.setFeatureState({ source: patrolPlanSourceId, id }, { editing: true })
}

/** How much of a hot spot's weight this week's patrols leave uncovered, for its colour. */
const coverState = (weight: number, uncovered: number) => (uncovered <= 0 ? 'covered' : uncovered < weight ? 'partly' : 'uncovered')

export function showHotspots(map: MapLibreMap, hotspots: Hotspot[]): void {
  set(
    map,
    hotspotSourceId,
    collection(
      hotspots.map((h) => ({
        type: 'Feature' as const,
        id: h.properties.rank,
        geometry: h.geometry,
        properties: {
          rank: h.properties.rank,
          weight: h.properties.weight,
          uncoveredWeight: h.properties.uncoveredWeight,
          state: coverState(h.properties.weight, h.properties.uncoveredWeight),
        },
      })),
    ),
  )
}

/** Marks the hot spot of this rank as the picked one, and no other. */
export function selectHotspot(map: MapLibreMap, rank: number | null): void {
  if (!map.getSource(hotspotSourceId)) return
  map.removeFeatureState({ source: hotspotSourceId })
  if (rank !== null) map.setFeatureState({ source: hotspotSourceId, id: rank }, { selected: true })
}

export function showSuggestion(map: MapLibreMap, line: LineString | null): void {
  set(map, suggestionSourceId, collection(line ? [{ type: 'Feature', geometry: line, properties: {} }] : []))
}

export function showPreview(map: MapLibreMap, line: LineString | null): void {
  set(map, previewSourceId, collection(line ? [{ type: 'Feature', geometry: line, properties: {} }] : []))
}

/** The clicked waypoints, numbered from 1; a suggestion's start as n 0. */
export function showWaypoints(map: MapLibreMap, waypoints: Waypoint[], start: LngLat | null = null): void {
  const points: Feature<Point, { n: number; dwellMinutes: number }>[] = waypoints.map((w, i) => ({
    type: 'Feature',
    geometry: { type: 'Point', coordinates: [w.lng, w.lat] },
    properties: { n: i + 1, dwellMinutes: w.dwellMinutes },
  }))
  if (start) points.push({ type: 'Feature', geometry: { type: 'Point', coordinates: [start.lng, start.lat] }, properties: { n: 0, dwellMinutes: 0 } })
  set(map, waypointSourceId, collection(points))
}

/** Room around a fitted line: more at the bottom, where the attribution and the scale are. */
export const FIT_PADDING = { top: 48, right: 64, bottom: 80, left: 48 }
