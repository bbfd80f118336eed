import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { parse } from 'csv-parse/sync'
import { SHARED_DATA } from './db.ts'

/**
 * Broken copies of the real police.uk files in ../shared/data, written to a test's temp folder:
 * the data stays in the bundle, and each copy breaks exactly one record.
 */
const MERTON_JSON = SHARED_DATA + 'police-uk/api/merton/crimes-street-2016-01.json'
const CITY_CSV = SHARED_DATA + 'police-uk/csv/2018-07-city-of-london-street.csv'

type ApiCrime = { month: string; location: { latitude: string; longitude: string } }

async function firstCrimes(count: number): Promise<ApiCrime[]> {
  return (JSON.parse(await readFile(MERTON_JSON, 'utf8')) as ApiCrime[]).slice(0, count)
}

/** Two Merton crimes of January 2016; the second (crime 1) has the month 2016-13. */
export async function writeCrimesWithBadMonth(dir: string): Promise<string> {
  const crimes = await firstCrimes(2)
  crimes[1]!.month = '2016-13'
  return write(join(dir, 'bad-month.json'), JSON.stringify(crimes))
}

/** Three Merton crimes; the third (crime 2) has an empty latitude. */
export async function writeCrimesWithoutCoordinates(dir: string): Promise<string> {
  const crimes = await firstCrimes(3)
  crimes[2]!.location.latitude = ''
  return write(join(dir, 'bad-coordinates.json'), JSON.stringify(crimes))
}

/** The City of London file's header and first three rows; line 4 has the longitude "west". */
export async function writeCsvWithBadCoordinate(dir: string): Promise<string> {
  const lines = (await readFile(CITY_CSV, 'utf8')).split('\n').slice(0, 4)
  const [row] = parse(lines[3]!) as string[][]
  row![4] = 'west'
  lines[3] = row!.map((field) => `"${field.replaceAll('"', '""')}"`).join(',')
  return write(join(dir, 'bad-row.csv'), lines.join('\n') + '\n')
}

async function write(path: string, text: string): Promise<string> {
  await writeFile(path, text)
  return path
}
