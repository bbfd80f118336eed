import type { GeoJSONSource, Map as MapLibreMap, PointLike } from 'maplibre-gl'
import type { FeatureCollection, LineString } from 'geojson'
import { useEffect } from 'react'
import { concernHeatLayerId, concernMarkerLayerIds } from '../map/layers/concerns.ts'
import { lineWidthInMetres, patrolCoverageLayerId, patrolLineLayerId, publicPatrolLayers } from '../map/layers/public-patrols.ts'
import { publicPatrolSources, publicPatrolSourceId } from '../map/sources/public-patrols.ts'
import { useMapLayers } from '../map/use-map-layers.ts'
import type { PublicPatrol } from './api.ts'

/** How far the coverage band's latitude may drift before its width in pixels is worked out again. */
const LATITUDE_STEP = 0.25

/**
 * The patrol source and layers under the concerns (whose circles stay on top and keep answering
 * taps) while the panel is open, with the coverage band's width true to the ground as the map
 * moves north or south.
 */
export function usePublicPatrolLayers(map: MapLibreMap | null, coverageMetres: number): void {
  useMapLayers(map, publicPatrolSources(), publicPatrolLayers(map?.getCenter().lat ?? 51.5, coverageMetres), concernHeatLayerId)
  useEffect(() => {
    if (!map) return
    let latitude = map.getCenter().lat
    const onMove = () => {
      const now = map.getCenter().lat
      if (Math.abs(now - latitude) < LATITUDE_STEP) return
      latitude = now
      if (map.getLayer(patrolCoverageLayerId)) map.setPaintProperty(patrolCoverageLayerId, 'line-width', lineWidthInMetres(2 * coverageMetres, latitude))
    }
    map.on('moveend', onMove)
    return () => void map.off('moveend', onMove)
  }, [map, coverageMetres])
}

/** Draws the plans' lines and their coverage (feature ids: the plans' ids). */
export function showPublicPatrols(map: MapLibreMap, plans: PublicPatrol[]): void {
  const collection: FeatureCollection<LineString> = {
    type: 'FeatureCollection',
    features: plans.map((plan) => ({ type: 'Feature', id: plan.properties.id, geometry: plan.geometry, properties: { id: plan.properties.id } })),
  }
  ;(map.getSource(publicPatrolSourceId) as GeoJSONSource | undefined)?.setData(collection)
}

/** Marks the plan with this id as the chosen one, and no other. */
export function selectPublicPatrol(map: MapLibreMap, id: number | null): void {
  if (!map.getSource(publicPatrolSourceId)) return
  map.removeFeatureState({ source: publicPatrolSourceId })
  if (id !== null) map.setFeatureState({ source: publicPatrolSourceId, id }, { selected: true })
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
