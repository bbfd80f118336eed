import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, inject, it } from 'vitest'
import { SHARED_DATA } from '../support/db.ts'

const ROOT = new URL('../../', import.meta.url).pathname
const children: ChildProcess[] = []
afterAll(() => children.forEach((c) => c.kill('SIGKILL')))

/** Runs a script of ours with tsx in a fresh environment pointing at one embedded data folder. */
function launch(script: string, args: string[], env: Record<string, string>) {
  const { DATABASE_URL: _, ...inherited } = process.env
  const child = spawn(join(ROOT, 'node_modules/.bin/tsx'), [script, ...args], {
    cwd: ROOT,
    env: { ...inherited, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  children.push(child)
  let output = ''
  child.stdout!.on('data', (d) => (output += d))
  child.stderr!.on('data', (d) => (output += d))
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  const said = (pattern: RegExp) =>
    new Promise<RegExpMatchArray>((resolve, reject) => {
      const check = () => {
        const match = output.match(pattern)
        if (match) return resolve(match)
        if (child.exitCode !== null) return reject(new Error(`exited ${child.exitCode}:\n${output}`))
        setTimeout(check, 100)
      }
      check()
    })
  return { child, exited, said, output: () => output }
}

describe.runIf(inject('databaseKind') === 'embedded')('the embedded database across processes', () => {
  it('imports through a running server and keeps the data after SIGTERM and a restart', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'cg-lifecycle-'))
    // An empty DEMO_DATA_DIR: the server starts empty and says how to import.
    const env = { DATA_DIR: dataDir, DEMO_DATA_DIR: join(dataDir, 'no-bundle'), PORT: '0' }
    try {
      const first = launch('server/main.ts', [], env)
      const [, url] = await first.said(/running at (http:\S+)/)
      expect(first.output()).toMatch(/npm run import/)

      const importer = launch('server/cli/import.ts', ['boundary', join(SHARED_DATA, 'boundaries/london-boroughs.geojson')], env)
      expect(await importer.exited).toBe(0)
      expect((await (await fetch(`${url}api/map`)).json()).counts.boundaries).toBe(33)

      first.child.kill('SIGTERM')
      expect(await first.exited).toBe(0)
      expect(existsSync(join(dataDir, 'socket.json'))).toBe(false)

      const second = launch('server/main.ts', [], env)
      const [, url2] = await second.said(/running at (http:\S+)/)
      expect((await (await fetch(`${url2}api/map`)).json()).counts.boundaries).toBe(33)
      second.child.kill('SIGINT')
      expect(await second.exited).toBe(0)
    } finally {
      await rm(dataDir, { recursive: true, force: true })
    }
  })

  it('refuses to start with a wrong setting and names it', async () => {
    const run = launch('server/main.ts', [], { PORT: 'not-a-port' })
    expect(await run.exited).toBe(1)
    expect(run.output()).toMatch(/PORT/)
  })
})
