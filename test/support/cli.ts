import { spawn } from 'node:child_process'
import { inject } from 'vitest'

const ROOT = new URL('../../', import.meta.url).pathname

export type CliResult = { code: number | null; stdout: string; stderr: string }

/** Runs one of our commands (`tsx server/cli/<script>.ts …`) against the run's database. */
export function runCli(script: string, args: string[], stdin = ''): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn('node_modules/.bin/tsx', [`server/cli/${script}.ts`, ...args], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: inject('databaseUrl') },
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d: Buffer) => (stdout += d))
    child.stderr.on('data', (d: Buffer) => (stderr += d))
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, stdout, stderr }))
    child.stdin.end(stdin)
  })
}
