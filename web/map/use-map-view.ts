import type { Map as MapLibreMap } from 'maplibre-gl'
import { useEffect, useState } from 'react'
import type { Bbox } from '../api/client.ts'

export type MapViewState = { bbox: Bbox; zoom: number }

const viewOf = (map: MapLibreMap): MapViewState => {
  const b = map.getBounds()
  return { bbox: [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()].map((n) => Number(n.toFixed(6))) as Bbox, zoom: map.getZoom() }
}

/**
 * The map's view (bbox and zoom) as React state, for the reads that depend on it (query keys):
 * now, and after each move, the last of a burst of moves after `debounceMs`. Undefined without
 * a map, or when `enabled` is false.
 */
export function useMapView(map: MapLibreMap | null, debounceMs: number, enabled = true): MapViewState | undefined {
  const [view, setView] = useState<MapViewState>()
  useEffect(() => {
    setView(undefined)
    if (!map || !enabled) return
    let timer: ReturnType<typeof setTimeout> | undefined
    const onMove = () => {
      clearTimeout(timer)
      timer = setTimeout(() => setView(viewOf(map)), debounceMs)
    }
    setView(viewOf(map))
    map.on('moveend', onMove)
    map.on('resize', onMove)
    return () => {
      clearTimeout(timer)
      map.off('moveend', onMove)
      map.off('resize', onMove)
    }
  }, [map, debounceMs, enabled])
  return view
}
