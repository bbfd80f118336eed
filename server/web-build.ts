import { readdir, stat } from 'node:fs/promises'
import { join } from 'node:path'

const ROOT = new URL('..', import.meta.url).pathname
export const WEB_DIST = join(ROOT, 'dist')

/** Builds the front end with Vite when dist/ is missing or older than its sources. */
export async function ensureWebBuild(log: (line: string) => void): Promise<void> {
  const built = await stat(join(WEB_DIST, 'index.html')).then((s) => s.mtimeMs).catch(() => 0)
  const sources = await newestChange([join(ROOT, 'web'), join(ROOT, 'vite.config.ts'), join(ROOT, 'package-lock.json')])
  if (built > sources) return
  log(built ? 'Front end changed since the last build: rebuilding…' : 'Building the front end…')
  const { build } = await import('vite')
  await build({ configFile: join(ROOT, 'vite.config.ts'), logLevel: 'warn' })
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
