import type { Context } from 'hono'
import { createMiddleware } from 'hono/factory'
import type { Env } from '../app.ts'
import { ApiError } from '../errors.ts'
import { signedInUser } from './sessions.ts'
import { ROLES, type Role, type User } from './users.ts'

/**
 * Lets the request through only for a signed-in user with one of the roles: 401 without a
 * session, 403 for another role. Handlers after it see `c.var.user` as a User, not null.
 */
export const requireRole = (...roles: [Role, ...Role[]]) =>
  createMiddleware<{ Variables: Env['Variables'] & { user: User } }>(async (c, next) => {
    // Typed as narrowed for the handlers after this one; here it may still be null.
    const user = await signedInUser(c as unknown as Context<Env>)
    if (!user) throw new ApiError(401, 'unauthorized', 'Sign in first')
    if (!roles.includes(user.role)) {
      throw new ApiError(403, 'forbidden', `This needs the role ${roles.join(' or ')}`)
    }
    await next()
  })

/** Any signed-in user, whatever the role. */
export const requireSignIn = requireRole(...ROLES)

/** Is whoever asks an officer or an admin? They see what the public doesn't (private plans, notes). */
export async function isOfficer(c: Context<Env>): Promise<boolean> {
  const role = (await signedInUser(c))?.role
  return role === 'officer' || role === 'admin'
}
