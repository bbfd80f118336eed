import type { ExpressionSpecification, LineLayerSpecification } from 'maplibre-gl'
import { routeSourceId, shortestRouteSourceId } from '../sources/routes.ts'

/**
 * The alternatives' colours, by their place in the list (property `index`). Strong, apart from
 * each other and from the map's own colours (unlit orange, concern teal, park green); the list
 * names each one too ("Route 1"), so colour is never the only cue.
 */
export const routeColours = ['#1f4fc4', '#8a2fb0', '#c2185b'] as const
/** Darker and wider than the thin grey dashes of paths whose lighting is not recorded. */
export const shortestColour = '#4a4f57'

const colour = [
  'match', ['get', 'index'],
  0, routeColours[0],
  1, routeColours[1],
  routeColours[2],
] as ExpressionSpecification

const isSelected: ExpressionSpecification = ['==', ['get', 'selected'], true]
const notSelected: ExpressionSpecification = ['!=', ['get', 'selected'], true]
const round = { 'line-join': 'round', 'line-cap': 'round' } as const

/**
 * Bottom to top: the distance-only route dashed grey; the other alternatives, thin; the selected
 * one thick on a white casing, so that it reads over everything it crosses.
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
    id: 'route-alternatives',
    type: 'line',
    source: routeSourceId,
    filter: notSelected,
    layout: round,
    paint: {
      'line-color': colour,
      'line-width': ['interpolate', ['linear'], ['zoom'], 12, 2.5, 17, 5],
      'line-opacity': 0.75,
    },
  },
  {
    id: 'route-selected-casing',
    type: 'line',
    source: routeSourceId,
    filter: isSelected,
    layout: round,
    paint: {
      'line-color': '#ffffff',
      'line-width': ['interpolate', ['linear'], ['zoom'], 12, 7, 17, 12],
    },
  },
  {
    id: 'route-selected',
    type: 'line',
    source: routeSourceId,
    filter: isSelected,
    layout: round,
    paint: {
      'line-color': colour,
      'line-width': ['interpolate', ['linear'], ['zoom'], 12, 4.5, 17, 8],
    },
  },
]

/** The layers a click selects an alternative on. */
export const routeClickLayerIds = ['route-alternatives', 'route-selected']
