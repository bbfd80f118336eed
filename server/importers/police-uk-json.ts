import { readFile } from 'node:fs/promises'
import { gunzipSync } from 'node:zlib'
import { BATCH_ROWS } from './bulk.ts'
import { coordinates, monthStart, type Crime } from './crimes.ts'
import { ImportError, jsonErrorLine } from './import-error.ts'

/** One element of the array /api/crimes-street returns (https://data.police.uk/docs/method/crime-street/). */
type ApiCrime = {
  category?: unknown
  location?: { latitude?: unknown; longitude?: unknown; street?: { name?: unknown } | null } | null
  id?: unknown
  persistent_id?: unknown
  month?: unknown
  outcome_status?: { category?: unknown } | null
}

/**
 * Reads a police.uk API crimes file (.json, or .json.gz as saved from the API) and yields its
 * crimes in batches. The id is the persistent id when police.uk gives one, else 'api:' + id.
 * Errors name the crime by its 0-based index in the array ('crime 12').
 */
export async function* readPoliceUkJson(file: string): AsyncGenerator<Crime[]> {
  const bytes = await readFile(file)
  let text: string
  try {
    text = (/\.gz$/i.test(file) ? gunzipSync(bytes) : bytes).toString('utf8')
  } catch (error) {
    throw new ImportError(file, 'file', `cannot decompress (${(error as Error).message})`)
  }
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch (error) {
    throw new ImportError(file, jsonErrorLine(text, error), `not valid JSON (${(error as Error).message})`)
  }
  if (!Array.isArray(data)) throw new ImportError(file, 'line 1', 'not an array of crimes as /api/crimes-street returns')

  for (let start = 0; start < data.length; start += BATCH_ROWS) {
    yield data.slice(start, start + BATCH_ROWS).map((item: unknown, offset) => {
      const fail = (reason: string): never => {
        throw new ImportError(file, `crime ${start + offset}`, reason)
      }
      const crime = (typeof item === 'object' && item !== null ? item : fail('not an object')) as ApiCrime
      const month = monthStart(crime.month) ?? fail(`month ${JSON.stringify(crime.month ?? null)} is not YYYY-MM`)
      const [lon, lat] =
        coordinates(crime.location?.longitude, crime.location?.latitude) ??
        fail(`location ${JSON.stringify(crime.location ?? null)} has no valid latitude and longitude`)
      if (typeof crime.category !== 'string' || crime.category === '') fail('no category')
      const persistentId = typeof crime.persistent_id === 'string' ? crime.persistent_id.trim() : ''
      if (!persistentId && typeof crime.id !== 'number' && typeof crime.id !== 'string') fail('no id')
      const street = crime.location?.street?.name
      const outcome = crime.outcome_status?.category
      return {
        id: persistentId || `api:${crime.id}`,
        month,
        category: crime.category as string,
        street: typeof street === 'string' && street !== '' ? street : null,
        outcome: typeof outcome === 'string' && outcome !== '' ? outcome : null,
        lon,
        lat,
      }
    })
  }
}
