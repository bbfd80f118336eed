import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl'
import type { Feature, FeatureCollection, Geometry, LineString, Point } from 'geojson'
import { patrolPlanningLayers } from '../map/layers/patrol-planning.ts'
import {
  hotspotSourceId,
  patrolPlanningSources,
  patrolPlanSourceId,
  previewSourceId,
  suggestionSourceId,
  waypointSourceId,
} from '../map/sources/patrol-planning.ts'
import type { LngLat } from '../api.ts'
import type { Hotspot, Patrol, Waypoint } from './officer-api.ts'

/** Adds the patrol sources and layers, once, over everything else. */
export function addPatrolLayers(map: MapLibreMap): void {
  for (const [id, source] of Object.entries(patrolPlanningSources())) if (!map.getSource(id)) map.addSource(id, source)
  for (const layer of patrolPlanningLayers) if (!map.getLayer(layer.id)) map.addLayer(layer)
}

export function removePatrolLayers(map: MapLibreMap): void {
  try {
    for (const layer of [...patrolPlanningLayers].reverse()) if (map.getLayer(layer.id)) map.removeLayer(layer.id)
    for (const id of Object.keys(patrolPlanningSources())) if (map.getSource(id)) map.removeSource(id)
  } catch {
    // The map is already gone (the page was left): there is nothing to take off.
  }
}

const collection = <G extends Geometry, P>(features: Feature<G, P>[]): FeatureCollection<G, P> => ({ type: 'FeatureCollection', features })
const set = (map: MapLibreMap, id: string, data: FeatureCollection) => (map.getSource(id) as GeoJSONSource | undefined)?.setData(data)

/** Saved plans as dashed lines; the one being edited is left to the preview. */
export function showPlans(map: MapLibreMap, plans: Patrol[], editingId: number | null): void {
  set(
    map,
    patrolPlanSourceId,
    collection(plans.map((p) => ({ ...p, properties: { id: p.properties.id, title: p.properties.title, public: p.properties.public, editing: p.properties.id === editingId } }))),
  )
}

/** How much of a hot spot's weight this week's patrols leave uncovered, for its colour. */
const coverState = (weight: number, uncovered: number) => (uncovered <= 0 ? 'covered' : uncovered < weight ? 'partly' : 'uncovered')

export function showHotspots(map: MapLibreMap, hotspots: Hotspot[], selectedRank: number | null): void {
  set(
    map,
    hotspotSourceId,
    collection(
      hotspots.map((h) => ({
        type: 'Feature' as const,
        geometry: h.geometry,
        properties: {
          rank: h.properties.rank,
          weight: h.properties.weight,
          uncoveredWeight: h.properties.uncoveredWeight,
          state: coverState(h.properties.weight, h.properties.uncoveredWeight),
          selected: h.properties.rank === selectedRank,
        },
      })),
    ),
  )
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
