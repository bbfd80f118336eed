import type { ExpressionSpecification, LineLayerSpecification } from 'maplibre-gl'
import { publicPatrolSourceId } from '../sources/public-patrols.ts'
import { palette } from '../palette.ts'

/** A deep indigo that neither the basemap, the concerns (teal) nor the planned routes use. */
export const patrolColour = palette.patrol
const coverageColour = palette.patrolCoverage

/** Web Mercator's equator in metres (WGS 84's), and the size of the tiles MapLibre lays the world on. */
const EQUATOR_METRES = 40_075_016.686
const TILE_PIXELS = 512
/** Zooms between which the width is interpolated: beyond MapLibre's range at both ends. */
const MIN_ZOOM = 0
const MAX_ZOOM = 24

/** Metres a pixel spans at zoom 0 at a latitude (Web Mercator stretches by 1 / cos latitude). */
export const metresPerPixelAtZoom0 = (latitude: number) => (EQUATOR_METRES * Math.cos((latitude * Math.PI) / 180)) / TILE_PIXELS

/**
 * A `line-width` of `metres` on the ground at every zoom near `latitude`. The pixels a metre
 * takes double with each zoom, so an exponential base-2 interpolation between two stops gives
 * exactly `w0 · 2^zoom` in between.
 */
export function lineWidthInMetres(metres: number, latitude: number): ExpressionSpecification {
  const atZoom0 = metres / metresPerPixelAtZoom0(latitude)
  return ['interpolate', ['exponential', 2], ['zoom'], MIN_ZOOM, atZoom0 * 2 ** MIN_ZOOM, MAX_ZOOM, atZoom0 * 2 ** MAX_ZOOM]
}

const round = { 'line-join': 'round', 'line-cap': 'round' } as const
/** The plan chosen in the list or on the map is told by feature-state (`selected`). */
const isSelected: ExpressionSpecification = ['boolean', ['feature-state', 'selected'], false]

export const patrolCoverageLayerId = 'public-patrol-coverage'
export const patrolLineLayerId = 'public-patrol-line'

/**
 * Bottom to top: the coverage band (`coverageMetres` either side, the server's COVERAGE_METRES
 * from /api/map, so twice that wide; faint so that the paths under it read through, one even
 * surface where it overlaps itself), a white casing, and the patrol's line, thicker when it is
 * the one chosen in the list or on the map.
 */
export function publicPatrolLayers(latitude: number, coverageMetres: number): LineLayerSpecification[] {
  return [
    {
      id: patrolCoverageLayerId,
      type: 'line',
      source: publicPatrolSourceId,
      layout: round,
      paint: {
        'line-color': coverageColour,
        // The whole layer at once (MapLibre ≥ 6): a band this wide overlaps itself at every bend,
        // and `line-opacity` would darken each overlap.
        'line-layer-opacity': 0.18,
        'line-width': lineWidthInMetres(2 * coverageMetres, latitude),
      },
    },
    {
      id: 'public-patrol-casing',
      type: 'line',
      source: publicPatrolSourceId,
      layout: round,
      paint: {
        'line-color': palette.white,
        'line-width': ['interpolate', ['linear'], ['zoom'], 12, ['case', isSelected, 7, 5], 17, ['case', isSelected, 11, 8]],
      },
    },
    {
      id: patrolLineLayerId,
      type: 'line',
      source: publicPatrolSourceId,
      layout: round,
      paint: {
        'line-color': patrolColour,
        'line-width': ['interpolate', ['linear'], ['zoom'], 12, ['case', isSelected, 4.5, 2.5], 17, ['case', isSelected, 7, 4.5]],
      },
    },
  ]
}
