import { createServer } from 'vite'
import { ConfigError, loadConfig } from './config.ts'
import { startServer } from './server.ts'

/** `npm run dev`: the API on PORT and Vite (with hot reload) on 5173, proxying /api to it. */
try {
  const config = loadConfig()
  const api = await startServer(config, { web: false })
  process.env.API_PORT = String(api.port)
  const vite = await createServer({ configFile: new URL('../vite.config.ts', import.meta.url).pathname })
  await vite.listen()
  vite.printUrls()
  const stop = async () => {
    await vite.close()
    await api.close()
    process.exit(0)
  }
  process.once('SIGINT', () => void stop())
  process.once('SIGTERM', () => void stop())
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : error)
  process.exit(1)
}
