import { mkdtemp, mkdir, writeFile, cp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { migrate } from '../../server/db/migrate.ts'
import { useTestSql } from '../support/db.ts'

const sql = useTestSql()

describe('migrations', () => {
  it('records every migration once and applies nothing twice', async () => {
    const before = await migrate(sql)
    const again = await migrate(sql)
    expect(again).toBe(before)
    const rows = await sql`SELECT name FROM schema_migrations ORDER BY name`
    expect(rows.map((r) => r.name)).toContain('0001_extensions.sql')
  })

  it('stops with the file name when a landed migration was edited', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cg-sql-'))
    await cp(new URL('../../sql/', import.meta.url).pathname, dir, { recursive: true })
    await writeFile(join(dir, 'migrations', '0001_extensions.sql'), '-- edited\nCREATE EXTENSION IF NOT EXISTS postgis;\n')
    await expect(migrate(sql, dir)).rejects.toThrow(/0001_extensions\.sql was edited/)
  })

  it('rolls back a failing migration and records nothing of it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cg-sql-'))
    await cp(new URL('../../sql/', import.meta.url).pathname, dir, { recursive: true })
    await mkdir(join(dir, 'migrations'), { recursive: true })
    await writeFile(
      join(dir, 'migrations', '9999_broken.sql'),
      'CREATE TABLE half_written (id int);\nSELECT no_such_function();\n',
    )
    await expect(migrate(sql, dir)).rejects.toThrow(/9999_broken\.sql failed/)
    const [row] = await sql`SELECT to_regclass('half_written') IS NOT NULL AS exists`
    expect(row?.exists).toBe(false)
    const recorded = await sql`SELECT 1 FROM schema_migrations WHERE name = '9999_broken.sql'`
    expect(recorded).toHaveLength(0)
  })
})
