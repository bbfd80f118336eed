import type { Sql } from '../../server/db/database.ts'
import { createUser as addUser, type Role, type User } from '../../server/auth/users.ts'

export const DEFAULT_PASSWORD = 'correct horse battery staple'

/** Anything with Hono's app.request(). */
type RequestingApp = { request(path: string, init?: RequestInit): Response | Promise<Response> }

/** Empties accounts, sessions and the limits' counters so a test starts from no users. */
export async function resetAccounts(sql: Sql): Promise<void> {
  await sql`TRUNCATE users, sessions, client_limits RESTART IDENTITY CASCADE`
}

let serial = 0

/** An account with a known password; the email is unique unless given. */
export async function createUser(
  sql: Sql,
  options: { role: Role; email?: string; password?: string; name?: string },
): Promise<User & { password: string }> {
  const password = options.password ?? DEFAULT_PASSWORD
  const email = options.email ?? `${options.role}${++serial}@example.org`
  const user = await addUser(sql, { email, name: options.name ?? `Test ${options.role} ${serial}`, role: options.role, password })
  return { ...user, password }
}

/** POST /api/auth/login as a browser on the same site would; returns the Cookie header to send. */
export async function loginAs(app: RequestingApp, user: { email: string; password: string }): Promise<string> {
  const res = await app.request('/api/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: 'http://localhost' },
    body: JSON.stringify({ email: user.email, password: user.password }),
  })
  if (res.status !== 200) throw new Error(`Login as ${user.email} failed: ${res.status} ${await res.text()}`)
  const cookie = res.headers.get('set-cookie')?.split(';')[0]
  if (!cookie?.startsWith('cg_session=')) throw new Error('Login set no session cookie')
  return cookie
}
