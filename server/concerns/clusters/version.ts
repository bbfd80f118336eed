import type { Changes } from '../../db/changes.ts'

/**
 * Which changes an index or overlay includes: the concern sequences' counts (server/db/changes.ts)
 * and this process's own changes, read before its rows.
 */
export type Version = Pick<Changes, 'concerns' | 'deletions' | 'local'>

export const versionOf = ({ concerns, deletions, local }: Changes): Version => ({ concerns, deletions, local })

export const versionKey = (v: Version) => `${v.concerns}:${v.deletions}:${v.local}`

export const sameVersion = (a: Version, b: Version) => a.concerns === b.concerns && a.deletions === b.deletions && a.local === b.local

/** Negative when `a` is older than `b`: deletions first, then other changes, then local ones. */
export function compareVersion(a: Version, b: Version): number {
  return a.deletions - b.deletions || a.concerns - b.concerns || a.local - b.local
}
