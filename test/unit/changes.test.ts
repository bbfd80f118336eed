import { describe, expect, it } from 'vitest'
import { CHANGE_CHECK_MS, ChangeWatcher, changeWatcher } from '../../server/db/changes.ts'
import type { Sql } from '../../server/db/database.ts'
import { routingService } from '../../server/routing/service.ts'

/** A stand-in for postgres.js that answers the change query and counts how often it was asked. */
function createDatabase() {
  const db = { reads: 0, down: false, concerns: 0 }
  const sql = (() => {
    db.reads++
    if (db.down) return Promise.reject(new Error('the database is down'))
    return Promise.resolve([{ concerns: db.concerns, deletions: 0, network: 0, patrols: 0, horizon: new Date() }])
  }) as unknown as Sql
  return { db, sql }
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe('change watcher', () => {
  it('reads the database once for every ask within CHANGE_CHECK_MS', async () => {
    const { db, sql } = createDatabase()
    const watcher = new ChangeWatcher(sql)
    await Promise.all([watcher.read(), watcher.read()])
    db.concerns = 5
    const later = await watcher.read()
    expect(db.reads).toBe(1)
    expect(later.concerns).toBe(0)
  })

  it('reads again once its interval has passed', async () => {
    const { db, sql } = createDatabase()
    const watcher = new ChangeWatcher(sql, 20)
    await watcher.read()
    db.concerns = 3
    await wait(30)
    expect((await watcher.read()).concerns).toBe(3)
    expect(db.reads).toBe(2)
  })

  it("reads again at once after this process's own change, and counts it", async () => {
    const { db, sql } = createDatabase()
    const watcher = new ChangeWatcher(sql)
    expect((await watcher.read()).local).toBe(0)
    watcher.changed()
    const changes = await watcher.read()
    expect(db.reads).toBe(2)
    expect(changes.local).toBe(1)
    expect(watcher.local).toBe(1)
  })

  it('keeps no failed read', async () => {
    const { db, sql } = createDatabase()
    const watcher = new ChangeWatcher(sql)
    db.down = true
    await expect(watcher.read()).rejects.toThrow('down')
    db.down = false
    await expect(watcher.read()).resolves.toMatchObject({ concerns: 0 })
    expect(db.reads).toBe(2)
  })

  it('is one per database, so routing and clusters share its reads', () => {
    const a = createDatabase().sql
    expect(changeWatcher(a)).toBe(changeWatcher(a))
    expect(changeWatcher(a)).not.toBe(changeWatcher(createDatabase().sql))
    expect(CHANGE_CHECK_MS).toBeGreaterThan(0)
  })
})

describe('routing service', () => {
  it('is kept per database and publishing rule, so a later caller gets its own rule', () => {
    const { sql } = createDatabase()
    expect(routingService(sql, 'immediately')).toBe(routingService(sql, 'immediately'))
    expect(routingService(sql, 'after_review')).not.toBe(routingService(sql, 'immediately'))
    expect(routingService(createDatabase().sql, 'immediately')).not.toBe(routingService(sql, 'immediately'))
  })
})
