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
  /** Casings under lines and rings round points drawn over anything. */
  white: '#ffffff',
  /** Nothing drawn: the bottom of the heat map, a ring's inside. */
  transparent: 'rgba(0,0,0,0)',
  text: '#1c1917',

  /** police.uk crime groups (legend and points). */
  crimeViolence: '#b02a5b',
  crimeDisorder: '#7048c8',
  crimeTheft: '#1f6fb2',
  crimeOther: '#6b7280',

  /**
   * Planned routes by their place in the list: strong, apart from each other and from the map's
   * own colours (unlit orange, concern teal, park green); the list names each one too, so colour
   * is never the only cue.
   */
  routes: ['#1f4fc4', '#8a2fb0', '#c2185b'],
  /** The distance-only comparison and saved patrol plans: darker than unrecorded paths' grey. */
  comparison: '#4a4f57',
  /** Start and end pins (a report's place is an end: where something happened). */
  start: '#15803d',
  end: '#b02a5b',

  /** Reassurance patrols as residents see them, and their coverage band. */
  patrol: '#2b2f8f',
  patrolCoverage: '#5560d6',
  /** The patrol planner: a hot spot's coverage, the drawn preview and a suggestion. */
  hotspotCovered: '#15803d',
  hotspotPartly: '#b45309',
  hotspotUncovered: '#b91c1c',
  preview: '#1f4fc4',
  suggestion: '#8a2fb0',
} as const
