import type { ExpressionSpecification, LineLayerSpecification } from 'maplibre-gl'
import { routeSourceId, shortestRouteSourceId } from '../sources/routes.ts'
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

/**
 * Bottom to top: the distance-only route dashed grey; the alternatives, the selected one thick on
 * a white casing and the others thinner and paler, so that it reads over everything it crosses.
 */
export const routeLayers: LineLayerSpecification[] = [
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
]

/** The layer a click selects an alternative on. */
export const routeClickLayerIds = ['route-alternatives']
