import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import type { Role } from '../../server/auth/users.ts'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))

/**
 * An account on the browser suite's running app, made the documented way: the CLI
 * (`server/cli/user.ts add`) on the app's data folder, with the password on standard input.
 */
export function addAppUser(dataDir: string, account: { email: string; name: string; role: Role; password: string }): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      'node_modules/.bin/tsx',
      ['server/cli/user.ts', 'add', '--email', account.email, '--name', account.name, '--role', account.role],
      { cwd: ROOT, env: { ...process.env, DATA_DIR: dataDir }, stdio: ['pipe', 'pipe', 'pipe'] },
    )
    let output = ''
    child.stdout.on('data', (chunk) => (output += chunk))
    child.stderr.on('data', (chunk) => (output += chunk))
    child.on('error', reject)
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`user add exited ${code}: ${output}`))))
    child.stdin.end(`${account.password}\n`)
  })
}
