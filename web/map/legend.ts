import { crimeGroups, otherCrime } from './layers/crimes.ts'
import { palette } from './palette.ts'

/** One line of the legend: how a thing is drawn (a stroke, an area, a glow, a dot) and what it means. */
export type LegendEntry = {
  label: string
  /** For the one-line key shown while the panel is folded. */
  shortLabel?: string
  symbol: 'line' | 'dashed-line' | 'glow-line' | 'area' | 'boundary' | 'dot' | 'cluster' | 'band'
  colour: string
  /** A second colour: the glow under a lit path, the outline of an area, a patrol's band. */
  accent?: string
}

export const lightingLegend: LegendEntry[] = [
  { label: 'Unlit path', shortLabel: 'Unlit', symbol: 'line', colour: palette.unlitPath },
  { label: 'Lighting not recorded', shortLabel: 'Not recorded', symbol: 'dashed-line', colour: palette.unknownPath },
  { label: 'Lit path', shortLabel: 'Lit', symbol: 'glow-line', colour: palette.litPath, accent: palette.litGlow },
]

export const basemapLegend: LegendEntry[] = [
  { label: 'Park or open space', symbol: 'area', colour: palette.park, accent: palette.parkOutline },
  { label: 'Borough boundary', symbol: 'boundary', colour: palette.boundary },
]

export const crimeLegend: LegendEntry[] = [
  ...crimeGroups.map((group): LegendEntry => ({ label: group.label, symbol: 'dot', colour: group.colour })),
  { label: otherCrime.label, symbol: 'dot', colour: otherCrime.colour },
]

/** Residents' concerns as the public map draws them: one, or several counted in one circle. */
export const concernLegend: LegendEntry[] = [
  { label: 'A concern, placed at about 100 m', symbol: 'dot', colour: palette.concern },
  { label: 'Several: the number says how many', symbol: 'cluster', colour: palette.concern },
]

/** A reassurance patrol: its path, over the band it covers (`metres` either side). */
export const patrolLegend = (metres: number): LegendEntry[] => [
  { label: `A patrol's path, and the band within about ${metres} m of it`, symbol: 'band', colour: palette.patrol, accent: palette.patrolCoverage },
]
