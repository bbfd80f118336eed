import type { User } from '../auth/users.ts'
import type { Sql } from '../db/database.ts'
import { findClub } from './clubs.ts'
import { runsForCalendar } from './runs.ts'
import { hashShareToken, newShareToken } from './share-links.ts'

/**
 * A club's calendar feed for calendar apps to subscribe to: they send no session, so the link is
 * the secret, made like a share link (256 random bits, only the SHA-256 kept). A new link
 * replaces the one before; the organiser can remove it.
 */

/** Where calendar apps subscribe to a club's runs. */
export const feedPath = (token: string) => `/api/club-feeds/${token}.ics`

export async function newCalendarFeed(sql: Sql, user: User, clubId: number): Promise<{ url: string }> {
  await findClub(sql, user, clubId)
  const { token, hash } = newShareToken()
  await sql`UPDATE clubs SET feed_hash = ${hash} WHERE id = ${clubId}`
  return { url: feedPath(token) }
}

export async function revokeCalendarFeed(sql: Sql, user: User, clubId: number): Promise<void> {
  await findClub(sql, user, clubId)
  await sql`UPDATE clubs SET feed_hash = NULL WHERE id = ${clubId}`
}

/** The club a feed link belongs to and its runs, or undefined (an unknown or removed link). */
export async function feedRuns(sql: Sql, token: string) {
  const [club] = await sql<{ id: number; name: string }[]>`SELECT id, name FROM clubs WHERE feed_hash = ${hashShareToken(token)}`
  return club && { club, runs: await runsForCalendar(sql, club.id) }
}
