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
