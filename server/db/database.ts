import postgres from 'postgres'
import type { Config } from '../config.ts'
import { openEmbedded } from './embedded.ts'

export type Sql = postgres.Sql<{}>
/** Where a query can run: the pool, or inside a transaction (`sql.begin(tx => …)`). */
export type Query = Sql | postgres.TransactionSql<{}>
export type DatabaseKind = 'embedded' | 'server'

/** A PostGIS reached through postgres.js; the rest of the code can't tell which kind. */
export type Database = {
  sql: Sql
  kind: DatabaseKind
  /** A postgres:// URL other processes of this machine can use to reach the same database. */
  url: string
  /** Ends the connections and, when this process owns the embedded database, closes it. */
  close(): Promise<void>
}

export function connect(url: string, options: { max?: number } = {}): Sql {
  return postgres(url, {
    max: options.max ?? 10,
    onnotice: () => {},
    // int8 ids and counts come back as JS numbers: ours stay far below 2^53.
    types: {
      bigint: { to: 20, from: [20], serialize: (n: number | bigint) => String(n), parse: (s: string) => Number(s) },
    },
    transform: { undefined: null },
    connection: { application_name: 'common-ground' },
  }) as unknown as Sql
}

export async function openDatabase(config: Pick<Config, 'databaseUrl' | 'dataDir'>): Promise<Database> {
  if (config.databaseUrl) {
    const sql = connect(config.databaseUrl)
    return { sql, kind: 'server', url: config.databaseUrl, close: () => sql.end({ timeout: 5 }) }
  }
  return openEmbedded(config.dataDir)
}
