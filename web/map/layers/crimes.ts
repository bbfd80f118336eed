import type { CircleLayerSpecification, ExpressionSpecification } from 'maplibre-gl'
import { t } from '../../i18n/intl.ts'
import { basemapSourceId } from '../sources/basemap.ts'
import { palette } from '../palette.ts'

/** A group of police.uk crime categories that share a colour on the map and a line in the legend. */
export type CrimeGroup = {
  /** In the page's language (a getter). */
  readonly label: string
  colour: string
  /** police.uk category slugs. */
  categories: string[]
}

/** Categories not listed here (e.g. `other-crime`, or a slug police.uk adds later) are drawn as "Other". */
export const crimeGroups: CrimeGroup[] = [
  {
    get label() {
      return t('map.crime.violence')
    },
    colour: palette.crimeViolence,
    categories: ['violent-crime', 'robbery', 'possession-of-weapons'],
  },
  {
    get label() {
      return t('map.crime.disorder')
    },
    colour: palette.crimeDisorder,
    categories: ['anti-social-behaviour', 'public-order'],
  },
  {
    get label() {
      return t('map.crime.theft')
    },
    colour: palette.crimeTheft,
    categories: [
      'burglary', 'theft-from-the-person', 'other-theft', 'shoplifting', 'bicycle-theft',
      'vehicle-crime', 'criminal-damage-arson',
    ],
  },
]
export const otherCrime = {
  get label() {
    return t('map.crime.other')
  },
  colour: palette.crimeOther,
}

/** The police.uk layer starts at this zoom: points are snapped to street-level locations. */
export const CRIME_MIN_ZOOM = 15

// Built from the groups, whose number TypeScript cannot count through the spread: hence the cast.
const crimeColour = [
  'match', ['get', 'category'],
  ...crimeGroups.flatMap((group) => [group.categories, group.colour]),
  otherCrime.colour,
] as unknown as ExpressionSpecification

/**
 * Recorded crime from police.uk (`crimes` source layer). Hidden until the reader asks for it:
 * it is kept apart from residents' concerns and is not what the map is for.
 */
export const crimeLayers: CircleLayerSpecification[] = [
  {
    id: 'crimes',
    type: 'circle',
    source: basemapSourceId,
    'source-layer': 'crimes',
    minzoom: CRIME_MIN_ZOOM,
    layout: { visibility: 'none' },
    paint: {
      'circle-color': crimeColour,
      'circle-radius': ['interpolate', ['linear'], ['zoom'], 15, 3.5, 18, 7],
      'circle-opacity': 0.8,
      'circle-stroke-color': palette.white,
      'circle-stroke-width': 1,
    },
  },
]

export const crimeLayerIds = crimeLayers.map((layer) => layer.id)
