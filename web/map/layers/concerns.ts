import type {
  CircleLayerSpecification,
  ExpressionSpecification,
  HeatmapLayerSpecification,
  LayerSpecification,
  SymbolLayerSpecification,
} from 'maplibre-gl'
import { fonts } from '../fonts.ts'
import { palette } from '../palette.ts'
import { concernSourceId, officerConcernSourceId } from '../sources/concerns.ts'

const isCluster: ExpressionSpecification = ['==', ['get', 'cluster'], true]
const notCluster: ExpressionSpecification = ['!=', ['get', 'cluster'], true]

/** Clusters grow with the number of concerns in them. */
const clusterRadius: ExpressionSpecification = ['step', ['get', 'pointCount'], 14, 10, 18, 50, 23, 200, 28]

/** How much a feature weighs in the heat map: a cluster its count, a concern its support. */
const heatWeight: ExpressionSpecification = [
  'case', isCluster, ['get', 'pointCount'], ['+', 1, ['coalesce', ['get', 'supportCount'], 0]],
]

export const concernHeatLayer: HeatmapLayerSpecification = {
  id: 'concern-heat',
  type: 'heatmap',
  source: concernSourceId,
  layout: { visibility: 'none' },
  paint: {
    'heatmap-weight': ['interpolate', ['linear'], heatWeight, 1, 0.3, 20, 1],
    'heatmap-intensity': ['interpolate', ['linear'], ['zoom'], 10, 0.6, 17, 1.6],
    'heatmap-radius': ['interpolate', ['linear'], ['zoom'], 10, 14, 17, 40],
    'heatmap-opacity': 0.75,
    'heatmap-color': [
      'interpolate', ['linear'], ['heatmap-density'],
      0, palette.transparent,
      0.2, palette.concernHeatLow,
      0.5, palette.concernHeatMid,
      0.8, palette.concernHeatHigh,
      1, palette.concernHeatTop,
    ],
  },
}

export const concernClusterLayer: CircleLayerSpecification = {
  id: 'concern-clusters',
  type: 'circle',
  source: concernSourceId,
  filter: isCluster,
  paint: {
    'circle-color': palette.concern,
    'circle-radius': clusterRadius,
    'circle-opacity': 0.9,
    'circle-stroke-color': palette.concernHalo,
    'circle-stroke-width': 2,
  },
}

export const concernClusterCountLayer: SymbolLayerSpecification = {
  id: 'concern-cluster-count',
  type: 'symbol',
  source: concernSourceId,
  filter: isCluster,
  layout: {
    'text-field': ['to-string', ['get', 'pointCount']],
    'text-font': fonts.bold,
    'text-size': 13,
    'text-allow-overlap': true,
  },
  paint: { 'text-color': palette.concernHalo },
}

export const concernPointLayer: CircleLayerSpecification = {
  id: 'concern-points',
  type: 'circle',
  source: concernSourceId,
  filter: notCluster,
  paint: {
    // Sample (demo) concerns are paler, so they are not mistaken for residents' reports.
    'circle-color': ['case', ['==', ['get', 'sample'], true], palette.concernSample, palette.concern],
    'circle-radius': ['interpolate', ['linear'], ['zoom'], 12, 6, 18, 10],
    'circle-stroke-color': palette.concernHalo,
    'circle-stroke-width': 2,
  },
}

/** Heat map at the bottom; clusters and single concerns over it (hidden while it shows). */
export const concernLayers: LayerSpecification[] = [
  concernHeatLayer,
  concernClusterLayer,
  concernClusterCountLayer,
  concernPointLayer,
]
export const concernMarkerLayerIds = [concernClusterLayer.id, concernClusterCountLayer.id, concernPointLayer.id]
export const concernHeatLayerId = concernHeatLayer.id

/** The officer's map: precise points by status; the selected one ringed. */
export const officerConcernLayers: CircleLayerSpecification[] = [
  {
    id: 'officer-concerns',
    type: 'circle',
    source: officerConcernSourceId,
    paint: {
      'circle-color': [
        'match', ['get', 'status'],
        'new', palette.statusNew,
        'acknowledged', palette.statusAcknowledged,
        'action_planned', palette.statusPlanned,
        'actioned', palette.statusActioned,
        palette.statusClosed,
      ],
      'circle-opacity': ['case', ['==', ['get', 'hidden'], true], 0.35, 0.95],
      'circle-radius': ['interpolate', ['linear'], ['zoom'], 12, 5, 18, 9],
      'circle-stroke-color': palette.concernHalo,
      'circle-stroke-width': 1.5,
    },
  },
  {
    id: 'officer-concern-selected',
    type: 'circle',
    source: officerConcernSourceId,
    paint: {
      'circle-color': palette.transparent,
      'circle-radius': ['interpolate', ['linear'], ['zoom'], 12, 10, 18, 15],
      'circle-stroke-color': palette.focus,
      // The concern open in the list is told by feature-state (`selected`).
      'circle-stroke-width': ['case', ['boolean', ['feature-state', 'selected'], false], 3, 0],
    },
  },
]
