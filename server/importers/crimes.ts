import type { Sql } from '../db/database.ts'
import { batches, type Transaction } from './bulk.ts'
import { ImportError } from './import-error.ts'
import { readPoliceUkCsv } from './police-uk-csv.ts'
import { readPoliceUkJson } from './police-uk-json.ts'
import type { ProgressMeter } from './progress.ts'

/** One police.uk street-level crime as stored. */
export type Crime = {
  /** persistent id (the CSV's Crime ID), 'api:<id>', or 'row:<sha256>' for CSV rows without one */
  id: string
  /** first day of the month, 'YYYY-MM-01' */
  month: string
  /** API slug, e.g. 'violent-crime' */
  category: string
  street: string | null
  outcome: string | null
  lon: number
  lat: number
}

/** A reader yields a file's crimes in batches and counts the rows it had to skip. */
export type CrimeReader = (file: string, skipped: () => void) => AsyncGenerator<Crime[]>

export function crimeReaderFor(file: string): CrimeReader {
  if (/\.csv(\.gz)?$/i.test(file)) return readPoliceUkCsv
  if (/\.json(\.gz)?$/i.test(file)) return readPoliceUkJson
  throw new ImportError(file, 'file name', 'expected a police.uk .csv file or an API .json / .json.gz file')
}

/** 'YYYY-MM' → 'YYYY-MM-01', or undefined when it is not a month. */
export function monthStart(value: unknown): string | undefined {
  const match = typeof value === 'string' ? /^(\d{4})-(0[1-9]|1[0-2])$/.exec(value.trim()) : null
  return match ? `${match[1]}-${match[2]}-01` : undefined
}

/** A longitude/latitude pair from text or numbers, or undefined when either is not a coordinate. */
export function coordinates(lon: unknown, lat: unknown): [number, number] | undefined {
  const x = typeof lon === 'string' && lon.trim() !== '' ? Number(lon) : typeof lon === 'number' ? lon : NaN
  const y = typeof lat === 'string' && lat.trim() !== '' ? Number(lat) : typeof lat === 'number' ? lat : NaN
  return Number.isFinite(x) && Number.isFinite(y) && Math.abs(x) <= 180 && Math.abs(y) <= 90 ? [x, y] : undefined
}

/**
 * Imports police.uk crime files in one transaction, streaming: each batch is written while the
 * next is read. Re-importing gives the same table: rows are upserted on their id, and the last
 * record of an id wins (police.uk repeats a persistent id when a crime's outcome changes).
 */
export async function importCrimeFiles(sql: Sql, files: string[], options: { meter: ProgressMeter }) {
  const readers = files.map(crimeReaderFor)
  let read = 0
  let skipped = 0
  return sql.begin(async (tx) => {
    const before = await countCrimes(tx)
    options.meter.begin('crimes')
    for (const [i, file] of files.entries()) {
      for await (const batch of readers[i]!(file, () => skipped++)) {
        await writeCrimes(tx, batch)
        read += batch.length
        options.meter.add('crimes', batch.length)
      }
    }
    const added = (await countCrimes(tx)) - before
    return { crimes: read, 'new crimes': added, 'rows without coordinates': skipped }
  })
}

async function countCrimes(tx: Transaction) {
  const [row] = await tx<{ n: number }[]>`SELECT count(*)::int AS n FROM crimes`
  return row!.n
}

export async function writeCrimes(tx: Transaction, crimes: Crime[]) {
  // One INSERT cannot update a row twice: keep the last record of each id in the batch.
  const unique = [...new Map(crimes.map((c) => [c.id, c])).values()]
  for (const [start, end] of batches(unique.length)) {
    const batch = unique.slice(start, end)
    await tx`
      INSERT INTO crimes (id, month, category, street, outcome, geom)
      SELECT id, month, category, street, outcome, ST_SetSRID(ST_MakePoint(lon, lat), 4326)
      FROM unnest(
        ${batch.map((c) => c.id)}::text[], ${batch.map((c) => c.month)}::date[],
        ${batch.map((c) => c.category)}::text[], ${batch.map((c) => c.street)}::text[],
        ${batch.map((c) => c.outcome)}::text[], ${batch.map((c) => c.lon)}::float8[], ${batch.map((c) => c.lat)}::float8[]
      ) AS c(id, month, category, street, outcome, lon, lat)
      ON CONFLICT (id) DO UPDATE SET
        month = excluded.month, category = excluded.category, street = excluded.street,
        outcome = excluded.outcome, geom = excluded.geom`
  }
}
