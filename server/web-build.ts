import { execFile } from 'node:child_process'
import { readdir, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { promisify } from 'node:util'

const ROOT = new URL('..', import.meta.url).pathname
export const WEB_DIST = join(ROOT, 'dist')

/** Builds the front end with Vite when dist/ is missing or older than its sources. */
export async function ensureWebBuild(log: (line: string) => void): Promise<void> {
  const built = await stat(join(WEB_DIST, 'index.html')).then((s) => s.mtimeMs).catch(() => 0)
  const sources = await newestChange([join(ROOT, 'web'), join(ROOT, 'vite.config.ts'), join(ROOT, 'package-lock.json')])
  if (built > sources) return
  log(built ? 'Front end changed since the last build: rebuilding…' : 'Building the front end…')
  // A child process with NODE_ENV=production: this process may run under vitest (NODE_ENV=test),
  // and Vite and the React plugin take development JSX and React's dev build from NODE_ENV.
  await promisify(execFile)(process.execPath, [join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'production' },
  })
}

async function newestChange(paths: string[]): Promise<number> {
  let newest = 0
  for (const path of paths) {
    const info = await stat(path).catch(() => undefined)
    if (!info) continue
    newest = Math.max(newest, info.mtimeMs)
    if (info.isDirectory()) {
      const entries = await readdir(path)
      newest = Math.max(newest, await newestChange(entries.map((e) => join(path, e))))
    }
  }
  return newest
}
