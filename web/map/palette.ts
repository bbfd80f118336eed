/**
 * The map's colours, in one place so that the layers and the legend that explains them agree.
 * A calm paper-and-park basemap, so that the one thing in a strong colour (unlit paths) stands out.
 */
export const palette = {
  /** Land with nothing else on it. */
  paper: '#f5f2ec',
  park: '#d5e8c4',
  parkOutline: '#a9cc93',
  wood: '#c3dcaf',
  heath: '#e1e9c8',
  parkLabel: '#2f5d2a',

  roadFill: '#ffffff',
  roadCasing: '#d2c9b9',
  majorRoadFill: '#fdf6e3',
  majorRoadCasing: '#d3c6a8',
  roadLabel: '#5b5650',

  /** Paths whose lighting is recorded as lit: a soft glow under the line. */
  litGlow: '#ffdc5c',
  litPath: '#8a7650',
  /** Paths with no lighting recorded: neutral, so that they neither reassure nor alarm. */
  unknownPath: '#8e949b',
  /** Paths recorded as unlit: the strongest colour on the map. */
  unlitPath: '#d9480f',
  /** A pale casing that lifts paths off the green of a park. */
  openSpaceCasing: '#f7fbf2',

  boundary: '#6f5f94',
  boundaryLabel: '#4f4370',

  /** Residents' concerns: a deep teal that no other layer uses; white text on it reads well. */
  concern: '#00636b',
  concernSample: '#5f9ea3',
  concernHalo: '#ffffff',
  concernHeatLow: '#9fd8d5',
  concernHeatMid: '#2f9aa0',
  concernHeatHigh: '#0b5f78',
  concernHeatTop: '#3b1f6b',
  /** Moderation map: a concern's status. */
  statusNew: '#c2410c',
  statusAcknowledged: '#a16207',
  statusPlanned: '#1d4ed8',
  statusActioned: '#15803d',
  statusClosed: '#6b7280',
  focus: '#1f6fb2',

  /** Halo behind every label, the colour of the paper. */
  halo: '#fdfcf9',
} as const
