/**
 * A resident's first visit on a phone, as Lighthouse 12 measures it (its mobile preset: a
 * mid-range phone on slow 4G, simulated) against the built front end served by the real server
 * with the demo area: first and largest contentful paint, bytes transferred, text-compression
 * savings and unused JavaScript (medians of RUNS); and the JavaScript the map needs before it
 * draws, gzipped, read from Vite's build manifest (the entry, its static imports and MapLibre's
 * worker). The reference, in the same run and browser: Lighthouse on a page of one line served
 * from the same machine. Writes a JSON result to --out; bench/run.ts runs it once (the front end
 * does not depend on the database).
 */
import { existsSync, readFileSync, statSync } from 'node:fs'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import * as chromeLauncher from 'chrome-launcher'
import lighthouse from 'lighthouse'
import { loadConfig } from '../server/config.ts'
import { startServer } from '../server/server.ts'
import { WEB_DIST } from '../server/web-build.ts'
import { percentile } from './random.ts'

const RUNS = 3
/** The flags every headless chromium of this project runs with (test/support/browser.ts). */
const CHROME_FLAGS = [
  '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run', '--disable-quic', '--enable-unsafe-swiftshader', '--use-angle=swiftshader',
]
/** Street level over Broomfield Park, as a shared link would open it. */
const VIEW = '#map=15/51.6186/-0.1181'

const { values } = parseArgs({ options: { out: { type: 'string' } } })
const figures: Record<string, number> = {}
const dataDir = await mkdtemp(join(tmpdir(), 'cg-web-'))
const app = await startServer(loadConfig({ ...process.env, PORT: '0', DATA_DIR: dataDir, DATABASE_URL: '', MAP_STYLE_URL: '' }), { log: () => {} })
const reference = await servePlainPage()
const chrome = await chromeLauncher.launch({ chromePath: process.env.CHROME_PATH ?? '/usr/bin/chromium', chromeFlags: CHROME_FLAGS })
try {
  const runs = []
  for (let k = 0; k < RUNS; k++) runs.push(await audit(`${app.url}${VIEW}`))
  for (const name of Object.keys(runs[0]!) as (keyof (typeof runs)[number])[]) {
    figures[name] = percentile(runs.map((r) => r[name]), 50)
  }
  const plain = await audit(reference.url)
  figures.reference_fcp_ms = plain.fcp_ms
  figures.fcp_to_reference = figures.fcp_ms! / plain.fcp_ms
  Object.assign(figures, firstLoadJavaScript())
  const result = { runs: RUNS, figures }
  if (values.out) await writeFile(values.out, JSON.stringify(result, null, 2))
  else console.log(JSON.stringify(result))
} finally {
  await chrome.kill()
  await reference.close()
  await app.close()
  await rm(dataDir, { recursive: true, force: true })
}

async function audit(url: string) {
  const result = await lighthouse(url, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: ['performance'] })
  const audits = result!.lhr.audits
  const value = (id: string) => audits[id]?.numericValue ?? NaN
  const savings = (id: string) => ((audits[id]?.details as { overallSavingsBytes?: number } | undefined)?.overallSavingsBytes ?? 0) / 1024
  return {
    fcp_ms: value('first-contentful-paint'),
    lcp_ms: value('largest-contentful-paint'),
    transferred_kib: value('total-byte-weight') / 1024,
    text_compression_savings_kib: savings('uses-text-compression'),
    unused_javascript_kib: savings('unused-javascript'),
  }
}

/** What the map needs before it draws, in kB as the build's .gz files weigh it. */
function firstLoadJavaScript(): Record<string, number> {
  const manifestPath = join(WEB_DIST, '.vite/manifest.json')
  if (!existsSync(manifestPath)) return {}
  type Chunk = { file: string; imports?: string[]; dynamicImports?: string[]; assets?: string[]; isEntry?: boolean }
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Record<string, Chunk>
  const files = new Set<string>()
  // A chunk and what it imports statically; MapLibre's worker is one of its assets.
  const visit = (key: string) => {
    const chunk = manifest[key]!
    if (files.has(chunk.file)) return
    files.add(chunk.file)
    for (const asset of chunk.assets ?? []) files.add(asset)
    for (const imported of chunk.imports ?? []) visit(imported)
  }
  // The entry (web/boot.ts) imports the app as soon as the shell has painted: that counts too,
  // but not the pages the app itself loads on demand.
  for (const [key, chunk] of Object.entries(manifest)) {
    if (!chunk.isEntry) continue
    visit(key)
    for (const app of chunk.dynamicImports ?? []) visit(app)
  }
  const gz = (file: string) => statSync(join(WEB_DIST, existsSync(join(WEB_DIST, `${file}.gz`)) ? `${file}.gz` : file)).size
  const scripts = [...files].filter((f) => f.endsWith('.js'))
  return {
    first_load_js_gzip_kb: scripts.reduce((sum, f) => sum + gz(f), 0) / 1000,
    first_load_js_files: scripts.length,
  }
}

/** The reference: one line of HTML, the least a page can be. */
async function servePlainPage() {
  const server = createServer((_, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<!doctype html><title>Common Ground</title><p>Common Ground</p>'))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
