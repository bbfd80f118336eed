import { createInterface } from 'node:readline/promises'
import { Writable } from 'node:stream'
import { parseArgs } from 'node:util'
import { z } from 'zod'
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '../auth/passwords.ts'
import { AccountError, createUser, disableUser, listUsers, ROLES, type Role } from '../auth/users.ts'
import { loadConfig } from '../config.ts'
import { openDatabase } from '../db/database.ts'
import { migrate } from '../db/migrate.ts'

const USAGE = `Usage: npm run user -- <command> [options]

Commands:
  add --email E --name N --role R   create an account; R is ${ROLES.join(', ')}
  list                              show every account
  disable --email E                 disable an account and end its sessions

The password of a new account is read from standard input: typed at a prompt (not shown), or
the first line of a pipe, e.g. \`printf '%s\\n' "$PASSWORD" | npm run user -- add …\`. It is never
taken as an argument, where shell history and \`ps\` would keep it. At least ${MIN_PASSWORD_LENGTH} characters.

Exit codes: 0 done, 1 failed (e.g. the email is taken), 2 wrong usage.
The database is DATABASE_URL, or the embedded one in DATA_DIR.`

class UsageError extends Error {}

const email = z.string().trim().max(254).pipe(z.email())
const name = z.string().trim().min(1).max(200)
const role = z.enum(ROLES)

function parse(argv: string[]) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      email: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string' },
      // Declared only to be refused with a reason rather than as an unknown option.
      password: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  })
  if (values.password !== undefined) {
    throw new UsageError('A password is never taken as an argument (shell history and `ps` would keep it): give it on standard input.')
  }
  const [command, ...extra] = positionals
  if (extra.length > 0) throw new UsageError(`Unexpected argument "${extra[0]}" (a password goes on standard input).`)
  return { command, values }
}

function field<T>(schema: z.ZodType<T>, value: string | undefined, option: string): T {
  if (value === undefined) throw new UsageError(`Give --${option}.`)
  const result = schema.safeParse(value)
  if (!result.success) throw new UsageError(`--${option}: ${result.error.issues[0]!.message}`)
  return result.data
}

/** Asks twice without echo at a terminal; reads the first line of a pipe otherwise. */
async function readPassword(): Promise<string> {
  if (!process.stdin.isTTY) {
    const lines = createInterface({ input: process.stdin, crlfDelay: Infinity })
    for await (const line of lines) return line
    return ''
  }
  let muted = false
  const output = new Writable({
    write(chunk, encoding, done) {
      if (!muted) process.stderr.write(chunk, encoding)
      done()
    },
  })
  const prompt = createInterface({ input: process.stdin, output, terminal: true })
  const ask = async (question: string) => {
    process.stderr.write(question)
    muted = true
    const answer = await prompt.question('')
    muted = false
    process.stderr.write('\n')
    return answer
  }
  try {
    const first = await ask('Password: ')
    if ((await ask('Repeat the password: ')) !== first) throw new AccountError('The two passwords differ.')
    return first
  } finally {
    prompt.close()
  }
}

async function main(argv: string[]): Promise<number> {
  let command: string | undefined
  let account: { email: string; name: string; role: Role } | undefined
  let target: string | undefined
  try {
    const parsed = parse(argv)
    if (parsed.values.help) {
      console.log(USAGE)
      return 0
    }
    command = parsed.command
    const { values } = parsed
    if (command === 'add') {
      account = { email: field(email, values.email, 'email'), name: field(name, values.name, 'name'), role: field(role, values.role, 'role') }
    } else if (command === 'disable') {
      target = field(email, values.email, 'email')
    } else if (command !== 'list') {
      throw new UsageError(command === undefined ? 'Give a command.' : `Unknown command "${command}".`)
    }
  } catch (error) {
    const fromParseArgs = String((error as { code?: unknown }).code).startsWith('ERR_PARSE_ARGS')
    if (!(error instanceof UsageError) && !fromParseArgs) throw error
    console.error(`${(error as Error).message}\n\n${USAGE}`)
    return 2
  }

  const password = account ? await readPassword() : ''
  if (account && password.length < MIN_PASSWORD_LENGTH) {
    console.error(password === '' ? 'No password on standard input.' : `The password must have at least ${MIN_PASSWORD_LENGTH} characters.`)
    return 1
  }
  if (password.length > MAX_PASSWORD_LENGTH) {
    console.error(`The password must have at most ${MAX_PASSWORD_LENGTH} characters.`)
    return 1
  }

  const database = await openDatabase(loadConfig())
  try {
    await migrate(database.sql)
    if (account) {
      const user = await createUser(database.sql, { ...account, password })
      console.log(`Added ${user.role} ${user.email} (${user.name}), id ${user.id}.`)
    } else if (target !== undefined) {
      const changed = await disableUser(database.sql, target)
      console.log(changed ? `Disabled ${target}; its sessions have ended.` : `${target} was already disabled.`)
    } else {
      printTable(await listUsers(database.sql))
    }
    return 0
  } catch (error) {
    if (!(error instanceof AccountError)) throw error
    console.error(error.message)
    return 1
  } finally {
    await database.close()
  }
}

function printTable(users: Awaited<ReturnType<typeof listUsers>>) {
  if (users.length === 0) {
    console.log('No accounts yet. Add one with: npm run user -- add --email E --name N --role R')
    return
  }
  const day = (d: Date) => d.toISOString().slice(0, 10)
  const rows = [
    ['ID', 'EMAIL', 'NAME', 'ROLE', 'STATUS', 'CREATED'],
    ...users.map((u) => [String(u.id), u.email, u.name, u.role, u.disabledAt ? `disabled ${day(u.disabledAt)}` : 'active', day(u.createdAt)]),
  ]
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)))
  for (const row of rows) console.log(row.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd())
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code
  },
  (error: Error) => {
    console.error(`npm run user failed: ${error.message}`)
    process.exitCode = 1
  },
)
