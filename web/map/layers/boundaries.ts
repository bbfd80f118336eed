import type { LineLayerSpecification } from 'maplibre-gl'
import { palette } from '../palette.ts'
import { basemapSourceId } from '../sources/basemap.ts'

/**
 * Borough outlines (`boundaries` source layer, every zoom): a soft wide band with a dashed line
 * on it, so that the edge reads at a glance without hiding the paths that cross it.
 */
export const boundaryLayers: LineLayerSpecification[] = [
  {
    id: 'boundaries-band',
    type: 'line',
    source: basemapSourceId,
    'source-layer': 'boundaries',
    layout: { 'line-join': 'round' },
    paint: {
      'line-color': palette.boundary,
      'line-opacity': 0.16,
      'line-width': ['interpolate', ['linear'], ['zoom'], 8, 3, 12, 7, 16, 12],
    },
  },
  {
    id: 'boundaries-line',
    type: 'line',
    source: basemapSourceId,
    'source-layer': 'boundaries',
    layout: { 'line-join': 'round' },
    paint: {
      'line-color': palette.boundary,
      'line-opacity': 0.85,
      'line-width': ['interpolate', ['linear'], ['zoom'], 8, 1, 16, 2],
      'line-dasharray': [4, 2, 1, 2],
    },
  },
]
