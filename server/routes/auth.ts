import { Hono } from 'hono'
import { z } from 'zod'
import type { Env } from '../app.ts'
import { forgetAccountFailures, lockedFor, recordFailure, throttleKeys } from '../auth/login-throttle.ts'
import { MAX_PASSWORD_LENGTH, verifyPassword } from '../auth/passwords.ts'
import { requireSignIn } from '../auth/roles.ts'
import { clearSessionCookie, createSession, deleteSession, sessionToken, setSessionCookie } from '../auth/sessions.ts'
import { findLoginAccount, publicUser } from '../auth/users.ts'
import { ApiError, validate } from '../errors.ts'
import { jsonOnly, smallBody } from '../json-body.ts'
import { clientAddress } from '../limits/client-address.ts'

const credentials = z.object({
  email: z.string().trim().max(254).pipe(z.email()),
  password: z.string().min(1).max(MAX_PASSWORD_LENGTH),
})

// One answer for an unknown email, a wrong password and a disabled account, so that the
// response doesn't tell which accounts exist.
const INVALID = 'The email or password is wrong'

export const auth = new Hono<Env>()
  .post('/login', jsonOnly, smallBody, validate('json', credentials), async (c) => {
    const { email, password } = c.req.valid('json')
    const sql = c.var.db.sql
    const counters = c.var.limits
    const keys = throttleKeys(email, clientAddress(c, c.var.config.clientAddress))
    const wait = await lockedFor(sql, counters, keys)
    if (wait > 0) {
      c.header('Retry-After', String(wait))
      const minutes = Math.ceil(wait / 60)
      throw new ApiError(429, 'rate_limited', `Too many failed logins: try again in ${minutes} minute${minutes === 1 ? '' : 's'}`)
    }
    const account = await findLoginAccount(sql, email)
    const matches = await verifyPassword(account?.passwordHash, password)
    if (!account || !matches || account.disabled) {
      await recordFailure(sql, counters, keys)
      throw new ApiError(401, 'invalid_credentials', INVALID)
    }
    await forgetAccountFailures(sql, counters, keys)
    // A fresh token at every sign-in: a token planted before it (session fixation) stays unprivileged.
    const previous = sessionToken(c)
    if (previous !== undefined) await deleteSession(sql, previous)
    setSessionCookie(c, await createSession(sql, account.id))
    return c.json({ user: publicUser(account) })
  })
  .post('/logout', async (c) => {
    const token = sessionToken(c)
    if (token !== undefined) await deleteSession(c.var.db.sql, token)
    clearSessionCookie(c)
    return c.body(null, 204)
  })
  .get('/me', requireSignIn, (c) => c.json({ user: c.var.user }))
