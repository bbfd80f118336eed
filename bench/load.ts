/**
 * Load on the whole server, as a deployment meets it: the real `server/main.ts` in its own
 * process with the demo area (plus seeded concerns and patrol plans), and autocannon in this
 * one, 10 connections for 60 s of a seeded mix:
 * - 75% map reads: clusters at random zooms and views, basemap tiles z13–16, patrol lists;
 * - 20% reports (POST /api/concerns, each from its own resident behind the proxy);
 * - 5% A→B routes (POST /api/routes, safest).
 * Per class: requests/s, p50/p99, non-2xx, errors; the server's RSS before and after. The
 * reference, in the same run, is GET /api/health on the same server and connections: what the
 * HTTP stack and one SQL round trip give on this machine. Writes a JSON result to --out;
 * bench/run.ts compares the databases.
 */
import { spawn } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import autocannon from 'autocannon'
import { createUser } from '../server/auth/users.ts'
import { CATEGORIES } from '../server/concerns/vocabulary.ts'
import { connect, openDatabase } from '../server/db/database.ts'
import { percentile, seededRandom } from './random.ts'
import { alongPaths, insertConcerns, pathLines, pointOn } from './seed.ts'

const ROOT = new URL('..', import.meta.url).pathname
const SEED = 20261201
const CONCERNS = 10_000
const PLANS = 20
const OFFICER = { email: 'bench-officer@example.org', password: 'bench password long enough' }
/** Requests of each class per 100, in the order they are drawn. */
const MIX = { clusters: 35, tiles: 30, patrols: 10, reports: 20, routes: 5 } as const
type RequestClass = keyof typeof MIX | 'health'
/** Where every request says it comes from: the proxy's loopback address is trusted, one hop. */
const PROXY_ENV = { TRUST_PROXY: '1' }

const { values } = parseArgs({
  options: {
    out: { type: 'string' },
    duration: { type: 'string', default: '60' },
    connections: { type: 'string', default: '10' },
    /** A folder for the server's CPU profile (node --cpu-prof), to see where the time goes. */
    profile: { type: 'string' },
    /** Another mix, as class=share,… (clusters=35,reports=20): a class's cost alone or with another. */
    mix: { type: 'string' },
  },
})
const duration = Number(values.duration)
const connections = Number(values.connections)
const random = seededRandom(SEED)
const figures: Record<string, number> = {}

const dataDir = await mkdtemp(join(tmpdir(), 'cg-load-'))
const database = await freshDatabase()
const server = await startServerProcess(dataDir)
try {
  const { bounds, lines } = await seed(server.url, dataDir)
  const officerCookie = await login(server.url)
  await createPlans(server.url, officerCookie, lines)
  const requests = mixOf(bounds, lines)

  // Warm-up: JIT, the routing graph, the cluster index; not measured.
  await load(server.url, requests, { duration: 5, connections })
  figures.rss_before_mb = rssMegabytes(server.pid)
  const measured = await load(server.url, requests, { duration, connections })
  figures.rss_after_mb = rssMegabytes(server.pid)
  record('overall', measured)
  for (const kind of Object.keys(MIX) as RequestClass[]) if (measured.outcomes.some((o) => o.kind === kind)) record(kind, measured, kind)

  const reference = await load(server.url, () => ({ kind: 'health', method: 'GET', path: '/api/health' }), { duration: 10, connections })
  record('health', reference)
  figures.overall_to_health_requests_ratio = figures.overall_requests_per_s! / figures.health_requests_per_s!

  const result = { database: process.env.DATABASE_URL ? 'server' : 'embedded', duration, connections, mix: values.mix ?? MIX, figures }
  if (values.out) await writeFile(values.out, JSON.stringify(result, null, 2))
  else console.log(JSON.stringify(result))
} finally {
  await server.stop()
  await database.drop()
  await rm(dataDir, { recursive: true, force: true })
}

/** On a server, a database of its own (the demo loads into an empty one); embedded, a fresh folder does that. */
async function freshDatabase(): Promise<{ url: string | undefined; drop(): Promise<void> }> {
  if (!process.env.DATABASE_URL) return { url: undefined, drop: async () => {} }
  const admin = connect(process.env.DATABASE_URL, { max: 1 })
  const name = `cg_load_${randomUUID().slice(0, 8)}`
  await admin.unsafe(`CREATE DATABASE ${name}`)
  const url = new URL(process.env.DATABASE_URL)
  url.pathname = `/${name}`
  return {
    url: url.toString(),
    drop: async () => {
      await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
      await admin.end()
    },
  }
}

type Planned = { kind: RequestClass; method: 'GET' | 'POST'; path: string; body?: string; headers?: Record<string, string> }
type Outcome = { kind: RequestClass; status: number; ms: number; bytes: number }
type Measured = { seconds: number; outcomes: Outcome[]; errors: number; timeouts: number }

function record(name: string, measured: Measured, kind?: RequestClass) {
  const mine = kind ? measured.outcomes.filter((o) => o.kind === kind) : measured.outcomes
  const times = mine.map((o) => o.ms)
  figures[`${name}_requests_per_s`] = mine.length / measured.seconds
  figures[`${name}_p50_ms`] = percentile(times, 50)
  figures[`${name}_p99_ms`] = percentile(times, 99)
  figures[`${name}_non_2xx`] = mine.filter((o) => o.status >= 300).length
  // As sent, headers and all (compressed where the answer is).
  figures[`${name}_bytes_mean`] = mine.reduce((sum, o) => sum + o.bytes, 0) / Math.max(1, mine.length)
  if (!kind) figures[`${name}_errors`] = measured.errors + measured.timeouts
}

/** autocannon over the server for `duration` s; each request drawn by `next`, its time kept by class. */
async function load(url: string, next: () => Planned, options: { duration: number; connections: number }): Promise<Measured> {
  const outcomes: Outcome[] = []
  let done!: (result: autocannon.Result) => void
  const finished = new Promise<autocannon.Result>((resolve) => (done = resolve))
  const instance = autocannon({
    url,
    connections: options.connections,
    duration: options.duration,
    timeout: 10,
    requests: [
      {
        setupRequest: (request, context) => {
          const planned = next()
          ;(context as { kind?: RequestClass }).kind = planned.kind
          return {
            ...request,
            method: planned.method,
            path: planned.path,
            body: planned.body,
            // What a browser sends: it takes compressed answers.
            headers: { 'accept-encoding': 'gzip, br', ...planned.headers },
          }
        },
      },
    ],
  }, (error, result) => (error ? Promise.reject(error) : done(result)))
  // autocannon tells the time of each answer and the connection's context (the request's class).
  instance.on('response', (client, status, bytes, ms) => {
    const { kind } = (client as unknown as { requestIterator: { context: { kind: RequestClass } } }).requestIterator.context
    outcomes.push({ kind, status, ms, bytes })
  })
  const result = await finished
  // Let the requests autocannon cut off at the deadline finish before the next phase.
  await new Promise((resolve) => setTimeout(resolve, 1000))
  return { seconds: result.duration, outcomes, errors: result.errors, timeouts: result.timeouts }
}

/** The mix, seeded: views and tiles over the imported area, reports and routes along its paths. */
function mixOf(bounds: [number, number, number, number], lines: [number, number][][]): () => Planned {
  const json = { 'content-type': 'application/json' } as Record<string, string>
  const [west, south, east, north] = bounds
  const inArea = (): [number, number] => [west + random() * (east - west), south + random() * (north - south)]
  const mix: Record<string, number> = values.mix ? Object.fromEntries(values.mix.split(',').map((p) => [p.split('=')[0], Number(p.split('=')[1] ?? 1)])) : MIX
  const total = Object.values(mix).reduce((a, b) => a + b, 0)
  const week = { from: new Date(), to: new Date(Date.now() + 7 * 86_400_000) }
  const draw = (): keyof typeof MIX => {
    let r = random() * total
    for (const [kind, share] of Object.entries(mix) as [keyof typeof MIX, number][]) if ((r -= share) < 0) return kind
    return 'clusters'
  }
  return (): Planned => {
    const kind = draw()
    switch (kind) {
      case 'clusters': {
        const zoom = 10 + Math.floor(random() * 7)
        return { kind, method: 'GET', path: `/api/concerns/clusters?bbox=${view(inArea(), zoom)}&zoom=${zoom}` }
      }
      case 'tiles': {
        const zoom = 13 + Math.floor(random() * 4)
        const [x, y] = tileOf(inArea(), zoom)
        return { kind, method: 'GET', path: `/api/tiles/${zoom}/${x}/${y}.mvt` }
      }
      case 'patrols': {
        const query = `bbox=${view(inArea(), 14)}&from=${week.from.toISOString()}&to=${week.to.toISOString()}`
        return { kind, method: 'GET', path: `/api/patrols?${query}` }
      }
      case 'reports': {
        const [lng, lat] = pointOn(lines[Math.floor(random() * lines.length)]!, random)
        const category = CATEGORIES[Math.floor(random() * CATEGORIES.length)]!
        return {
          kind,
          method: 'POST',
          path: '/api/concerns',
          body: JSON.stringify({ location: { lng, lat }, category, when: { timeBands: ['evening'], days: 'any' } }),
          headers: { ...json, 'idempotency-key': randomUUID(), 'x-forwarded-for': residentAddress() },
        }
      }
      case 'routes': {
        const from = pointOn(lines[Math.floor(random() * lines.length)]!, random)
        const to = pointOn(lines[Math.floor(random() * lines.length)]!, random)
        const body = JSON.stringify({ from: { lng: from[0], lat: from[1] }, to: { lng: to[0], lat: to[1] }, profile: 'safest' })
        return { kind, method: 'POST', path: '/api/routes', body, headers: json }
      }
    }
  }
}

/** A resident's address, one of 65,536, so the per-client report limit is met rarely, as in life. */
function residentAddress() {
  return `10.${Math.floor(random() * 256)}.${Math.floor(random() * 256)}.${1 + Math.floor(random() * 254)}`
}

/** The bbox of a 390×844 px phone view at zoom z around a point. */
function view([lng, lat]: [number, number], z: number): string {
  const width = (390 / 512) * (360 / 2 ** z)
  const height = width * (844 / 390) * Math.cos((lat * Math.PI) / 180)
  return [lng - width / 2, lat - height / 2, lng + width / 2, lat + height / 2].map((n) => n.toFixed(6)).join(',')
}

function tileOf([lng, lat]: [number, number], z: number): [number, number] {
  const n = 2 ** z
  const rad = (lat * Math.PI) / 180
  return [Math.floor(((lng + 180) / 360) * n), Math.floor(((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * n)]
}

/** The server as `npm start` runs it, in its own process; the demo loads into its empty database. */
async function startServerProcess(dir: string) {
  const profile = values.profile ? ['--cpu-prof', `--cpu-prof-dir=${values.profile}`] : []
  const child = spawn(process.execPath, [...profile, '--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', DATA_DIR: join(dir, 'data'), ...PROXY_ENV, ...(database.url ? { DATABASE_URL: database.url } : {}) },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout.on('data', (d) => (output += d))
  child.stderr.on('data', (d) => (output += d))
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve))
  const url = await new Promise<string>((resolve, reject) => {
    const check = setInterval(() => {
      const match = /running at (http:\S+)/.exec(output)
      if (match) (clearInterval(check), resolve(match[1]!.replace(/\/$/, '')))
      if (child.exitCode !== null) (clearInterval(check), reject(new Error(`the server exited:\n${output}`)))
    }, 100)
  })
  console.error(`bench: load: server at ${url}`)
  return {
    url,
    pid: child.pid!,
    stop: async () => {
      child.kill('SIGTERM')
      await exited
      if (/failed:/.test(output)) console.error(output.split('\n').filter((l) => /failed:/.test(l)).slice(0, 5).join('\n'))
    },
  }
}

/** Concerns along the paths and an officer account, through the server's database; the area's bounds. */
async function seed(url: string, dir: string) {
  const db = await openDatabase({ databaseUrl: database.url, dataDir: join(dir, 'data') })
  try {
    await insertConcerns(db.sql, await alongPaths(db.sql, CONCERNS, random), random)
    // A bulk load, as imports are: their statistics brought up to date, as an import does.
    await db.sql`ANALYZE concerns`
    await createUser(db.sql, { ...OFFICER, name: 'Bench officer', role: 'officer' })
    const lines = await pathLines(db.sql)
    const map = (await (await fetch(`${url}/api/map`)).json()) as { bounds: [number, number, number, number] }
    return { bounds: map.bounds, lines }
  } finally {
    await db.close()
  }
}

async function login(url: string): Promise<string> {
  const res = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(OFFICER) })
  if (res.status !== 200) throw new Error(`login: ${res.status} ${await res.text()}`)
  return res.headers.get('set-cookie')!.split(';')[0]!
}

/** Public weekly evening plans through seeded pairs of path points, for the patrol lists to find. */
async function createPlans(url: string, cookie: string, lines: [number, number][][]) {
  const today = new Date().toISOString().slice(0, 10)
  const until = new Date(Date.now() + 90 * 86_400_000).toISOString().slice(0, 10)
  let made = 0
  for (let attempt = 0; made < PLANS && attempt < PLANS * 5; attempt++) {
    const waypoints = [0, 1, 2].map(() => pointOn(lines[Math.floor(random() * lines.length)]!, random)).map(([lng, lat]) => ({ lng, lat }))
    const body = {
      title: `Bench patrol ${made + 1}`,
      public: true,
      waypoints,
      schedule: { days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], startTime: '18:00', durationMinutes: 60, validFrom: today, validUntil: until },
    }
    const res = await fetch(`${url}/api/patrols`, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify(body) })
    if (res.status === 201) made++
  }
  if (made < PLANS) throw new Error(`only ${made} patrol plans could be made`)
}

/** Resident set size of a process, MB (Linux). */
function rssMegabytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  return Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024
}
