import type { Query } from '../db/database.ts'
import type { Category, Days, Status, TimeBand } from './vocabulary.ts'

export type PublishConcerns = 'immediately' | 'after_review'

/**
 * The rule for what the public may see, as a SQL condition on `concerns` aliased `c`: not
 * hidden, not merged into another, and with PUBLISH_CONCERNS=after_review only once an officer
 * has moved it past `new`.
 */
export function visible(sql: Query, publish: PublishConcerns) {
  return sql`(NOT c.hidden AND c.merged_into IS NULL ${publish === 'after_review' ? sql`AND c.status <> 'new'` : sql``})`
}

/** The public columns of a concern aliased `c`: the cell, never `geom`, never `description`. */
export function publicColumns(sql: Query) {
  return sql`c.id, c.category, c.time_bands AS "timeBands", c.days, to_char(c.month, 'YYYY-MM') AS month,
             c.support_count AS "supportCount", c.status, c.public_summary AS "publicSummary",
             c.public_response AS "publicResponse", c.source = 'sample' AS sample`
}

export type PublicConcern = {
  id: number
  category: Category
  timeBands: TimeBand[]
  days: Days
  month: string
  supportCount: number
  status: Status
  publicSummary: string | null
  publicResponse: string | null
  sample: boolean
}
