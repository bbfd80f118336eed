import { hc, type InferResponseType } from 'hono/client'
import type { AppType } from '../server/app.ts'

/** The server's API, typed from its routes: a changed endpoint breaks this build, not the map. */
const client = hc<AppType>('/')

/** Where to open the map, and the operator's external style if one is configured. */
export type MapInfo = InferResponseType<typeof client.api.map.$get, 200>

/** The one error shape the API answers a failure with. */
type ApiError = { error: { code: string; message: string } }

export async function fetchMapInfo(): Promise<MapInfo> {
  const response = await client.api.map.$get()
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as ApiError | null
    throw new Error(body?.error.message ?? `GET /api/map answered ${response.status}`)
  }
  return await response.json()
}
