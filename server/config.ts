import { resolve } from 'node:path'
import { z } from 'zod'
import { parseTrustProxy, type ClientAddressRule } from './limits/client-address.ts'

/** Settings read from the environment; a wrong value stops start-up naming the variable. */
const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  DEMO_DATA_DIR: z.string().min(1).default('../shared/data'),
  /** An external MapLibre style URL to use instead of the built-in basemap (optional). */
  MAP_STYLE_URL: z.string().url().optional(),
  /** When residents' concerns become public: at once, or once an officer has reviewed them. */
  PUBLISH_CONCERNS: z.enum(['immediately', 'after_review']).default('immediately'),
  /**
   * Reports one client address may send in 10 minutes. Raise it where many residents share one
   * address (a walk-and-talk event on one Wi-Fi, a proxy that hides their addresses).
   */
  REPORTS_PER_CLIENT: z.coerce.number().int().min(1).max(1_000_000).default(10),
  /** A patrol covers a concern when it passes within this many metres of it. */
  COVERAGE_METRES: z.coerce.number().int().min(10).max(1000).default(100),
  /** Hot-spot dosage target: patrol minutes a day near a hot spot, in its time bands. */
  DOSAGE_MINUTES: z.coerce.number().int().min(1).max(240).default(15),
  /** Which proxies in front of the server to believe about the client's address (README "Behind a proxy"). */
  TRUST_PROXY: z
    .string()
    .optional()
    .transform((value, ctx) => {
      try {
        return parseTrustProxy(value)
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: `false, a hop count, or addresses/CIDRs separated by commas (${(error as Error).message})` })
        return z.NEVER
      }
    }),
  /** The header those proxies write the client's address into. */
  FORWARDED_HEADER: z.enum(['x-forwarded-for', 'forwarded']).default('x-forwarded-for'),
})

export type Config = {
  port: number
  host: string
  databaseUrl: string | undefined
  dataDir: string
  demoDataDir: string
  mapStyleUrl: string | undefined
  publishConcerns: 'immediately' | 'after_review'
  reportsPerClient: number
  coverageMetres: number
  dosageMinutes: number
  clientAddress: ClientAddressRule
}

/** The settings the app reads while it serves (the rest start it: port, database, folders). */
export type AppSettings = Pick<Config, 'mapStyleUrl' | 'publishConcerns' | 'reportsPerClient' | 'coverageMetres' | 'dosageMinutes' | 'clientAddress'>

/** Each setting's default, as the schema above gives it when nothing is set: the one place for them. */
export function defaultSettings(): AppSettings {
  const { mapStyleUrl, publishConcerns, reportsPerClient, coverageMetres, dosageMinutes, clientAddress } = loadConfig({})
  return { mapStyleUrl, publishConcerns, reportsPerClient, coverageMetres, dosageMinutes, clientAddress }
}

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable counts as unset, the way shells and .env files are usually written.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== ''))
  const parsed = schema.safeParse(present)
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`)
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`)
  }
  const c = parsed.data
  return {
    port: c.PORT,
    host: c.HOST,
    databaseUrl: c.DATABASE_URL,
    dataDir: resolve(c.DATA_DIR),
    demoDataDir: resolve(c.DEMO_DATA_DIR),
    mapStyleUrl: c.MAP_STYLE_URL,
    publishConcerns: c.PUBLISH_CONCERNS,
    reportsPerClient: c.REPORTS_PER_CLIENT,
    coverageMetres: c.COVERAGE_METRES,
    dosageMinutes: c.DOSAGE_MINUTES,
    clientAddress: { trust: c.TRUST_PROXY, header: c.FORWARDED_HEADER },
  }
}
