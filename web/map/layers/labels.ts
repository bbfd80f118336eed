import type { SymbolLayerSpecification } from 'maplibre-gl'
import { fonts } from '../fonts.ts'
import { palette } from '../palette.ts'
import { basemapSourceId } from '../sources/basemap.ts'

/**
 * Names, drawn over everything: boroughs in spaced capitals, streets along their line, parks in
 * italic green at their point on surface (bigger parks win when labels collide).
 *
 * MapLibre places labels from the top layer down, so borough names, which matter least, come
 * first here and are placed last. A borough polygon is labelled once in every tile it touches;
 * a wide padding keeps those repeats apart.
 */
/** The zoom from which streets are named: a phone's first view opens at least this close. */
export const NAMED_ZOOM = 14

export const labelLayers: SymbolLayerSpecification[] = [
  {
    id: 'boundary-labels',
    type: 'symbol',
    source: basemapSourceId,
    'source-layer': 'boundaries',
    filter: ['has', 'name'],
    layout: {
      'text-field': ['upcase', ['get', 'name']],
      'text-font': fonts.bold,
      'text-size': ['interpolate', ['linear'], ['zoom'], 10, 10, 16, 13],
      'text-letter-spacing': 0.15,
      'text-padding': 50,
    },
    paint: {
      'text-color': palette.boundaryLabel,
      'text-halo-color': palette.halo,
      'text-halo-width': 2,
    },
  },
  {
    id: 'path-labels',
    type: 'symbol',
    source: basemapSourceId,
    'source-layer': 'paths',
    minzoom: NAMED_ZOOM,
    filter: [
      'all',
      ['has', 'name'],
      ['!', ['in', ['get', 'highway'], ['literal', ['footway', 'path', 'steps', 'track', 'cycleway', 'bridleway', 'corridor']]]],
    ],
    layout: {
      'symbol-placement': 'line',
      'text-field': ['get', 'name'],
      'text-font': fonts.regular,
      'text-size': ['interpolate', ['linear'], ['zoom'], 14, 10.5, 17, 14],
      'text-max-angle': 30,
      'symbol-spacing': 350,
    },
    paint: {
      'text-color': palette.roadLabel,
      'text-halo-color': palette.halo,
      'text-halo-width': 1.5,
    },
  },
  {
    id: 'open-space-labels',
    type: 'symbol',
    source: basemapSourceId,
    'source-layer': 'open_space_labels',
    filter: ['has', 'name'],
    layout: {
      'text-field': ['get', 'name'],
      'text-font': fonts.italic,
      'text-size': [
        'interpolate', ['linear'], ['zoom'],
        12, ['step', ['coalesce', ['get', 'area_m2'], 0], 10, 100_000, 11.5],
        16, ['step', ['coalesce', ['get', 'area_m2'], 0], 13.5, 100_000, 16],
      ],
      'text-max-width': 8,
      'symbol-sort-key': ['-', ['coalesce', ['get', 'area_m2'], 0]],
      'text-padding': 4,
    },
    paint: {
      'text-color': palette.parkLabel,
      'text-halo-color': palette.halo,
      'text-halo-width': 1.5,
    },
  },
]
