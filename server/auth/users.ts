import type { Sql } from '../db/database.ts'
import { hashPassword } from './passwords.ts'

export const ROLES = ['officer', 'club', 'admin'] as const
export type Role = (typeof ROLES)[number]

/** Who is signed in, as handlers see it in `c.var.user` and clients see it from /api/auth/me. */
export type User = { id: number; email: string; name: string; role: Role }

/** A failure of an account command the operator can fix (duplicate or unknown email). */
export class AccountError extends Error {}

export async function createUser(
  sql: Sql,
  account: { email: string; name: string; role: Role; password: string },
): Promise<User> {
  const passwordHash = await hashPassword(account.password)
  try {
    const [user] = await sql<User[]>`
      INSERT INTO users (email, name, role, password_hash)
      VALUES (${account.email}, ${account.name}, ${account.role}, ${passwordHash})
      RETURNING id, email, name, role`
    return user!
  } catch (error) {
    if ((error as { code?: string }).code === '23505') {
      throw new AccountError(`An account with the email ${account.email} already exists`)
    }
    throw error
  }
}

/** The account a login names, disabled or not; undefined when there is none. */
export async function findLoginAccount(sql: Sql, email: string) {
  const [row] = await sql<(User & { passwordHash: string; disabled: boolean })[]>`
    SELECT id, email, name, role, password_hash AS "passwordHash", disabled_at IS NOT NULL AS disabled
    FROM users WHERE lower(email) = lower(${email})`
  return row
}

export type UserListing = User & { disabledAt: Date | null; createdAt: Date }

export function listUsers(sql: Sql): Promise<UserListing[]> {
  return sql<UserListing[]>`
    SELECT id, email, name, role, disabled_at AS "disabledAt", created_at AS "createdAt"
    FROM users ORDER BY lower(email)`
}

/**
 * Disables the account and ends its sessions at once. Returns false when it was already
 * disabled; throws AccountError when there is no such account.
 */
export async function disableUser(sql: Sql, email: string): Promise<boolean> {
  return sql.begin(async (tx) => {
    const [user] = await tx<{ id: number; disabled: boolean }[]>`
      SELECT id, disabled_at IS NOT NULL AS disabled FROM users WHERE lower(email) = lower(${email}) FOR UPDATE`
    if (!user) throw new AccountError(`No account has the email ${email}`)
    await tx`UPDATE users SET disabled_at = now() WHERE id = ${user.id} AND disabled_at IS NULL`
    await tx`DELETE FROM sessions WHERE user_id = ${user.id}`
    return !user.disabled
  }) as Promise<boolean>
}

/** The part of an account that may leave the server. */
export const publicUser = ({ id, email, name, role }: User): User => ({ id, email, name, role })
