import { createHash, randomBytes } from 'node:crypto'
import type { Sql } from '../db/database.ts'
import { linkedPatrols, type LinkedPatrol } from '../patrols/plans.ts'
import { describePoint, type PlaceWords } from '../places/gazetteer.ts'
import type { Category, Status } from './vocabulary.ts'

/**
 * The reporter's one way back to their concern: 32 random bytes (256 bits) as base64url. Only
 * the SHA-256 is stored, so a copy of the database can't be used to read anyone's receipt.
 */
export function newReceipt(): { token: string; hash: Buffer } {
  const token = randomBytes(32).toString('base64url')
  return { token, hash: hashReceipt(token) }
}

export const hashReceipt = (token: string): Buffer => createHash('sha256').update(token).digest()

export type ReceiptView = {
  status: Status
  category: Category
  month: string
  publicSummary: string | null
  publicResponse: string | null
  supportCount: number
  /** Public patrol plans an officer linked to it (or to the concern it was merged into). */
  linked: LinkedPatrol[]
  /** Where, in words (street, open space, borough): the reporter recognises it; never the point. */
  place: PlaceWords
}

/**
 * What the reporter sees. Whatever the token, it is hashed and looked up by the primary-key
 * index, so an unknown one takes as long as a known one. A merged report shows the concern it
 * was merged into, since that is where officers answer. Never the free text or the point: the
 * place is said by the names of its street and open space.
 */
export async function findReceipt(sql: Sql, token: string): Promise<ReceiptView | undefined> {
  const [row] = await sql<(Omit<ReceiptView, 'linked' | 'place'> & { ids: number[]; lng: number; lat: number })[]>`
    SELECT ARRAY[c.id, coalesce(t.id, c.id)]::int[] AS ids, ST_X(c.geom) AS lng, ST_Y(c.geom) AS lat, coalesce(t.status, c.status) AS status, c.category, to_char(c.month, 'YYYY-MM') AS month,
           coalesce(t.public_summary, c.public_summary) AS "publicSummary",
           coalesce(t.public_response, c.public_response) AS "publicResponse",
           coalesce(t.support_count, c.support_count) AS "supportCount"
    FROM concerns c LEFT JOIN concerns t ON t.id = c.merged_into
    WHERE c.receipt_hash = ${hashReceipt(token)}`
  if (!row) return undefined
  const { ids, lng, lat, ...view } = row
  return { ...view, linked: await linkedPatrols(sql, ids), place: await describePoint(sql, { lng, lat }) }
}
