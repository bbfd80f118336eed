import type { LngLat } from '../api/client.ts'
import type { PlaceWords } from './api.ts'

/** Within this many metres of a street, a point is "on" it; further, "near" it. */
const ON_STREET_METRES = 60

/**
 * A point in words, as a person would say it: "on Aldermans Hill, by Broomfield Park",
 * "in Broomfield Park, near Broomfield Avenue", "in Enfield"; the coordinates only when the
 * map has no name anywhere near.
 */
export function placeText(words: PlaceWords | undefined, at?: LngLat): string {
  const street = words?.street ? `${words.street.metres <= ON_STREET_METRES ? 'on' : 'near'} ${words.street.name}` : null
  const space = words?.openSpace
  if (space?.inside) return street ? `in ${space.name}, ${street.replace(/^on /, 'by ')}` : `in ${space.name}`
  if (street) return space ? `${street}, by ${space.name}` : street
  if (space) return `by ${space.name}`
  if (words?.borough) return `in ${words.borough}`
  return at ? `at ${at.lat.toFixed(5)}, ${at.lng.toFixed(5)}` : 'here'
}

/** What a found place is, for the list under the search box. */
export const placeKindText: Record<string, string> = {
  street: 'Street',
  path: 'Path',
  open_space: 'Park or open space',
  borough: 'Borough',
}
