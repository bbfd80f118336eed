import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ImportError, importFiles, type ImportKind } from '../../server/importers/import.ts'
import { writeCrimesWithBadMonth, writeCrimesWithoutCoordinates, writeCsvWithBadCoordinate } from '../support/broken-files.ts'
import { mapDataChecksums } from '../support/checksums.ts'
import { resetMapData, SHARED_DATA, useTestSql } from '../support/db.ts'
import { fixturePath } from '../support/fixture-files.ts'

const fixture = fixturePath
const MERTON_JSON = SHARED_DATA + 'police-uk/api/merton/crimes-street-2016-01.json'
const sql = useTestSql()

/** Runs an import that must fail; returns the ImportError after checking that nothing changed. */
async function failedImport(kind: ImportKind, files: string[]): Promise<ImportError> {
  const before = await mapDataChecksums(sql)
  const error = await importFiles(sql, kind, files).then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(ImportError)
  expect(await mapDataChecksums(sql)).toEqual(before)
  return error as ImportError
}

describe('malformed files', () => {
  let dir: string | undefined
  beforeAll(async () => {
    await resetMapData(sql)
    await importFiles(sql, 'osm', [fixture('osm/small-area.osm')])
    await importFiles(sql, 'crimes', [SHARED_DATA + 'police-uk/csv/2018-07-city-of-london-street.csv'])
    await importFiles(sql, 'boundary', [SHARED_DATA + 'boundaries/london-boroughs.geojson'])
    dir = await mkdtemp(join(tmpdir(), 'cg-broken-'))
  })
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true })
  })

  it('stops at the line where an OSM XML file ends too early and writes nothing', async () => {
    const file = fixture('broken/truncated.osm')
    const error = await failedImport('osm', [fixture('osm/small-area.osm'), file])
    expect(error.file).toBe(file)
    expect(error.where).toBe('line 15')
    expect(error.message).toContain('truncated.osm, line 15')
  })

  it('names the line of a node without a valid latitude', async () => {
    const error = await failedImport('osm', [fixture('broken/bad-node.osm')])
    expect(error.where).toBe('line 5')
    expect(error.message).toMatch(/lat/)
  })

  it('names the block where a PBF file is cut short', async () => {
    const bytes = await readFile(SHARED_DATA + 'osm/monaco.osm.pbf')
    const file = join(dir!, 'cut.osm.pbf')
    await writeFile(file, bytes.subarray(0, 1_000_000))
    const error = await failedImport('osm', [file])
    expect(error.file).toBe(file)
    expect(error.where).toMatch(/^block \d+$/)
    expect(error.message).toMatch(/ends inside a blob/)
  })

  it('names the block of a PBF whose compressed data is damaged', async () => {
    const bytes = Buffer.from(await readFile(SHARED_DATA + 'osm/monaco.osm.pbf'))
    bytes.fill(0x55, 600_000, 600_200)
    const file = join(dir!, 'damaged.osm.pbf')
    await writeFile(file, bytes)
    const error = await failedImport('osm', [file])
    expect(error.where).toMatch(/^block \d+$/)
  })

  it('refuses a file that is not OSM at all', async () => {
    const error = await failedImport('osm', [fixture('broken/not-geojson.geojson')])
    expect(error.message).toMatch(/\.osm .*\.osm\.pbf/)
  })

  it('names the missing file', async () => {
    const error = await failedImport('crimes', [join(dir!, 'no-such-file.csv')])
    expect(error.message).toMatch(/no-such-file\.csv.*no such file/)
  })

  it('names the crime with a bad month and writes none of the good file imported with it', async () => {
    const file = await writeCrimesWithBadMonth(dir!)
    const error = await failedImport('crimes', [MERTON_JSON, file])
    expect(error.file).toBe(file)
    expect(error.where).toBe('crime 1')
    expect(error.message).toMatch(/2016-13/)
  })

  it('names the crime without coordinates in API JSON', async () => {
    const error = await failedImport('crimes', [await writeCrimesWithoutCoordinates(dir!)])
    expect(error.where).toBe('crime 2')
  })

  it('refuses API JSON that is not an array', async () => {
    const error = await failedImport('crimes', [fixture('broken/not-an-array.json')])
    expect(error.where).toBe('line 1')
    expect(error.message).toMatch(/not an array/)
  })

  it('names the line of a gzipped API file that is cut short', async () => {
    const text = await readFile(MERTON_JSON, 'utf8')
    const file = join(dir!, 'cut.json.gz')
    await writeFile(file, gzipSync(text.slice(0, 20_000)))
    const error = await failedImport('crimes', [file])
    expect(error.where).toBe('line 1')
    expect(error.message).toMatch(/not valid JSON/)
  })

  it('names the CSV line with a coordinate that is not a number', async () => {
    const file = await writeCsvWithBadCoordinate(dir!)
    const error = await failedImport('crimes', [file])
    expect(error.file).toBe(file)
    expect(error.where).toBe('line 4')
  })

  it('refuses GeoJSON that is not a FeatureCollection', async () => {
    const error = await failedImport('openspaces', [fixture('broken/not-geojson.geojson')])
    expect(error.message).toMatch(/not a GeoJSON FeatureCollection/)
  })

  it('names the feature that is not a polygon', async () => {
    const error = await failedImport('boundary', [fixture('broken/point-feature.geojson')])
    expect(error.where).toBe('feature 1')
    expect(error.message).toMatch(/"Point"/)
  })

  it('refuses polygons in British National Grid instead of storing them in the sea', async () => {
    const error = await failedImport('boundary', [fixture('broken/british-national-grid.geojson')])
    expect(error.message).toMatch(/EPSG::27700/)
  })
})
