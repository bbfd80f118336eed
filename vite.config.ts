import { fileURLToPath } from 'node:url'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'
import { compression } from 'vite-plugin-compression2'
import { VitePWA } from 'vite-plugin-pwa'
import { offlineCaching, webAppManifest } from './web/offline/caching.ts'

const apiPort = process.env.API_PORT ?? 8080

// The front end lives in web/ and builds to dist/ at the repository root, which the server
// serves. In development, Vite serves web/ and hands /api to the running server.
export default defineConfig({
  root: fileURLToPath(new URL('./web', import.meta.url)),
  // Each file also as .br and .gz beside it, compressed once at their best, which the server
  // sends to browsers that take them (server/web-pages.ts).
  // The service worker (web/offline/caching.ts says what it keeps) is written before the files
  // are compressed, so it is compressed too.
  plugins: [
    react(),
    VitePWA({ injectRegister: false, registerType: 'autoUpdate', manifest: webAppManifest, workbox: offlineCaching }),
    compression({ algorithms: ['brotliCompress', 'gzip'], threshold: 1024 }),
  ],
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    // dist/.vite/manifest.json: which files a first visit loads (bench/web.ts weighs them).
    manifest: true,
    // MapLibre alone is about 1 MB minified; the warning's default of 500 kB would always fire.
    chunkSizeWarningLimit: 1600,
  },
  // MapLibre's worker is an ES module (see web/map/worker.ts).
  worker: { format: 'es' },
  server: {
    // With the trailing slash, so that web/api.ts itself is not sent to the server.
    proxy: { '/api/': `http://127.0.0.1:${apiPort}` },
  },
})
