import { spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, inject } from 'vitest'
import { connect } from '../../server/db/database.ts'

const ROOT = new URL('../../', import.meta.url).pathname
const children: ChildProcess[] = []
afterAll(() => children.forEach((c) => c.kill('SIGKILL')))

export type Launched = ReturnType<typeof launch>

/**
 * Runs a script of ours in its own Node process (tsx as a loader, not its CLI, which would run
 * the script in a child of its own that a SIGKILL would leave running), with `env` over the
 * inherited one (DATABASE_URL dropped).
 */
export function launch(script: string, args: string[], env: Record<string, string>) {
  const { DATABASE_URL: _, ...inherited } = process.env
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    cwd: ROOT,
    env: { ...inherited, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  children.push(child)
  let output = ''
  const waiting: { pattern: RegExp; resolve: (m: RegExpMatchArray) => void; reject: (e: Error) => void }[] = []
  const check = () => {
    for (const w of [...waiting]) {
      const match = output.match(w.pattern)
      if (match) waiting.splice(waiting.indexOf(w), 1), w.resolve(match)
    }
  }
  const onData = (d: Buffer) => ((output += d), check())
  child.stdout!.on('data', onData)
  child.stderr!.on('data', onData)
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  void exited.then(() => waiting.splice(0).forEach((w) => w.reject(new Error(`exited ${child.exitCode}:\n${output}`))))
  /**
   * Resolves as soon as the output matches (checked on every chunk, so a kill can follow within
   * milliseconds); rejects with the output so far if the process exits or `ms` pass first.
   */
  const said = (pattern: RegExp, ms = 90_000) =>
    new Promise<RegExpMatchArray>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${pattern} within ${ms} ms:\n${output}`)), ms)
      waiting.push({ pattern, resolve: (m) => (clearTimeout(timer), resolve(m)), reject: (e) => (clearTimeout(timer), reject(e)) })
      check()
      if (child.exitCode !== null) reject(new Error(`exited ${child.exitCode}:\n${output}`))
    })
  return { child, exited, said, output: () => output }
}

/**
 * Settings for a server process on a database of its own, of the run's kind: a fresh embedded
 * data folder, or a new database on the run's PostgreSQL server. `drop` removes it.
 */
export async function freshDatabase(): Promise<{ env: Record<string, string>; drop(): Promise<void> }> {
  const dataDir = await mkdtemp(join(tmpdir(), 'cg-process-'))
  const base = { DATA_DIR: dataDir, PORT: '0' }
  if (inject('databaseKind') === 'embedded') {
    return { env: base, drop: () => rm(dataDir, { recursive: true, force: true }) }
  }
  const name = `cg_${randomBytes(6).toString('hex')}`
  const admin = connect(inject('databaseUrl'), { max: 1 })
  await admin.unsafe(`CREATE DATABASE ${name}`)
  const url = new URL(inject('databaseUrl'))
  url.pathname = `/${name}`
  return {
    env: { ...base, DATABASE_URL: url.toString() },
    drop: async () => {
      await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
      await admin.end()
      await rm(dataDir, { recursive: true, force: true })
    },
  }
}
