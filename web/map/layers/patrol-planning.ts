import type { ExpressionSpecification, LayerSpecification } from 'maplibre-gl'
import { fonts } from '../fonts.ts'
import { palette } from '../palette.ts'
import { hotspotSourceId, patrolPlanSourceId, previewSourceId, suggestionSourceId, waypointSourceId } from '../sources/patrol-planning.ts'

/**
 * A hot spot's colour says how much of its weight the week's patrols cover (property `state`);
 * the list beside the map says it in words, so colour is never the only cue.
 */
const hotspotColours = { covered: palette.hotspotCovered, partly: palette.hotspotPartly, uncovered: palette.hotspotUncovered } as const
const previewColour = palette.preview
const suggestionColour = palette.suggestion
const planColour = palette.comparison

const hotspotColour = [
  'match', ['get', 'state'],
  'covered', hotspotColours.covered,
  'partly', hotspotColours.partly,
  hotspotColours.uncovered,
] as ExpressionSpecification

/** Circles grow with the hot spot's weight (support counts), and with the zoom. */
const hotspotRadius: ExpressionSpecification = [
  'interpolate', ['linear'], ['zoom'],
  12, ['interpolate', ['linear'], ['get', 'weight'], 1, 6, 40, 16],
  17, ['interpolate', ['linear'], ['get', 'weight'], 1, 12, 40, 34],
]

const round = { 'line-join': 'round', 'line-cap': 'round' } as const

/** Bottom to top: saved plans, hot spots, a suggestion, the plan being drawn and its waypoints. */
export const patrolPlanningLayers: LayerSpecification[] = [
  {
    id: 'patrol-plans',
    type: 'line',
    source: patrolPlanSourceId,
    layout: round,
    paint: {
      'line-color': planColour,
      'line-width': ['interpolate', ['linear'], ['zoom'], 12, 2, 17, 4],
      // The plan being changed is left to the preview: feature-state `editing`.
      'line-opacity': ['case', ['boolean', ['feature-state', 'editing'], false], 0, 0.7],
      'line-dasharray': [2, 1.5],
    },
  },
  {
    id: 'patrol-hotspots',
    type: 'circle',
    source: hotspotSourceId,
    paint: {
      'circle-color': hotspotColour,
      'circle-radius': hotspotRadius,
      'circle-opacity': 0.35,
      'circle-stroke-color': hotspotColour,
      // The hot spot picked in the list or on the map is told by feature-state (`selected`).
      'circle-stroke-width': ['case', ['boolean', ['feature-state', 'selected'], false], 4, 2],
    },
  },
  {
    id: 'patrol-hotspot-rank',
    type: 'symbol',
    source: hotspotSourceId,
    layout: {
      'text-field': ['to-string', ['get', 'rank']],
      'text-font': fonts.bold,
      'text-size': 13,
      'text-allow-overlap': true,
    },
    paint: { 'text-color': palette.text, 'text-halo-color': palette.halo, 'text-halo-width': 1.5 },
  },
  {
    id: 'patrol-suggestion-casing',
    type: 'line',
    source: suggestionSourceId,
    layout: round,
    paint: { 'line-color': palette.white, 'line-width': ['interpolate', ['linear'], ['zoom'], 12, 6, 17, 11] },
  },
  {
    id: 'patrol-suggestion',
    type: 'line',
    source: suggestionSourceId,
    layout: round,
    paint: { 'line-color': suggestionColour, 'line-width': ['interpolate', ['linear'], ['zoom'], 12, 3.5, 17, 7] },
  },
  {
    id: 'patrol-preview-casing',
    type: 'line',
    source: previewSourceId,
    layout: round,
    paint: { 'line-color': palette.white, 'line-width': ['interpolate', ['linear'], ['zoom'], 12, 6, 17, 11] },
  },
  {
    id: 'patrol-preview',
    type: 'line',
    source: previewSourceId,
    layout: round,
    paint: { 'line-color': previewColour, 'line-width': ['interpolate', ['linear'], ['zoom'], 12, 3.5, 17, 7] },
  },
  {
    id: 'patrol-waypoints',
    type: 'circle',
    source: waypointSourceId,
    paint: {
      'circle-color': ['case', ['==', ['get', 'n'], 0], palette.start, previewColour],
      'circle-radius': ['case', ['>', ['get', 'dwellMinutes'], 0], 11, 9],
      'circle-stroke-color': palette.white,
      'circle-stroke-width': 2,
    },
  },
  {
    id: 'patrol-waypoint-number',
    type: 'symbol',
    source: waypointSourceId,
    filter: ['>', ['get', 'n'], 0],
    layout: {
      'text-field': ['to-string', ['get', 'n']],
      'text-font': fonts.bold,
      'text-size': 12,
      'text-allow-overlap': true,
    },
    paint: { 'text-color': palette.white },
  },
]

/** The layer a click picks a hot spot on. */
export const hotspotClickLayerId = 'patrol-hotspots'
