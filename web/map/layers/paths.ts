import type { ExpressionSpecification, LineLayerSpecification } from 'maplibre-gl'
import { palette } from '../palette.ts'
import { basemapSourceId } from '../sources/basemap.ts'

/**
 * The path network (`paths` source layer), drawn by class and by lighting.
 *
 * Roads are wide and pale, part of the basemap. Footways and other paths are thin, dashed where
 * they are unpaved or informal. Over both, lighting: a yellow glow under paths recorded as lit,
 * grey for paths with no record, and unlit paths in the strongest colour on the map.
 */

const majorRoads = [
  'trunk', 'trunk_link', 'primary', 'primary_link',
  'secondary', 'secondary_link', 'tertiary', 'tertiary_link',
]
const footways = ['footway', 'path', 'pedestrian', 'steps', 'track', 'cycleway', 'bridleway', 'corridor']

const highway: ExpressionSpecification = ['get', 'highway']
const isMajorRoad: ExpressionSpecification = ['in', highway, ['literal', majorRoads]]
const isFootway: ExpressionSpecification = ['in', highway, ['literal', footways]]
const isRoad: ExpressionSpecification = ['!', isFootway]

/** Widths grow by half again with each zoom level, as the ground they stand for does on screen. */
function widthByZoom(...stops: [zoom: number, width: number | ExpressionSpecification][]): ExpressionSpecification {
  return ['interpolate', ['exponential', 1.5], ['zoom'], ...stops.flat()] as ExpressionSpecification
}

function byRoadClass(major: number, minor: number): ExpressionSpecification {
  return ['case', isMajorRoad, major, minor]
}

const roadWidths = widthByZoom(
  [10, byRoadClass(0.8, 0.3)],
  [13, byRoadClass(2.5, 1.2)],
  [15, byRoadClass(7, 4)],
  [17, byRoadClass(18, 12)],
)
const roadCasingWidths = widthByZoom(
  [10, byRoadClass(1.6, 0.8)],
  [13, byRoadClass(4, 2.4)],
  [15, byRoadClass(9, 6)],
  [17, byRoadClass(21, 15)],
)
const footwayWidths = widthByZoom([13, 0.9], [15, 1.8], [17, 3.5])

/** The line a path's lighting is drawn with: over a road, a centre line; a footway is the line. */
const lightingLineWidths = widthByZoom(
  [10, ['case', isRoad, 1, 0.9]],
  [13, ['case', isRoad, 1.4, 1.2]],
  [15, ['case', isRoad, 2.6, 2.4]],
  [17, ['case', isRoad, 5, 4.5]],
)
const litGlowWidths = widthByZoom(
  [13, ['case', isMajorRoad, 7, isRoad, 5, 5]],
  [15, ['case', isMajorRoad, 14, isRoad, 10, 10]],
  [17, ['case', isMajorRoad, 30, isRoad, 22, 18]],
)

const round = { 'line-cap': 'round', 'line-join': 'round' } as const

export const pathLayers: LineLayerSpecification[] = [
  {
    id: 'paths-lit-glow',
    type: 'line',
    source: basemapSourceId,
    'source-layer': 'paths',
    minzoom: 13,
    filter: ['==', ['get', 'lit'], 'yes'],
    layout: round,
    paint: {
      'line-color': palette.litGlow,
      'line-width': litGlowWidths,
      'line-blur': widthByZoom([13, 2], [17, 6]),
      'line-opacity': 0.85,
    },
  },
  {
    id: 'paths-open-space-casing',
    type: 'line',
    source: basemapSourceId,
    'source-layer': 'paths',
    minzoom: 14,
    filter: ['all', isFootway, ['==', ['get', 'in_open_space'], true], ['!=', ['get', 'lit'], 'yes']],
    layout: round,
    paint: {
      'line-color': palette.openSpaceCasing,
      'line-width': widthByZoom([14, 3], [15, 4.5], [17, 9]),
      'line-opacity': 0.85,
    },
  },
  {
    id: 'roads-casing',
    type: 'line',
    source: basemapSourceId,
    'source-layer': 'paths',
    filter: isRoad,
    layout: round,
    paint: {
      'line-color': ['case', isMajorRoad, palette.majorRoadCasing, palette.roadCasing],
      'line-width': roadCasingWidths,
    },
  },
  {
    id: 'roads',
    type: 'line',
    source: basemapSourceId,
    'source-layer': 'paths',
    filter: isRoad,
    layout: round,
    paint: {
      'line-color': ['case', isMajorRoad, palette.majorRoadFill, palette.roadFill],
      'line-width': roadWidths,
    },
  },
  {
    id: 'footways',
    type: 'line',
    source: basemapSourceId,
    'source-layer': 'paths',
    filter: ['all', isFootway, ['!=', ['get', 'lit'], 'no']],
    layout: { 'line-join': 'round' },
    paint: {
      'line-color': ['match', ['get', 'lit'], 'yes', palette.litPath, palette.unknownPath],
      'line-width': footwayWidths,
      // Dashes in line widths: steps short and dense, unpaved or informal ways open, paved ones solid.
      'line-dasharray': [
        'match', highway,
        'steps', ['literal', [0.6, 0.5]],
        ['path', 'track', 'bridleway'], ['literal', [2, 1.2]],
        'footway', ['literal', [4, 1]],
        ['literal', [1, 0]],
      ],
    },
  },
  {
    id: 'paths-unlit',
    type: 'line',
    source: basemapSourceId,
    'source-layer': 'paths',
    filter: ['==', ['get', 'lit'], 'no'],
    layout: round,
    paint: {
      'line-color': palette.unlitPath,
      'line-width': lightingLineWidths,
    },
  },
]

/** Ids of the layers that draw the path network, for queries. */
export const pathLayerIds = pathLayers.map((layer) => layer.id)
