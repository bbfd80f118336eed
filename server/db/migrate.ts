import { createHash } from 'node:crypto'
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Sql } from './database.ts'

const SQL_DIR = new URL('../../sql/', import.meta.url).pathname

export class MigrationError extends Error {}

/**
 * Runs sql/migrations/NNNN_*.sql in order, once each, each in its own transaction, recorded
 * with a checksum; then (re)applies every sql/functions/*.sql. Returns the number of
 * migrations recorded.
 */
export async function migrate(sql: Sql, sqlDir = SQL_DIR): Promise<number> {
  await sql`
    CREATE TABLE IF NOT EXISTS schema_migrations (
      name text PRIMARY KEY,
      checksum text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`
  const applied = new Map(
    (await sql<{ name: string; checksum: string }[]>`SELECT name, checksum FROM schema_migrations`).map(
      (r) => [r.name, r.checksum],
    ),
  )
  const migrations = await readSqlFiles(join(sqlDir, 'migrations'))
  for (const m of migrations) {
    if (!/^\d{4}_[a-z0-9_]+\.sql$/.test(m.name)) {
      throw new MigrationError(`Migration file name ${m.name} must look like 0001_what.sql`)
    }
    const known = applied.get(m.name)
    if (known === m.checksum) continue
    if (known !== undefined) {
      throw new MigrationError(
        `Migration sql/migrations/${m.name} was edited after it was applied (checksum ${known.slice(0, 12)}… now ` +
          `${m.checksum.slice(0, 12)}…). Migrations are roll-forward only: restore the file and add a new migration.`,
      )
    }
    await sql.begin(async (tx) => {
      await tx.unsafe(m.text)
      await tx`INSERT INTO schema_migrations (name, checksum) VALUES (${m.name}, ${m.checksum})`
    }).catch((error: Error) => {
      throw new MigrationError(`Migration sql/migrations/${m.name} failed: ${error.message}`)
    })
  }
  const functions = await readSqlFiles(join(sqlDir, 'functions'))
  await sql.begin(async (tx) => {
    for (const f of functions) {
      await tx.unsafe(f.text).catch((error: Error) => {
        throw new MigrationError(`SQL function file sql/functions/${f.name} failed: ${error.message}`)
      })
    }
  })
  const [row] = await sql<{ count: number }[]>`SELECT count(*)::int AS count FROM schema_migrations`
  return row!.count
}

async function readSqlFiles(dir: string) {
  const names = (await readdir(dir).catch(() => [] as string[])).filter((n) => n.endsWith('.sql')).sort()
  return Promise.all(
    names.map(async (name) => {
      const text = await readFile(join(dir, name), 'utf8')
      return { name, text, checksum: createHash('sha256').update(text).digest('hex') }
    }),
  )
}
