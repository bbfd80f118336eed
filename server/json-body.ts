import type { IncomingMessage } from 'node:http'
import { bodyLimit } from 'hono/body-limit'
import { createMiddleware } from 'hono/factory'
import { ApiError } from './errors.ts'

/**
 * JSON only: a form on another site can post urlencoded or text without asking, but not
 * application/json, which makes the browser ask first (a CORS preflight we never grant).
 */
export const jsonOnly = createMiddleware(async (c, next) => {
  if (!/^application\/json\s*(;|$)/i.test(c.req.header('content-type') ?? '')) {
    throw new ApiError(415, 'unsupported_media_type', 'Send the body as application/json')
  }
  await next()
})

/**
 * A refusal sent before the request's body was read (413, 415, 401 …) says `Connection: close`:
 * the rest of the body is still on its way, and the server can't tell how long draining it would
 * take (a phone on a poor link) before the connection could carry the next request. Without it
 * the client would send its next request on a connection that is about to close. A body read to
 * its end (a 400 after parsing) keeps the connection. Needs the Node socket (c.env.incoming);
 * app.request in tests has none.
 */
export const closeAfterUnreadBody = createMiddleware(async (c, next) => {
  await next()
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming
  if (incoming && c.res.status >= 400 && !incoming.readableEnded && hasBody(incoming)) c.res.headers.set('Connection', 'close')
})

const hasBody = (incoming: IncomingMessage) =>
  incoming.headers['transfer-encoding'] !== undefined || Number(incoming.headers['content-length'] ?? 0) > 0

/** A body larger than `kB` is refused before it is read or parsed. */
export const bodyAtMost = (kB: number) =>
  bodyLimit({
    maxSize: kB * 1024,
    onError: () => {
      throw new ApiError(413, 'payload_too_large', `A request body is at most ${kB} kB`)
    },
  })

/** Logins and reports are well under 2 kB. */
export const smallBody = bodyAtMost(16)
