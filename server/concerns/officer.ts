import type { TransactionSql } from 'postgres'
import type { Sql } from '../db/database.ts'
import { envelope, type Bbox } from '../map/bbox.ts'
import type { Category, Days, Source, Status, TimeBand } from './vocabulary.ts'

/** Everything officers see of a concern aliased `c`: the precise point and the free text too. */
export function officerColumns(sql: Sql | TransactionSql) {
  return sql`c.id, c.category, c.time_bands AS "timeBands", c.days, c.description, c.source, c.status,
             c.public_summary AS "publicSummary", c.public_response AS "publicResponse", c.hidden,
             c.merged_into AS "mergedInto", c.support_count AS "supportCount",
             to_char(c.month, 'YYYY-MM') AS month, to_char(c.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "createdAt",
             c.source = 'sample' AS sample, ST_X(c.geom) AS lng, ST_Y(c.geom) AS lat,
             coalesce((SELECT array_agg(l.patrol_id::int ORDER BY l.patrol_id) FROM patrol_concerns l WHERE l.concern_id = c.id), '{}') AS "patrolIds"`
}

export type OfficerConcern = {
  id: number
  category: Category
  timeBands: TimeBand[]
  days: Days
  description: string | null
  source: Source
  status: Status
  publicSummary: string | null
  publicResponse: string | null
  hidden: boolean
  mergedInto: number | null
  supportCount: number
  month: string
  createdAt: string
  sample: boolean
  lng: number
  lat: number
  /** Patrol plans an officer linked to this concern (the receipt names the public ones). */
  patrolIds: number[]
}

export async function officerConcern(sql: Sql | TransactionSql, id: number): Promise<OfficerConcern | undefined> {
  const [row] = await sql<OfficerConcern[]>`SELECT ${officerColumns(sql)} FROM concerns c WHERE c.id = ${id}`
  return row
}

export type OfficerListQuery = {
  bbox?: Bbox
  status?: Status
  category?: Category
  timeBand?: TimeBand
  includeHidden?: boolean
  includeSamples?: boolean
}

/** Concerns for officers, newest first, at most `limit` + 1 (so the caller can tell there were more). */
export function listOfficerConcerns(sql: Sql, q: OfficerListQuery, limit: number) {
  return sql<OfficerConcern[]>`
    SELECT ${officerColumns(sql)} FROM concerns c
    WHERE true
      ${q.bbox ? sql`AND c.geom && ${envelope(sql, q.bbox)}` : sql``}
      ${q.status ? sql`AND c.status = ${q.status}` : sql``}
      ${q.category ? sql`AND c.category = ${q.category}` : sql``}
      ${q.timeBand ? sql`AND ${q.timeBand} = ANY (c.time_bands)` : sql``}
      ${q.includeHidden ? sql`` : sql`AND NOT c.hidden`}
      ${q.includeSamples ? sql`` : sql`AND c.source <> 'sample'`}
    ORDER BY c.created_at DESC, c.id DESC
    LIMIT ${limit + 1}`
}

/** An officer concern as a GeoJSON Feature at its precise point. */
export function officerFeature({ lng, lat, ...properties }: OfficerConcern) {
  return { type: 'Feature' as const, id: properties.id, geometry: { type: 'Point' as const, coordinates: [lng, lat] }, properties }
}

const CSV_COLUMNS = [
  'id', 'category', 'timeBands', 'days', 'description', 'source', 'status', 'publicSummary', 'publicResponse',
  'hidden', 'mergedInto', 'supportCount', 'month', 'createdAt', 'lng', 'lat',
] as const

/**
 * RFC 4180 CSV. A cell starting with = + - @ (or tab/CR) is prefixed with ' so that a resident's
 * text can't run as a formula when an officer opens the export in a spreadsheet.
 */
export function toCsv(rows: OfficerConcern[]): string {
  const cell = (value: unknown): string => {
    let text = value === null || value === undefined ? '' : Array.isArray(value) ? value.join(';') : String(value)
    if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`
    return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
  }
  const lines = [CSV_COLUMNS.join(','), ...rows.map((r) => CSV_COLUMNS.map((k) => cell(r[k])).join(','))]
  return lines.join('\r\n') + '\r\n'
}
