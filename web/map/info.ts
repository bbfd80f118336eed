import { useQuery } from '@tanstack/react-query'
import { answer, client, type Answered } from '../api/client.ts'

/** Where to open the map, the operator's external style, and the server's settings (`settings`). */
export const fetchMapInfo = () => answer(client.api.map.$get(), 'GET /api/map')
export type MapInfo = Answered<typeof fetchMapInfo>
export type Settings = MapInfo['settings']

/**
 * /api/map, read once a visit. Without an answer the map still opens, on the demo area and our
 * own style (`fallback`); the settings are then unknown, and what needs them waits.
 */
export function useMapInfo() {
  const query = useQuery({ queryKey: ['map'], queryFn: fetchMapInfo, staleTime: Infinity })
  const opening: Pick<MapInfo, 'bounds' | 'styleUrl'> | undefined = query.data ?? (query.isError ? { bounds: null, styleUrl: null } : undefined)
  return { opening, settings: query.data?.settings, problem: query.error, retry: () => void query.refetch() }
}
