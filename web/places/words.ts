import type { LngLat } from '../api/client.ts'
import type { MessageId } from '../i18n/english.ts'
import { t } from '../i18n/intl.ts'
import type { PlaceWords } from './api.ts'

/** Within this many metres of a street, a point is "on" it; further, "near" it. */
const ON_STREET_METRES = 60

/**
 * A point in words, as a person would say it: "on Aldermans Hill, by Broomfield Park",
 * "in Broomfield Park, near Broomfield Avenue", "in Enfield"; the coordinates only when the
 * map has no name anywhere near. Each case is one whole message, so that each language puts the
 * street and the open space in its own order with its own words round them.
 */
export function placeText(words: PlaceWords | undefined, at?: LngLat): string {
  const street = words?.street ? { name: words.street.name, on: words.street.metres <= ON_STREET_METRES } : null
  const space = words?.openSpace
  if (space?.inside) {
    if (!street) return t('places.at.inSpace', { space: space.name })
    // Inside a park, a street on its edge is "by" it rather than "on" it.
    return t(street.on ? 'places.at.inSpaceByStreet' : 'places.at.inSpaceNearStreet', { space: space.name, street: street.name })
  }
  if (street && space) return t(street.on ? 'places.at.onStreetBySpace' : 'places.at.nearStreetBySpace', { street: street.name, space: space.name })
  if (street) return t(street.on ? 'places.at.onStreet' : 'places.at.nearStreet', { street: street.name })
  if (space) return t('places.at.bySpace', { space: space.name })
  if (words?.borough) return t('places.at.inBorough', { borough: words.borough })
  // Coordinates are written as maps and GPS apps write them, with a decimal point, in any language.
  return at ? t('places.at.coordinates', { lat: at.lat.toFixed(5), lng: at.lng.toFixed(5) }) : t('places.at.here')
}

const KINDS: Record<string, MessageId> = {
  street: 'places.kind.street',
  path: 'places.kind.path',
  open_space: 'places.kind.open_space',
  borough: 'places.kind.borough',
}

/** What a found place is, for the list under the search box: "Park or open space, Enfield". */
export function placeKindText(kind: string, borough?: string | null): string {
  const what = t(KINDS[kind] ?? 'places.kind.other')
  return borough ? t('places.kindInBorough', { kind: what, borough }) : what
}
