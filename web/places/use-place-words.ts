import { useQuery } from '@tanstack/react-query'
import type { LngLat } from '../api/client.ts'
import { fetchPlaceWords } from './api.ts'
import { placeText } from './words.ts'

/**
 * A point in words ("on Aldermans Hill, by Broomfield Park") once the server has said it, and
 * its coordinates until then or when it can't be asked (offline). Rounded to about a metre, so a
 * point placed twice at the same spot asks once.
 */
export function usePlaceWords(at: LngLat | null): string | null {
  const key = at ? { lng: Number(at.lng.toFixed(5)), lat: Number(at.lat.toFixed(5)) } : null
  const words = useQuery({
    queryKey: ['places', 'words', key],
    queryFn: ({ signal }) => fetchPlaceWords(key!, signal),
    enabled: key !== null,
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
  })
  if (!at) return null
  return words.isPending && words.fetchStatus === 'fetching' ? null : placeText(words.data, at)
}
