import type { FillLayerSpecification, LineLayerSpecification } from 'maplibre-gl'
import { palette } from '../palette.ts'
import { basemapSourceId } from '../sources/basemap.ts'

/** Parks, commons, woods and other open spaces (`open_spaces` source layer, zoom 10 and up). */
export const openSpaceLayers: (FillLayerSpecification | LineLayerSpecification)[] = [
  {
    id: 'open-spaces',
    type: 'fill',
    source: basemapSourceId,
    'source-layer': 'open_spaces',
    paint: {
      'fill-color': [
        'match', ['get', 'kind'],
        ['wood', 'nature_reserve'], palette.wood,
        ['heath', 'common'], palette.heath,
        palette.park,
      ],
    },
  },
  {
    id: 'open-spaces-outline',
    type: 'line',
    source: basemapSourceId,
    'source-layer': 'open_spaces',
    minzoom: 12,
    paint: {
      'line-color': palette.parkOutline,
      'line-width': ['interpolate', ['linear'], ['zoom'], 12, 0.5, 16, 1.5],
    },
  },
]
