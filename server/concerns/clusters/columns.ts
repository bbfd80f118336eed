import type { Query, Sql } from '../../db/database.ts'
import { readChanges, type Changes } from '../../db/changes.ts'
import { CATEGORIES, DAYS, STATUSES, TIME_BANDS, type Category, type TimeBand } from '../vocabulary.ts'
import { visible, type PublishConcerns } from '../visibility.ts'
import { BAND_BITS, BAND_SHIFT, DAYS_SHIFT, SAMPLE, STATUS_SHIFT } from './flags.mjs'

/** Rows per query while an index's rows are read (so other queries and requests interleave). */
const BATCH = 5000

/** Which concerns an index clusters: the public ones, of one category and time band or all. */
export type ClusterFilter = { category?: Category; timeBand?: TimeBand; publish: PublishConcerns }

/** One concern as read from SQL (index rows and overlay rows alike), packed as flags.mjs says. */
export type Row = [
  id: number, lng: number, lat: number, flags: number, bands: number, month: number, support: number,
  summary: string | null, response: string | null,
]

/** The columns of a Row, for concerns aliased `c`. */
export function rowColumns(sql: Query) {
  const band = (k: number) =>
    sql`coalesce((array_position(${TIME_BANDS as unknown as string[]}::text[], c.time_bands[${k}]) - 1) << ${BAND_SHIFT + BAND_BITS * (k - 1)}, 0)`
  return sql`c.id, ST_X(c.cell), ST_Y(c.cell),
    (array_position(${CATEGORIES as unknown as string[]}::text[], c.category) - 1)
      | CASE WHEN c.source = 'sample' THEN ${SAMPLE} ELSE 0 END
      | ((array_position(${STATUSES as unknown as string[]}::text[], c.status) - 1) << ${STATUS_SHIFT})
      | ((array_position(${DAYS as unknown as string[]}::text[], c.days) - 1) << ${DAYS_SHIFT}),
    cardinality(c.time_bands) | ${band(1)} | ${band(2)} | ${band(3)} | ${band(4)},
    (extract(year FROM c.month) * 12 + extract(month FROM c.month) - 1)::int,
    c.support_count, c.public_summary, c.public_response`
}

/** The filter as a condition on concerns aliased `c`. */
export function filterCondition(sql: Query, filter: ClusterFilter) {
  return sql`${visible(sql, filter.publish)}
    ${filter.category ? sql`AND c.category = ${filter.category}` : sql``}
    ${filter.timeBand ? sql`AND ${filter.timeBand} = ANY (c.time_bands)` : sql``}`
}

/** Cell coordinates to 6 decimals (~0.1 m), as the public list gives them. */
export const round6 = (v: number) => Math.round(v * 1e6) / 1e6

export type IndexColumns = ReturnType<Columns['done']>

/**
 * The concerns an index is built from, with where the change sequences stood, in one snapshot:
 * rows in batches (a cursor) so that the event loop, and the embedded database, serve other
 * requests in between. `local`: this process's change count, taken before the snapshot.
 */
export async function readIndexColumns(sql: Sql, filter: ClusterFilter, local: number): Promise<{ changes: Changes; columns: IndexColumns }> {
  return sql.begin('isolation level repeatable read read only', async (tx) => {
    const changes = await readChanges(tx, local)
    const into = new Columns()
    // In no order: the build thread sorts the ids for lookups.
    await tx`SELECT ${rowColumns(tx)} FROM concerns c WHERE ${filterCondition(tx, filter)}`
      .values()
      .cursor(BATCH, (rows) => into.add(rows as unknown as Row[]))
    return { changes, columns: into.done() }
  })
}

/** Rows into typed columns, growing as batches come. */
class Columns {
  n = 0
  ids = new Float64Array(1024)
  lng = new Float64Array(1024)
  lat = new Float64Array(1024)
  flags = new Uint16Array(1024)
  bands = new Uint16Array(1024)
  month = new Int32Array(1024)
  support = new Int32Array(1024)
  texts = new Map<number, [string | null, string | null]>()

  add(rows: Row[]) {
    const need = this.n + rows.length
    if (need > this.ids.length) {
      let size = this.ids.length
      while (size < need) size *= 2
      const grow = <T extends Float64Array | Uint16Array | Int32Array>(a: T): T => {
        const b = new (a.constructor as new (n: number) => T)(size)
        b.set(a)
        return b
      }
      this.ids = grow(this.ids)
      this.lng = grow(this.lng)
      this.lat = grow(this.lat)
      this.flags = grow(this.flags)
      this.bands = grow(this.bands)
      this.month = grow(this.month)
      this.support = grow(this.support)
    }
    let k = this.n
    for (const r of rows) {
      this.ids[k] = r[0]
      this.lng[k] = round6(r[1])
      this.lat[k] = round6(r[2])
      this.flags[k] = r[3]
      this.bands[k] = r[4]
      this.month[k] = r[5]
      this.support[k] = r[6]
      if (r[7] !== null || r[8] !== null) this.texts.set(k, [r[7], r[8]])
      k++
    }
    this.n = k
  }

  /** Trimmed to size (ids, lng, lat and flags go to the build thread, so they must be exactly n long). */
  done() {
    const n = this.n
    return {
      n,
      ids: this.ids.slice(0, n),
      lng: this.lng.slice(0, n),
      lat: this.lat.slice(0, n),
      flags: this.flags.slice(0, n),
      bands: this.bands.subarray(0, n),
      month: this.month.subarray(0, n),
      support: this.support.subarray(0, n),
      texts: this.texts,
    }
  }
}
