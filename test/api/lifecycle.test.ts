import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PassThrough } from 'node:stream'
import { Client } from 'undici'
import { describe, expect, inject, it } from 'vitest'
import { openDatabase } from '../../server/db/database.ts'
import { loadDemoData } from '../../server/demo.ts'
import { SAMPLE_COUNT } from '../../server/concerns/samples.ts'
import { inArea, reportAt } from '../support/concerns.ts'
import { SHARED_DATA } from '../support/db.ts'
import { freshDatabase, launch } from '../support/processes.ts'

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

describe('a server process, on either database', () => {
  const mapCounts = async (url: string) => (await (await fetch(`${url}api/map`)).json()).counts as Record<string, number>

  it('finishes at the next start a demo load that a kill cut short at the first', async () => {
    const db = await freshDatabase()
    try {
      const first = launch('server/main.ts', [], db.env)
      // Killed as soon as the first layer is in, while the next ones load.
      await first.said(/^ {2}boundary /m)
      first.child.kill('SIGKILL')
      await first.exited
      expect(first.output()).not.toMatch(/sample concerns/)

      const second = launch('server/main.ts', [], db.env)
      await second.said(/Finishing the demo area/)
      const [, url] = await second.said(/running at (http:\S+)/)
      const counts = await mapCounts(url!)
      expect(counts.boundaries).toBe(33)
      for (const layer of ['paths', 'openSpaces', 'crimes']) expect(counts[layer]).toBeGreaterThan(0)
      // The whole demo is there: loading all of it again on top adds nothing.
      const direct = await openDatabase({ databaseUrl: db.env.DATABASE_URL, dataDir: db.env.DATA_DIR! })
      try {
        const samples = async () => (await direct.sql<{ n: number }[]>`SELECT count(*)::int AS n FROM concerns WHERE source = 'sample'`)[0]!.n
        expect(await samples()).toBe(SAMPLE_COUNT)
        await loadDemoData(direct.sql, SHARED_DATA, () => {})
        expect(await mapCounts(url!)).toEqual(counts)
        expect(await samples()).toBe(SAMPLE_COUNT)
      } finally {
        await direct.close()
      }
      second.child.kill('SIGTERM')
      expect(await second.exited).toBe(0)
    } finally {
      await db.drop()
    }
  })

  it('keeps every report it acknowledged when killed (SIGKILL) under concurrent writes', async () => {
    const db = await freshDatabase()
    try {
      const env = { ...db.env, REPORTS_PER_CLIENT: '1000000' }
      const first = launch('server/main.ts', [], env)
      const [, url] = await first.said(/running at (http:\S+)/)
      const receipts: string[] = []
      let killed = false
      const writer = async (k: number) => {
        for (let n = 0; !killed; n++) {
          const body = JSON.stringify(reportAt(inArea((k * 0.0003 + n * 0.00001) % 0.004, 0)))
          const res = await fetch(`${url}api/concerns`, { method: 'POST', headers: { 'content-type': 'application/json' }, body }).catch(() => undefined)
          // Only what was answered 201 was acknowledged: an answer cut off by the kill was not.
          if (res?.status === 201) receipts.push(((await res.json().catch(() => ({}))) as { receipt?: string }).receipt ?? '')
        }
      }
      const writers = Array.from({ length: 8 }, (_, k) => writer(k))
      while (receipts.length < 150) await new Promise((resolve) => setTimeout(resolve, 20))
      first.child.kill('SIGKILL')
      killed = true
      await Promise.all(writers)
      await first.exited

      const second = launch('server/main.ts', [], env)
      const [, url2] = await second.said(/running at (http:\S+)/)
      const acknowledged = receipts.filter(Boolean)
      expect(acknowledged.length).toBeGreaterThanOrEqual(150)
      const missing: string[] = []
      for (const receipt of acknowledged) {
        if ((await fetch(`${url2}api/concerns/receipt/${receipt}`)).status !== 200) missing.push(receipt)
      }
      expect(missing).toEqual([])
      second.child.kill('SIGTERM')
      expect(await second.exited).toBe(0)
    } finally {
      await db.drop()
    }
  })

  it('answers a request in flight on SIGTERM, closes the database and exits 0 within 10 s', async () => {
    const db = await freshDatabase()
    try {
      const server = launch('server/main.ts', [], db.env)
      const [, url] = await server.said(/running at (http:\S+)/)
      // A report whose body is still on its way when the signal comes.
      const client = new Client(url!)
      const body = Buffer.from(JSON.stringify(reportAt(inArea())))
      const stream = new PassThrough()
      const answer = client.request({
        method: 'POST',
        path: '/api/concerns',
        headers: { 'content-type': 'application/json', 'content-length': String(body.length) },
        body: stream,
      })
      stream.write(body.subarray(0, 10))
      await new Promise((resolve) => setTimeout(resolve, 300))
      const signalled = Date.now()
      server.child.kill('SIGTERM')
      await server.said(/SIGTERM: closing/)
      stream.end(body.subarray(10))
      const res = await answer
      expect(res.statusCode).toBe(201)
      expect(((await res.body.json()) as { receipt: string }).receipt).toEqual(expect.any(String))
      expect(await server.exited).toBe(0)
      expect(Date.now() - signalled).toBeLessThan(10_000)
      // The embedded database was closed, not left to the exit: its socket file is gone.
      if (!db.env.DATABASE_URL) expect(existsSync(join(db.env.DATA_DIR!, 'socket.json'))).toBe(false)
      await client.close()
    } finally {
      await db.drop()
    }
  })
})
