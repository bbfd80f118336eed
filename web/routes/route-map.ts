import { LngLatBounds, Marker, type GeoJSONSource, type Map as MapLibreMap } from 'maplibre-gl'
import type { Feature, FeatureCollection, LineString } from 'geojson'
import { routeLayers } from '../map/layers/routes.ts'
import { routeSources, routeSourceId, shortestRouteSourceId } from '../map/sources/routes.ts'

/**
 * Adds the route sources and layers, once, over everything else: while routes are planned they
 * are what the map is about (the concern circles they avoid stay visible around them).
 */
export function addRouteLayers(map: MapLibreMap): void {
  for (const [id, source] of Object.entries(routeSources())) if (!map.getSource(id)) map.addSource(id, source)
  for (const layer of routeLayers) if (!map.getLayer(layer.id)) map.addLayer(layer)
}

export function removeRouteLayers(map: MapLibreMap): void {
  try {
    for (const layer of [...routeLayers].reverse()) if (map.getLayer(layer.id)) map.removeLayer(layer.id)
    for (const id of Object.keys(routeSources())) if (map.getSource(id)) map.removeSource(id)
  } catch {
    // The map is already gone (the page was left): there is nothing to take off.
  }
}

type Line = { id: string | number; geometry: LineString }

/** Draws the alternatives (the selected one on top) and the distance-only route, if any. */
export function showRoutes(map: MapLibreMap, routes: Line[], selectedId: string | number | null, shortest: Line | null): void {
  const alternatives: FeatureCollection<LineString> = {
    type: 'FeatureCollection',
    features: routes.map((r, index) => ({
      type: 'Feature',
      geometry: r.geometry,
      properties: { id: r.id, index, selected: r.id === selectedId },
    })),
  }
  const comparison: FeatureCollection<LineString> = {
    type: 'FeatureCollection',
    features: shortest ? [{ type: 'Feature', geometry: shortest.geometry, properties: { id: shortest.id } }] : [],
  }
  ;(map.getSource(routeSourceId) as GeoJSONSource | undefined)?.setData(alternatives)
  ;(map.getSource(shortestRouteSourceId) as GeoJSONSource | undefined)?.setData(comparison)
}

/** The box around some lines, or null for none. */
export function boundsOf(lines: (Feature<LineString> | Line)[]): LngLatBounds | null {
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
  const marker = new Marker({ color: which === 'start' ? '#15803d' : '#b02a5b' }).setLngLat(at).addTo(map)
  const element = marker.getElement()
  element.classList.add(`route-marker-${which}`)
  element.setAttribute('role', 'img')
  element.setAttribute('aria-label', which === 'start' ? 'Start' : 'End')
  return marker
}
