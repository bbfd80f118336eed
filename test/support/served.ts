import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { afterAll } from 'vitest'

type Fetching = { fetch: (request: Request, env?: unknown) => Response | Promise<Response> }

/** An app on a loopback port, as a client meets it (sockets, keep-alive), closed after the file. */
export async function served(app: Fetching): Promise<string> {
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' })
  await new Promise<void>((resolve) => server.once('listening', () => resolve()))
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}
