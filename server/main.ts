import { ConfigError, loadConfig } from './config.ts'
import { startServer } from './server.ts'

/** `npm start`: the app on one port, with the embedded PostGIS unless DATABASE_URL is set. */
try {
  const config = loadConfig()
  const server = await startServer(config)
  console.log(`Common Ground is running at ${server.url}`)
  const stop = async (signal: string) => {
    console.log(`${signal}: closing the server and the database…`)
    await server.close()
    process.exit(0)
  }
  process.once('SIGINT', () => void stop('SIGINT'))
  process.once('SIGTERM', () => void stop('SIGTERM'))
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : error)
  process.exit(1)
}
