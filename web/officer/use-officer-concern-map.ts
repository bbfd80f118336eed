import type { GeoJSONSource, Map as MapLibreMap, MapLayerMouseEvent } from 'maplibre-gl'
import { useEffect, useRef } from 'react'
import type { OfficerList } from '../concerns/api.ts'
import { officerConcernLayers } from '../map/layers/concerns.ts'
import { officerConcernSourceId } from '../map/sources/concerns.ts'

/**
 * The moderation map: the listed concerns at their precise points (feature ids: the concerns'),
 * the open one ringed (feature-state), and a click on one opening it in the list (while `picking`).
 */
export function useOfficerConcernMap(map: MapLibreMap | null, list: OfficerList | undefined, selected: number | null, picking: boolean, onPick: (id: number) => void): void {
  useEffect(() => {
    if (map && list) (map.getSource(officerConcernSourceId) as GeoJSONSource | undefined)?.setData(list)
  }, [map, list])
  useEffect(() => {
    if (!map || !map.getSource(officerConcernSourceId)) return
    map.removeFeatureState({ source: officerConcernSourceId })
    if (selected !== null) map.setFeatureState({ source: officerConcernSourceId, id: selected }, { selected: true })
  }, [map, list, selected])

  const pick = useRef(onPick)
  pick.current = onPick
  useEffect(() => {
    if (!map || !picking) return
    const layer = officerConcernLayers[0]!.id
    const onClick = (event: MapLayerMouseEvent) => {
      const feature = event.features?.[0]
      if (feature) pick.current(Number(feature.properties.id))
    }
    map.on('click', layer, onClick)
    return () => void map.off('click', layer, onClick)
  }, [map, picking])
}
