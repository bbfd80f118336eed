import { Hono } from 'hono'
import type { Env } from '../app.ts'

export const health = new Hono<Env>().get('/', async (c) => {
  const { sql, kind } = c.var.db
  const [row] = await sql<{ postgis: string; migrations: number }[]>`
    SELECT postgis_lib_version() AS postgis, (SELECT count(*)::int FROM schema_migrations) AS migrations`
  return c.json({ status: 'ok' as const, database: kind, postgis: row!.postgis, migrations: row!.migrations })
})
