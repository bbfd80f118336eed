import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { writeCrimesWithBadMonth } from '../support/broken-files.ts'
import { runCli } from '../support/cli.ts'
import { resetMapData, SHARED_DATA, useTestSql } from '../support/db.ts'

const sql = useTestSql()

const runImport = (args: string[]) => runCli('import', args)

describe('npm run import', () => {
  let dir: string
  beforeAll(async () => {
    await resetMapData(sql)
    dir = await mkdtemp(join(tmpdir(), 'cg-cli-'))
  })
  afterAll(() => rm(dir, { recursive: true, force: true }))

  it('exits with 1 naming the file and the crime when a file is malformed, and writes nothing', async () => {
    const file = await writeCrimesWithBadMonth(dir)
    const result = await runImport(['crimes', SHARED_DATA + 'police-uk/api/merton/crimes-street-2016-01.json', file])
    expect(result.code).toBe(1)
    expect(result.stderr).toContain(`${file}, crime 1: month "2016-13" is not YYYY-MM`)
    expect(result.stderr).toContain('Nothing was written')
    const [row] = await sql<{ n: number }[]>`SELECT count(*)::int AS n FROM crimes`
    expect(row!.n).toBe(0)
  })

  it('exits with 2 and prints the usage when no file is given', async () => {
    const result = await runImport(['osm'])
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('Usage: npm run import -- <kind> <file...>')
  })

  it('exits with 2 on an unknown kind', async () => {
    const result = await runImport(['parks', 'x.geojson'])
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('Unknown kind "parks"')
  })

  it('imports a file, prints what it wrote and reports progress on stderr', async () => {
    const result = await runImport(['boundary', SHARED_DATA + 'boundaries/london-boroughs.geojson'])
    expect(result.code).toBe(0)
    expect(result.stdout).toMatch(/Imported boundary from 1 file in [\d.]+ s:\n\s+33 boundaries/)
    expect(result.stderr).toMatch(/boundary: 33 boundaries written … [\d,]+\/s/)
  })
})
