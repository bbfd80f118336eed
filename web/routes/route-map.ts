import { LngLatBounds, Marker, type GeoJSONSource, type Map as MapLibreMap } from 'maplibre-gl'
import type { FeatureCollection, LineString, Point } from 'geojson'
import { kilometreMarks } from '../../common/along.ts'
import { t } from '../i18n/intl.ts'
import { routeKmLayerIds } from '../map/layers/routes.ts'
import { palette } from '../map/palette.ts'
import { routeKmSourceId, routeSourceId, shortestRouteSourceId } from '../map/sources/routes.ts'
import { addRouteArrow } from './route-arrow.ts'

type Line = { geometry: LineString }

/**
 * Draws the alternatives (feature ids 0, 1, 2: their place in the list), their kilometre markers
 * and the distance-only route, if any; which one is selected is feature-state and a filter
 * (selectRoute), so choosing one redraws nothing.
 */
export function showRoutes(map: MapLibreMap, routes: Line[], shortest: Line | null): void {
  addRouteArrow(map)
  const alternatives: FeatureCollection<LineString> = {
    type: 'FeatureCollection',
    features: routes.map((r, index) => ({ type: 'Feature', id: index, geometry: r.geometry, properties: { index } })),
  }
  const comparison: FeatureCollection<LineString> = {
    type: 'FeatureCollection',
    features: shortest ? [{ type: 'Feature', geometry: shortest.geometry, properties: {} }] : [],
  }
  const kilometres: FeatureCollection<Point> = {
    type: 'FeatureCollection',
    features: routes.flatMap((r, index) =>
      kilometreMarks(r.geometry.coordinates).map(({ km, lng, lat }) => ({ type: 'Feature' as const, geometry: { type: 'Point' as const, coordinates: [lng, lat] }, properties: { index, km } })),
    ),
  }
  ;(map.getSource(routeSourceId) as GeoJSONSource | undefined)?.setData(alternatives)
  ;(map.getSource(shortestRouteSourceId) as GeoJSONSource | undefined)?.setData(comparison)
  ;(map.getSource(routeKmSourceId) as GeoJSONSource | undefined)?.setData(kilometres)
}

/** Marks the alternative at `index` (its place in the list) as selected, and no other. */
export function selectRoute(map: MapLibreMap, index: number | null): void {
  if (!map.getSource(routeSourceId)) return
  map.removeFeatureState({ source: routeSourceId })
  if (index !== null) map.setFeatureState({ source: routeSourceId, id: index }, { selected: true })
  for (const id of routeKmLayerIds) if (map.getLayer(id)) map.setFilter(id, ['==', ['get', 'index'], index ?? -1])
}

/** The box around some lines, or null for none. */
export function boundsOf(lines: Line[]): LngLatBounds | null {
  const bounds = new LngLatBounds()
  let any = false
  for (const line of lines) {
    for (const [lng, lat] of line.geometry.coordinates) {
      if (lng === undefined || lat === undefined) continue
      bounds.extend([lng, lat])
      any = true
    }
  }
  return any ? bounds : null
}

/** A marker for the start or the end, named for screen readers. */
export function pointMarker(map: MapLibreMap, at: { lng: number; lat: number }, which: 'start' | 'end'): Marker {
  const marker = new Marker({ color: which === 'start' ? palette.start : palette.end }).setLngLat(at).addTo(map)
  const element = marker.getElement()
  element.classList.add(`route-marker-${which}`)
  element.setAttribute('role', 'img')
  element.setAttribute('aria-label', which === 'start' ? t('routes.marker.start') : t('routes.marker.end'))
  return marker
}
