import type { LayerSpecification, Map as MapLibreMap, SourceSpecification } from 'maplibre-gl'
import { useEffect } from 'react'

/**
 * Adds a component's sources and layers to the map while it is mounted (under `beforeId` when
 * given, else over everything), and takes them off when it goes; the one place that does. The
 * specifications are data (web/map/sources, web/map/layers) and are read at mount.
 */
export function useMapLayers(
  map: MapLibreMap | null,
  sources: Record<string, SourceSpecification>,
  layers: readonly LayerSpecification[],
  beforeId?: string,
): void {
  useEffect(() => {
    if (!map) return
    for (const [id, source] of Object.entries(sources)) if (!map.getSource(id)) map.addSource(id, source)
    const before = beforeId && map.getLayer(beforeId) ? beforeId : undefined
    for (const layer of layers) if (!map.getLayer(layer.id)) map.addLayer(layer, before)
    return () => {
      try {
        for (const layer of [...layers].reverse()) if (map.getLayer(layer.id)) map.removeLayer(layer.id)
        for (const id of Object.keys(sources)) if (map.getSource(id)) map.removeSource(id)
      } catch {
        // The map is already gone (the page was left): there is nothing to take off.
      }
    }
    // The specifications are constants of the component; the map alone decides.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [map])
}
