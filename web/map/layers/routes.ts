import type { CircleLayerSpecification, ExpressionSpecification, LineLayerSpecification, SymbolLayerSpecification } from 'maplibre-gl'
import { routeKmSourceId, routeSourceId, shortestRouteSourceId } from '../sources/routes.ts'
import { fonts } from '../fonts.ts'
import { palette } from '../palette.ts'

/** The alternatives' colours, by their place in the list (property `index`). */
export const routeColours = palette.routes
/** Darker and wider than the thin grey dashes of paths whose lighting is not recorded. */
export const shortestColour = palette.comparison

const colour = [
  'match', ['get', 'index'],
  0, routeColours[0],
  1, routeColours[1],
  routeColours[2],
] as ExpressionSpecification

/** The selected alternative is told by feature-state (`selected`), set by the route panel. */
const selected: ExpressionSpecification = ['boolean', ['feature-state', 'selected'], false]
/** A width from zoom 12 to 17 (zoom must be the outermost expression, so the case goes inside). */
const byZoom = (at12: ExpressionSpecification, at17: ExpressionSpecification): ExpressionSpecification =>
  ['interpolate', ['linear'], ['zoom'], 12, at12, 17, at17]
const round = { 'line-join': 'round', 'line-cap': 'round' } as const

/** The arrow drawn along the selected line (an SDF image, coloured by the layer): web/routes/route-arrow.ts adds it. */
export const routeArrowImage = 'route-arrow'
/** From this zoom the selected line shows its arrows and km markers: an 8 km loop fills a phone's map at about 12. */
const MARKS_ZOOM = 11
/** The layers showing the selected alternative's km markers: filtered to its `index` by the route panel. */
export const routeKmLayerIds = ['route-km', 'route-km-labels']

/**
 * Bottom to top: the distance-only route dashed grey; the alternatives, the selected one thick on
 * a white casing and the others thinner and paler, so that it reads over everything it crosses;
 * on the selected one, arrowheads the way it goes and its kilometres, numbered in circles.
 */
export const routeLayers: (LineLayerSpecification | SymbolLayerSpecification | CircleLayerSpecification)[] = [
  {
    id: 'route-shortest',
    type: 'line',
    source: shortestRouteSourceId,
    layout: { 'line-join': 'round' },
    paint: {
      'line-color': shortestColour,
      'line-width': ['interpolate', ['linear'], ['zoom'], 12, 3, 17, 5],
      'line-dasharray': [1.5, 1.2],
      'line-opacity': 0.85,
    },
  },
  {
    id: 'route-casing',
    type: 'line',
    source: routeSourceId,
    layout: round,
    paint: {
      'line-color': palette.white,
      'line-width': byZoom(['case', selected, 7, 0], ['case', selected, 12, 0]),
    },
  },
  {
    id: 'route-alternatives',
    type: 'line',
    source: routeSourceId,
    layout: round,
    paint: {
      'line-color': colour,
      'line-width': byZoom(['case', selected, 4.5, 2.5], ['case', selected, 8, 5]),
      'line-opacity': ['case', selected, 1, 0.6],
    },
  },
  {
    id: 'route-arrows',
    type: 'symbol',
    source: routeSourceId,
    minzoom: MARKS_ZOOM,
    layout: {
      // Along the line, pointing the way its points go (start to finish): the icon's x-axis is the line's.
      'symbol-placement': 'line',
      'symbol-spacing': ['interpolate', ['linear'], ['zoom'], MARKS_ZOOM, 50, 17, 110],
      'icon-image': routeArrowImage,
      'icon-size': ['interpolate', ['linear'], ['zoom'], MARKS_ZOOM, 0.9, 17, 1.4],
      'icon-rotation-alignment': 'map',
      // Arrows never hide a label or each other's place: they are part of the line.
      'icon-allow-overlap': true,
      'icon-ignore-placement': true,
    },
    // Arrowheads in the line's colour on a white halo, a little wider than the line, so they read at any zoom.
    paint: { 'icon-color': colour, 'icon-halo-color': palette.white, 'icon-halo-width': 1.5, 'icon-opacity': ['case', selected, 1, 0] },
  },
  {
    id: 'route-km',
    type: 'circle',
    source: routeKmSourceId,
    minzoom: MARKS_ZOOM,
    filter: ['==', ['get', 'index'], 0],
    paint: {
      'circle-color': palette.white,
      'circle-radius': ['interpolate', ['linear'], ['zoom'], MARKS_ZOOM, 7, 17, 10],
      'circle-stroke-color': colour,
      'circle-stroke-width': 2.5,
    },
  },
  {
    id: 'route-km-labels',
    type: 'symbol',
    source: routeKmSourceId,
    minzoom: MARKS_ZOOM,
    filter: ['==', ['get', 'index'], 0],
    layout: {
      'text-field': ['to-string', ['get', 'km']],
      'text-font': fonts.bold,
      'text-size': ['interpolate', ['linear'], ['zoom'], MARKS_ZOOM, 9, 17, 12],
      'text-allow-overlap': true,
      'text-ignore-placement': true,
    },
    paint: { 'text-color': palette.text },
  },
]

/** The layer a click selects an alternative on. */
export const routeClickLayerIds = ['route-alternatives']
