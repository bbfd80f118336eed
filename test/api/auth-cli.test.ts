import { beforeEach, describe, expect, it } from 'vitest'
import { createTestApp } from '../support/app.ts'
import { runCli } from '../support/cli.ts'
import { useTestSql } from '../support/db.ts'
import { createUser, loginAs, resetAccounts } from '../support/users.ts'

const sql = useTestSql()

beforeEach(() => resetAccounts(sql))

const runUser = (args: string[], stdin = '') => runCli('user', args, stdin)

const PASSWORD = 'walk and talk on the common'

describe('npm run user', () => {
  it('adds an account with the password from standard input, and it can log in', async () => {
    const result = await runUser(['add', '--email', 'sgt.khan@met.example', '--name', 'Sgt Khan', '--role', 'officer'], `${PASSWORD}\nignored second line\n`)
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    expect(result.stdout).toMatch(/^Added officer sgt\.khan@met\.example \(Sgt Khan\), id \d+\.$/m)
    const app = await createTestApp(sql)
    const cookie = await loginAs(app, { email: 'sgt.khan@met.example', password: PASSWORD })
    const me = await (await app.request('/api/auth/me', { headers: { cookie } })).json()
    expect(me.user).toMatchObject({ email: 'sgt.khan@met.example', name: 'Sgt Khan', role: 'officer' })
  })

  it('refuses a password given as an argument with exit 2, and adds nothing', async () => {
    for (const args of [
      ['add', '--email', 'a@example.org', '--name', 'A', '--role', 'club', '--password', PASSWORD],
      ['add', '--email', 'a@example.org', '--name', 'A', '--role', 'club', PASSWORD],
    ]) {
      const result = await runUser(args, `${PASSWORD}\n`)
      expect(result.code).toBe(2)
      expect(result.stderr).toMatch(/standard input/)
    }
    expect(await sql`SELECT 1 FROM users`).toHaveLength(0)
  })

  it('refuses a password shorter than 12 characters with exit 1', async () => {
    const result = await runUser(['add', '--email', 'a@example.org', '--name', 'A', '--role', 'club'], 'short pass\n')
    expect(result.code).toBe(1)
    expect(result.stderr).toContain('at least 12 characters')
    expect(await sql`SELECT 1 FROM users`).toHaveLength(0)
  })

  it('exits with 1 and says so when the email is taken, in any letter case', async () => {
    await createUser(sql, { role: 'club', email: 'runs@club.example' })
    const result = await runUser(['add', '--email', 'RUNS@club.example', '--name', 'B', '--role', 'club'], `${PASSWORD}\n`)
    expect(result.code).toBe(1)
    expect(result.stderr).toContain('An account with the email RUNS@club.example already exists')
  })

  it.each([
    ['no command', []],
    ['an unknown command', ['remove', '--email', 'a@example.org']],
    ['an unknown role', ['add', '--email', 'a@example.org', '--name', 'A', '--role', 'superuser']],
    ['no email', ['add', '--name', 'A', '--role', 'club']],
    ['an email that is not an address', ['disable', '--email', 'nobody']],
    ['an unknown option', ['list', '--all']],
  ])('exits with 2 and prints the usage for %s', async (_, args) => {
    const result = await runUser(args)
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('Usage: npm run user -- <command>')
  })

  it('lists the accounts as a table', async () => {
    await createUser(sql, { role: 'admin', email: 'admin@met.example', name: 'Admin One' })
    await createUser(sql, { role: 'club', email: 'club@runners.example', name: 'Merton Women Runners' })
    const result = await runUser(['list'])
    expect(result.code).toBe(0)
    const lines = result.stdout.trim().split('\n')
    expect(lines[0]).toMatch(/^ID\s+EMAIL\s+NAME\s+ROLE\s+STATUS\s+CREATED$/)
    expect(lines[1]).toMatch(/^\d+\s+admin@met\.example\s+Admin One\s+admin\s+active\s+\d{4}-\d\d-\d\d$/)
    expect(lines[2]).toMatch(/club@runners\.example\s+Merton Women Runners\s+club\s+active/)
  })

  it('disables an account and ends its sessions', async () => {
    const officer = await createUser(sql, { role: 'officer' })
    const app = await createTestApp(sql)
    const cookie = await loginAs(app, officer)
    const result = await runUser(['disable', '--email', officer.email.toUpperCase()])
    expect(result.code).toBe(0)
    expect(await sql`SELECT 1 FROM sessions`).toHaveLength(0)
    expect((await app.request('/api/auth/me', { headers: { cookie } })).status).toBe(401)
    expect((await runUser(['list'])).stdout).toMatch(/disabled \d{4}-\d\d-\d\d/)
  })

  it('exits with 1 when disabling an email that has no account', async () => {
    const result = await runUser(['disable', '--email', 'nobody@example.org'])
    expect(result.code).toBe(1)
    expect(result.stderr).toContain('No account has the email nobody@example.org')
  })
})
