/**
 * `npm run bench`: runs bench/map.ts on a fresh embedded PostGIS and on a throw-away
 * PostgreSQL/PostGIS server (pg_virtualenv) in the same run, then prints one JSON line per
 * figure with both values and the ratio embedded/server. Results stay in bench/results/.
 */
import { execFileSync } from 'node:child_process'
import { mkdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { MapBenchResult } from './map.ts'

const ROOT = new URL('..', import.meta.url).pathname
const RESULTS = join(ROOT, 'bench/results')
mkdirSync(RESULTS, { recursive: true })

function run(kind: 'embedded' | 'server'): MapBenchResult {
  const out = join(RESULTS, `map-${kind}.json`)
  const bench = ['npx', 'tsx', 'bench/map.ts', '--out', out]
  const command = kind === 'server' ? ['bash', '.ci/with-postgis.sh', ...bench] : bench
  const env = { ...process.env }
  if (kind === 'embedded') delete env.DATABASE_URL
  console.error(`bench: ${kind} database…`)
  execFileSync(command[0]!, command.slice(1), { cwd: ROOT, env, stdio: ['ignore', 'inherit', 'inherit'] })
  return JSON.parse(readFileSync(out, 'utf8')) as MapBenchResult
}

const embedded = run('embedded')
const server = run('server')
for (const figure of Object.keys(embedded.figures)) {
  const e = embedded.figures[figure]!
  const s = server.figures[figure]!
  console.log(
    JSON.stringify({
      bench: 'map',
      figure,
      embedded: round(e),
      server: round(s),
      ratio_embedded_to_server: round(e / s),
      encoders: { embedded: embedded.encoder, server: server.encoder },
    }),
  )
}

function round(n: number) {
  return Math.round(n * 1000) / 1000
}
