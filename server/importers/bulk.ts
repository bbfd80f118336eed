import type { TransactionSql } from 'postgres'

/** The transaction an import writes through: all of it commits or none of it does. */
export type Transaction = TransactionSql<{}>

/** Rows per INSERT … SELECT FROM unnest(…): big enough to amortise a round trip, small enough for the embedded DB. */
export const BATCH_ROWS = 4000

/** Slices [0, length) into batches of at most `size`. */
export function* batches(length: number, size = BATCH_ROWS): Generator<[start: number, end: number]> {
  for (let start = 0; start < length; start += size) yield [start, Math.min(length, start + size)]
}
