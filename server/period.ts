import { z } from 'zod'
import { addDays, londonInstant } from '../common/london-time.ts'
import { onParsed } from './refine.ts'

const DAY_MS = 86_400_000

/**
 * One end of a period in a query: an ISO instant with its offset, or a plain date as a person
 * or a script writes it, meaning that London day: `from` at its start, `to` at its end, so
 * `from=2026-11-23&to=2026-11-29` is the whole of that week.
 */
const periodEnd = (end: 'from' | 'to') =>
  z.union(
    [
      z.iso.datetime({ offset: true }).transform((s) => new Date(s)),
      z.iso.date().transform((date) => londonInstant(end === 'to' ? addDays(date, 1) : date, '00:00')),
    ],
    { error: `${end} must be a date (2026-11-23) or an instant with its offset (2026-11-23T18:00:00Z)` },
  )

/** A query with optional `from`/`to` (see periodEnd) beside `shape`: `to` after `from`, at most `maxDays` later. */
export const periodQuery = <Shape extends z.ZodRawShape>(shape: Shape, maxDays: number) =>
  z
    .object({ ...shape, from: periodEnd('from').optional(), to: periodEnd('to').optional() })
    .refine((q) => ordered(q as Period), { ...onParsed, message: 'to must be after from', path: ['to'] })
    .refine((q) => spanDays(q as Period) <= maxDays, {
      ...onParsed,
      message: `a period is at most ${maxDays} days`,
      path: ['to'],
    })

// Shape is generic, so TypeScript can't see from/to in the refinements' argument: named here.
type Period = { from?: Date | undefined; to?: Date | undefined }
const ordered = ({ from, to }: Period) => !from || !to || to > from
const spanDays = ({ from, to }: Period) => (from && to ? (to.getTime() - from.getTime()) / DAY_MS : 0)
