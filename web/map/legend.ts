import { t } from '../i18n/intl.ts'
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

type Drawing = Omit<LegendEntry, 'label' | 'shortLabel'>

/** An entry whose words are read when it is drawn, so that a legend made once speaks the page's language. */
const entry = (label: () => string, drawing: Drawing, shortLabel?: () => string): LegendEntry => ({
  get label() {
    return label()
  },
  get shortLabel() {
    return shortLabel?.()
  },
  ...drawing,
})

export const lightingLegend: LegendEntry[] = [
  entry(() => t('map.legend.unlit'), { symbol: 'line', colour: palette.unlitPath }, () => t('map.legend.unlit.short')),
  entry(() => t('map.legend.unknown'), { symbol: 'dashed-line', colour: palette.unknownPath }, () => t('map.legend.unknown.short')),
  entry(() => t('map.legend.lit'), { symbol: 'glow-line', colour: palette.litPath, accent: palette.litGlow }, () => t('map.legend.lit.short')),
]

export const basemapLegend: LegendEntry[] = [
  entry(() => t('map.legend.openSpace'), { symbol: 'area', colour: palette.park, accent: palette.parkOutline }),
  entry(() => t('map.legend.boundary'), { symbol: 'boundary', colour: palette.boundary }),
]

export const crimeLegend: LegendEntry[] = [
  ...crimeGroups.map((group) => entry(() => group.label, { symbol: 'dot', colour: group.colour })),
  entry(() => otherCrime.label, { symbol: 'dot', colour: otherCrime.colour }),
]

/** Residents' concerns as the public map draws them: one, or several counted in one circle. */
export const concernLegend: LegendEntry[] = [
  entry(() => t('map.legend.concern'), { symbol: 'dot', colour: palette.concern }),
  entry(() => t('map.legend.concerns'), { symbol: 'cluster', colour: palette.concern }),
]

/** A reassurance patrol: its path, over the band it covers (`metres` either side). */
export const patrolLegend = (metres: number): LegendEntry[] => [
  entry(() => t('map.legend.patrol', { metres }), { symbol: 'band', colour: palette.patrol, accent: palette.patrolCoverage }),
]
