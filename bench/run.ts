/**
 * `npm run bench`: runs each benchmark on a fresh embedded PostGIS and on a throw-away
 * PostgreSQL/PostGIS server (pg_virtualenv) in the same run, then prints one JSON line per
 * figure with both values and the ratio embedded/server; a clusters figure also gets its
 * reference, raw supercluster on the same points, and the ratio endpoint/raw. Results stay in
 * bench/results/. `npm run bench -- map` (or `concerns`, `routes`, `loops`, `force`, `patrols`, `load`, `web`) runs one benchmark.
 */
import { execFileSync } from 'node:child_process'
import { mkdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

type Kind = 'embedded' | 'server'
type Result = { figures: Record<string, number> }

const ROOT = new URL('..', import.meta.url).pathname
const RESULTS = join(ROOT, 'bench/results')
mkdirSync(RESULTS, { recursive: true })

const BENCHES: { name: string; args: Partial<Record<Kind, string[]>> }[] = [
  { name: 'map', args: { embedded: [], server: [] } },
  // 1M concerns only on the server: the embedded database is for a laptop demo, not a force.
  { name: 'concerns', args: { embedded: ['--sizes', '10000,100000'], server: ['--sizes', '10000,100000,1000000'] } },
  // The routing engine works in memory on either; pgr_dijkstra, its reference, only on the server.
  { name: 'routes', args: { embedded: [], server: [] } },
  { name: 'loops', args: { embedded: [], server: [] } },
  // A million edges, with pgr_dijkstra as the reference: the server only (bench/force.ts).
  { name: 'force', args: { server: [] } },
  { name: 'patrols', args: { embedded: [], server: [] } },
  { name: 'load', args: { embedded: [], server: [] } },
  // The front end's first load does not depend on the database: run once, on the embedded one.
  { name: 'web', args: { embedded: [] } },
]

function run(bench: string, kind: Kind, args: string[]): Result {
  const out = join(RESULTS, `${bench}-${kind}.json`)
  const command = ['npx', 'tsx', `bench/${bench}.ts`, '--out', out, ...args]
  const env = { ...process.env }
  if (kind === 'embedded') delete env.DATABASE_URL
  console.error(`bench: ${bench} on the ${kind} database…`)
  const argv = kind === 'server' ? ['bash', '.ci/with-postgis.sh', ...command] : command
  execFileSync(argv[0]!, argv.slice(1), { cwd: ROOT, env, stdio: ['ignore', 'inherit', 'inherit'] })
  return JSON.parse(readFileSync(out, 'utf8')) as Result
}

const round = (n: number | undefined) => (n === undefined ? undefined : Math.round(n * 1000) / 1000)
const only = process.argv[2]
for (const bench of BENCHES.filter((b) => !only || b.name === only)) {
  const embedded = bench.args.embedded ? run(bench.name, 'embedded', bench.args.embedded).figures : {}
  const server = bench.args.server ? run(bench.name, 'server', bench.args.server).figures : {}
  const names = [...new Set([...Object.keys(embedded), ...Object.keys(server)])].filter((f) => !f.includes('_raw_p'))
  for (const figure of names) {
    const e = embedded[figure]
    const s = server[figure]
    const rawName = figure.replace(/_p(\d+)_ms$/, '_raw_p$1_ms')
    const raw = rawName === figure ? undefined : { embedded: embedded[rawName], server: server[rawName] }
    console.log(
      JSON.stringify({
        bench: bench.name,
        figure,
        embedded: round(e),
        server: round(s),
        ratio_embedded_to_server: e !== undefined && s !== undefined ? round(e / s) : undefined,
        ...(raw && {
          raw_supercluster: { embedded: round(raw.embedded), server: round(raw.server) },
          ratio_endpoint_to_raw: {
            embedded: e !== undefined && raw.embedded ? round(e / raw.embedded) : undefined,
            server: s !== undefined && raw.server ? round(s / raw.server) : undefined,
          },
        }),
      }),
    )
  }
}
