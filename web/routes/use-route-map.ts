import type { Map as MapLibreMap, MapMouseEvent } from 'maplibre-gl'
import { useEffect, useRef } from 'react'
import type { LngLat } from '../api/client.ts'
import { useKeepInView } from '../map/free-area.ts'
import { routeClickLayerIds, routeLayers } from '../map/layers/routes.ts'
import { routeSources } from '../map/sources/routes.ts'
import { useMapLayers } from '../map/use-map-layers.ts'
import type { RoutePlan } from './api.ts'
import { pointMarker, selectRoute, showRoutes } from './route-map.ts'
import type { Trip } from './trip.ts'

/** Pixels around a tap that still count as on a drawn route: a fingertip. */
const TAP_SLOP = 6

/**
 * The planner on the map while it is open: the route layers, the plan drawn and its selected
 * alternative (feature-state), the start and end pins, and taps — on a drawn route they select
 * it, anywhere else they place the next point.
 */
export function useRouteMap(
  map: MapLibreMap | null,
  { trip, plan, selected, onPlace, onSelect }: { trip: Trip; plan: RoutePlan | undefined; selected: number; onPlace: (at: LngLat) => void; onSelect: (index: number) => void },
): void {
  useMapLayers(map, routeSources(), routeLayers)

  useEffect(() => {
    if (!map) return
    showRoutes(map, plan?.routes ?? [], plan?.shortest ?? null)
  }, [map, plan])
  useEffect(() => {
    if (map) selectRoute(map, plan ? selected : null)
  }, [map, plan, selected])

  const start = trip.start
  const end = trip.kind === 'route' ? trip.end : null
  // The point last placed stays above the sheet until there is a plan (which is fitted into view).
  useKeepInView(map, plan ? null : (end ?? start))
  useEffect(() => {
    if (!map || !start) return
    const marker = pointMarker(map, start, 'start')
    return () => void marker.remove()
  }, [map, start])
  useEffect(() => {
    if (!map || !end) return
    const marker = pointMarker(map, end, 'end')
    return () => void marker.remove()
  }, [map, end])

  const handlers = useRef({ onPlace, onSelect, plan })
  handlers.current = { onPlace, onSelect, plan }
  useEffect(() => {
    if (!map) return
    const canvas = map.getCanvas()
    canvas.style.cursor = 'crosshair'
    const onClick = (event: MapMouseEvent) => {
      const { onPlace, onSelect, plan } = handlers.current
      if (plan) {
        const layers = routeClickLayerIds.filter((id) => map.getLayer(id))
        const { x, y } = event.point
        const hit = layers.length
          ? map.queryRenderedFeatures([[x - TAP_SLOP, y - TAP_SLOP], [x + TAP_SLOP, y + TAP_SLOP]], { layers })[0]
          : undefined
        if (hit) return onSelect(Number(hit.properties.index))
      }
      onPlace({ lng: event.lngLat.lng, lat: event.lngLat.lat })
    }
    map.on('click', onClick)
    return () => {
      map.off('click', onClick)
      canvas.style.cursor = ''
    }
  }, [map])
}
