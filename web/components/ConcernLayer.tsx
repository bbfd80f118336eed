import { keepPreviousData, useQuery } from '@tanstack/react-query'
import type { GeoJSONSource, Map as MapLibreMap, MapLayerMouseEvent } from 'maplibre-gl'
import { useEffect, useRef } from 'react'
import { failureText } from '../api/failure-words.ts'
import { t } from '../i18n/intl.ts'
import { fetchConcernClusters, type ClusterCollection, type ConcernFilter, type PublicConcern } from '../concerns/api.ts'
import { concernClusterLayer, concernHeatLayerId, concernMarkerLayerIds, concernPointLayer } from '../map/layers/concerns.ts'
import { concernSourceId } from '../map/sources/concerns.ts'
import { useMapView } from '../map/use-map-view.ts'

/** Why the concerns are not on the map, in words, and how to ask again. */
export type ConcernProblem = { text: string; retry: () => void }

type Props = {
  map: MapLibreMap
  filter: ConcernFilter
  heatmap: boolean
  /** While a report is being placed, a tap on the map sets its point instead of opening a card. */
  picking: boolean
  onSelect: (concerns: PublicConcern[]) => void
  onLoaded?: (collection: ClusterCollection) => void
  onError?: (problem: ConcernProblem | null) => void
}

const DEBOUNCE_MS = 250

/**
 * Keeps the concern source filled with the clusters of the view (a read keyed by the view, the
 * zoom and the filter: a report invalidates it), and answers clicks on them.
 */
export function ConcernLayer({ map, filter, heatmap, picking, onSelect, onLoaded, onError }: Props) {
  const pickingRef = useRef(picking)
  pickingRef.current = picking
  const callbacks = useRef({ onSelect, onLoaded, onError })
  callbacks.current = { onSelect, onLoaded, onError }

  const view = useMapView(map, DEBOUNCE_MS)
  const zoom = view ? Math.floor(view.zoom) : undefined
  const clusters = useQuery({
    queryKey: ['concerns', 'clusters', view?.bbox, zoom, filter.category ?? '', filter.timeBand ?? ''],
    queryFn: ({ signal }) => fetchConcernClusters(view!.bbox, zoom!, filter, signal),
    enabled: view !== undefined,
    placeholderData: keepPreviousData,
  })
  useEffect(() => {
    if (!clusters.data) return
    ;(map.getSource(concernSourceId) as GeoJSONSource | undefined)?.setData(clusters.data)
    callbacks.current.onLoaded?.(clusters.data)
  }, [map, clusters.data])
  const { error, refetch } = clusters
  useEffect(
    () => callbacks.current.onError?.(error ? { text: t('map.problem.concerns', { reason: failureText(error) }), retry: () => void refetch() } : null),
    [error, refetch],
  )

  useEffect(() => {
    const onCluster = (event: MapLayerMouseEvent) => {
      if (pickingRef.current) return
      const feature = event.features?.[0]
      if (!feature || feature.geometry.type !== 'Point') return
      const expansionZoom = Number(feature.properties.expansionZoom)
      map.easeTo({
        center: feature.geometry.coordinates as [number, number],
        zoom: Number.isFinite(expansionZoom) ? expansionZoom : map.getZoom() + 2,
      })
    }
    // Concerns in one ~100 m cell share a point: the card lists every one drawn there.
    const onPoint = (event: MapLayerMouseEvent) => {
      if (pickingRef.current) return
      const points = (event.features ?? []).filter((f) => f.geometry.type === 'Point')
      const [x, y] = points[0]?.geometry.type === 'Point' ? points[0].geometry.coordinates : []
      const here = new Map<number, PublicConcern>()
      for (const f of points) {
        if (f.geometry.type !== 'Point' || f.geometry.coordinates[0] !== x || f.geometry.coordinates[1] !== y) continue
        const concern = parseConcern(f.properties)
        here.set(concern.id, concern)
      }
      if (here.size) callbacks.current.onSelect([...here.values()])
    }
    const pointer = () => (map.getCanvas().style.cursor = pickingRef.current ? 'crosshair' : 'pointer')
    const normal = () => (map.getCanvas().style.cursor = pickingRef.current ? 'crosshair' : '')
    map.on('click', concernClusterLayer.id, onCluster)
    map.on('click', concernPointLayer.id, onPoint)
    for (const id of [concernClusterLayer.id, concernPointLayer.id]) {
      map.on('mouseenter', id, pointer)
      map.on('mouseleave', id, normal)
    }
    return () => {
      map.off('click', concernClusterLayer.id, onCluster)
      map.off('click', concernPointLayer.id, onPoint)
      for (const id of [concernClusterLayer.id, concernPointLayer.id]) {
        map.off('mouseenter', id, pointer)
        map.off('mouseleave', id, normal)
      }
    }
  }, [map])

  useEffect(() => {
    if (map.getLayer(concernHeatLayerId)) map.setLayoutProperty(concernHeatLayerId, 'visibility', heatmap ? 'visible' : 'none')
    for (const id of concernMarkerLayerIds) {
      if (map.getLayer(id)) map.setLayoutProperty(id, 'visibility', heatmap ? 'none' : 'visible')
    }
  }, [map, heatmap])

  return null
}

/** MapLibre hands back nested properties (arrays, objects) of GeoJSON features as JSON strings. */
export function parseConcern(properties: Record<string, unknown>): PublicConcern {
  const json = (value: unknown) => (typeof value === 'string' ? (JSON.parse(value) as unknown) : value)
  return {
    ...(properties as unknown as PublicConcern),
    id: Number(properties.id),
    timeBands: (json(properties.timeBands) ?? []) as PublicConcern['timeBands'],
    supportCount: Number(properties.supportCount ?? 0),
    sample: properties.sample === true || properties.sample === 'true',
    publicSummary: (properties.publicSummary as string | null | undefined) ?? null,
    publicResponse: (properties.publicResponse as string | null | undefined) ?? null,
  }
}
