import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { createGunzip } from 'node:zlib'
import { CsvError, parse } from 'csv-parse'
import { BATCH_ROWS } from './bulk.ts'
import { crimeCategory } from './crime-categories.ts'
import { coordinates, monthStart, type Crime } from './crimes.ts'
import { ImportError } from './import-error.ts'

/** The columns of a police.uk bulk street file (https://data.police.uk/about/#columns) that we read. */
const COLUMNS = ['Crime ID', 'Month', 'Longitude', 'Latitude', 'Location', 'Crime type', 'Last outcome category'] as const
type Row = Record<(typeof COLUMNS)[number], string>

/**
 * Streams a police.uk bulk CSV (`*-street.csv`, optionally .gz) and yields its crimes in
 * batches. Rows without coordinates (police.uk publishes some) are skipped and counted. Rows
 * without a Crime ID (anti-social behaviour) get 'row:' + sha256 of their content and their
 * ordinal among identical rows of the file, so a re-import finds them again and two identical
 * incidents stay two.
 */
export async function* readPoliceUkCsv(file: string, skipped: () => void): AsyncGenerator<Crime[]> {
  const input = createReadStream(file)
  const parser = (/\.gz$/i.test(file) ? input.pipe(createGunzip()) : input).pipe(
    parse({ columns: true, bom: true, info: true, skip_empty_lines: true, trim: true }),
  )
  const seen = new Map<string, number>()
  let batch: Crime[] = []
  let checkedHeader = false
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: Row; info: { lines: number } }>) {
      const fail = (reason: string): never => {
        throw new ImportError(file, `line ${info.lines}`, reason)
      }
      if (!checkedHeader) {
        const missing = COLUMNS.filter((c) => !(c in record))
        if (missing.length) throw new ImportError(file, 'line 1', `not a police.uk street CSV: no column ${missing.join(', ')}`)
        checkedHeader = true
      }
      if (record.Longitude === '' || record.Latitude === '') {
        skipped()
        continue
      }
      const [lon, lat] = coordinates(record.Longitude, record.Latitude) ?? fail(`invalid coordinates ${record.Longitude}, ${record.Latitude}`)
      const month = monthStart(record.Month) ?? fail(`month ${JSON.stringify(record.Month)} is not YYYY-MM`)
      if (record['Crime type'] === '') fail('no Crime type')
      let id = record['Crime ID']
      if (id === '') {
        const content = [record.Month, record.Longitude, record.Latitude, record.Location, record['Crime type']].join('\u001f')
        const n = (seen.get(content) ?? 0) + 1
        seen.set(content, n)
        id = 'row:' + createHash('sha256').update(`${content}\u001f${n}`).digest('hex')
      }
      batch.push({
        id,
        month,
        category: crimeCategory(record['Crime type']),
        street: record.Location || null,
        outcome: record['Last outcome category'] || null,
        lon,
        lat,
      })
      if (batch.length === BATCH_ROWS) {
        yield batch
        batch = []
      }
    }
  } catch (error) {
    if (error instanceof CsvError) {
      const line = typeof error.lines === 'number' ? error.lines : undefined
      throw new ImportError(file, line ? `line ${line}` : 'file', error.message)
    }
    if (error instanceof ImportError) throw error
    throw new ImportError(file, 'file', (error as Error).message)
  } finally {
    input.destroy()
  }
  if (batch.length) yield batch
}
