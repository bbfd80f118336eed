import type { Sql } from '../db/database.ts'
import { ApiError } from '../errors.ts'
import { officerConcern, type OfficerConcern } from './officer.ts'
import type { Status } from './vocabulary.ts'

/** What an officer may change of a concern; `null` or `""` clears a public text. */
export type ConcernPatch = {
  status?: Status
  publicSummary?: string | null
  publicResponse?: string | null
  hidden?: boolean
}

/** Applies an officer's changes and returns the concern as officers see it; 404 when there is none. */
export async function moderateConcern(sql: Sql, id: number, patch: ConcernPatch): Promise<OfficerConcern> {
  return sql.begin(async (tx) => {
    const [row] = await tx<{ id: number }[]>`
      UPDATE concerns c SET
        status = coalesce(${patch.status ?? null}, c.status),
        public_summary = ${patch.publicSummary === undefined ? tx`c.public_summary` : emptyToNull(patch.publicSummary)},
        public_response = ${patch.publicResponse === undefined ? tx`c.public_response` : emptyToNull(patch.publicResponse)},
        hidden = coalesce(${patch.hidden ?? null}::boolean, c.hidden),
        updated_at = now()
      WHERE c.id = ${id}
      RETURNING c.id`
    if (!row) throw new ApiError(404, 'not_found', 'No such concern')
    return (await officerConcern(tx, id))!
  })
}

/**
 * Merges duplicate `id` into `into`: `into` gains its support, `id` is hidden and points at it.
 * Returns both as officers see them.
 */
export async function mergeConcern(sql: Sql, id: number, into: number): Promise<{ into: OfficerConcern; merged: OfficerConcern }> {
  if (id === into) throw new ApiError(422, 'merge_into_itself', 'A concern cannot be merged into itself')
  return sql.begin(async (tx) => {
    // Both rows locked in id order, so two merges of the same pair can't deadlock.
    const rows = await tx<{ id: number; mergedInto: number | null; supportCount: number }[]>`
      SELECT id, merged_into AS "mergedInto", support_count AS "supportCount"
      FROM concerns WHERE id IN ${tx([id, into])} ORDER BY id FOR UPDATE`
    const from = rows.find((r) => r.id === id)
    const target = rows.find((r) => r.id === into)
    if (!from) throw new ApiError(404, 'not_found', 'No such concern')
    if (!target) throw new ApiError(422, 'unknown_target', `No concern ${into} to merge into`, { into })
    if (from.mergedInto !== null) throw new ApiError(409, 'already_merged', `Concern ${id} was already merged into ${from.mergedInto}`, { mergedInto: from.mergedInto })
    if (target.mergedInto !== null) {
      throw new ApiError(409, 'target_merged', `Concern ${into} was itself merged into ${target.mergedInto}: merge into that one`, {
        mergedInto: target.mergedInto,
      })
    }
    await tx`UPDATE concerns SET support_count = support_count + ${from.supportCount}, updated_at = now() WHERE id = ${into}`
    await tx`UPDATE concerns SET merged_into = ${into}, hidden_before_merge = hidden, hidden = true, updated_at = now() WHERE id = ${id}`
    return { into: (await officerConcern(tx, into))!, merged: (await officerConcern(tx, id))! }
  })
}

/**
 * Undoes the merge of `id`: the concern it was merged into gives back the support it gained, and
 * `id` is shown or hidden as it was before (hidden when that is not known: merged before it was
 * kept). Returns both as officers see them; 409 when `id` is not merged.
 */
export async function unmergeConcern(sql: Sql, id: number): Promise<{ into: OfficerConcern; merged: OfficerConcern }> {
  return sql.begin(async (tx) => {
    const [from] = await tx<{ mergedInto: number | null; supportCount: number }[]>`
      SELECT merged_into AS "mergedInto", support_count AS "supportCount" FROM concerns WHERE id = ${id} FOR UPDATE`
    if (!from) throw new ApiError(404, 'not_found', 'No such concern')
    if (from.mergedInto === null) throw new ApiError(409, 'not_merged', `Concern ${id} is not merged into another`)
    const into = from.mergedInto
    await tx`UPDATE concerns SET support_count = greatest(support_count - ${from.supportCount}, 0), updated_at = now() WHERE id = ${into}`
    await tx`UPDATE concerns SET merged_into = NULL, hidden = coalesce(hidden_before_merge, true), hidden_before_merge = NULL, updated_at = now() WHERE id = ${id}`
    return { into: (await officerConcern(tx, into))!, merged: (await officerConcern(tx, id))! }
  })
}

const emptyToNull = (text: string | null) => (text === null || text === '' ? null : text)
