import type { GeoJSONSource, Map as MapLibreMap, PointLike } from 'maplibre-gl'
import type { FeatureCollection, LineString } from 'geojson'
import { concernHeatLayerId, concernMarkerLayerIds } from '../map/layers/concerns.ts'
import { lineWidthInMetres, COVERAGE_METRES, patrolCoverageLayerId, patrolLineLayerId, publicPatrolLayers } from '../map/layers/public-patrols.ts'
import { publicPatrolSources, publicPatrolSourceId } from '../map/sources/public-patrols.ts'
import type { PublicPatrol } from './api.ts'

/** How far the coverage band's latitude may drift before its width in pixels is worked out again. */
const LATITUDE_STEP = 0.25

/**
 * Adds the patrol source and layers under the concerns (whose circles stay on top and keep
 * answering taps), and keeps the coverage band's width true to the ground as the map moves north
 * or south. Returns the function that takes them off again.
 */
export function addPublicPatrolLayers(map: MapLibreMap): () => void {
  for (const [id, source] of Object.entries(publicPatrolSources())) if (!map.getSource(id)) map.addSource(id, source)
  const under = map.getLayer(concernHeatLayerId) ? concernHeatLayerId : undefined
  let latitude = map.getCenter().lat
  for (const layer of publicPatrolLayers(latitude)) if (!map.getLayer(layer.id)) map.addLayer(layer, under)
  const onMove = () => {
    const now = map.getCenter().lat
    if (Math.abs(now - latitude) < LATITUDE_STEP) return
    latitude = now
    map.setPaintProperty(patrolCoverageLayerId, 'line-width', lineWidthInMetres(2 * COVERAGE_METRES, latitude))
  }
  map.on('moveend', onMove)
  return () => {
    map.off('moveend', onMove)
    try {
      for (const layer of [...publicPatrolLayers(latitude)].reverse()) if (map.getLayer(layer.id)) map.removeLayer(layer.id)
      for (const id of Object.keys(publicPatrolSources())) if (map.getSource(id)) map.removeSource(id)
    } catch {
      // The map is already gone (the page was left): there is nothing to take off.
    }
  }
}

/** Draws the plans' lines (the selected one thicker) and their coverage. */
export function showPublicPatrols(map: MapLibreMap, plans: PublicPatrol[], selectedId: number | null): void {
  const collection: FeatureCollection<LineString> = {
    type: 'FeatureCollection',
    features: plans.map((plan) => ({
      type: 'Feature',
      id: plan.properties.id,
      geometry: plan.geometry,
      properties: { id: plan.properties.id, selected: plan.properties.id === selectedId },
    })),
  }
  ;(map.getSource(publicPatrolSourceId) as GeoJSONSource | undefined)?.setData(collection)
}

/** Pixels around a tap that still count as on a line or a concern: a fingertip. */
const TAP_SLOP = 8

const box = (point: { x: number; y: number }): [PointLike, PointLike] => [
  [point.x - TAP_SLOP, point.y - TAP_SLOP],
  [point.x + TAP_SLOP, point.y + TAP_SLOP],
]

/** The id of the patrol line under a tap, if any. */
export function patrolAt(map: MapLibreMap, point: { x: number; y: number }): number | null {
  if (!map.getLayer(patrolLineLayerId)) return null
  const hit = map.queryRenderedFeatures(box(point), { layers: [patrolLineLayerId] })[0]
  return hit ? Number(hit.properties.id) : null
}

/** Whether a tap fell on a concern or a cluster, which answer it themselves (ConcernLayer). */
export function concernAt(map: MapLibreMap, point: { x: number; y: number }): boolean {
  const layers = concernMarkerLayerIds.filter((id) => map.getLayer(id) && map.getLayoutProperty(id, 'visibility') !== 'none')
  return layers.length > 0 && map.queryRenderedFeatures([point.x, point.y], { layers }).length > 0
}
