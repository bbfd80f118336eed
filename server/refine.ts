/**
 * zod 4 runs a refinement of an object (or array) even when a field inside it failed, and then
 * hands it the raw input: `q.to.getTime` on a string that never became a Date, a 500 where a
 * 400 belongs. Spread into every refinement's options, this runs it only once everything before
 * it parsed: `.refine((q) => q.to > q.from, { ...onParsed, message: '…' })`.
 * test/unit/refinements.test.ts checks that no refinement in server/ goes without it.
 */
export const onParsed = { when: (payload: { issues: readonly unknown[] }) => payload.issues.length === 0 }
