import { answer, client, type Answered, type LngLat } from '../api/client.ts'

/* Places by name and a point in words (docs/places.md). */

/** Up to 10 places whose name is like `q`, nearest to `near` first among equals. */
export const searchPlaces = (q: string, near: LngLat | undefined, signal?: AbortSignal) =>
  answer(
    client.api.places.$get(
      { query: { q, ...(near ? { near: `${near.lng.toFixed(5)},${near.lat.toFixed(5)}` } : {}) } },
      { init: { signal } },
    ),
    'GET /api/places',
  )
export type FoundPlace = Answered<typeof searchPlaces>['places'][number]

export const fetchPlaceWords = (at: LngLat, signal?: AbortSignal) =>
  answer(
    client.api.places.words.$get({ query: { lng: at.lng.toFixed(6), lat: at.lat.toFixed(6) } }, { init: { signal } }),
    'GET /api/places/words',
  )
export type PlaceWords = Answered<typeof fetchPlaceWords>
