import { defineConfig } from 'vitest/config'

// Three suites: unit (no database), api (one real PostGIS per run: embedded PGlite, or the
// server named by DATABASE_URL), browser (Debian's chromium against the running app).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'api',
          include: ['test/api/**/*.test.ts'],
          globalSetup: ['test/support/global-db.ts'],
          // One database for the run: files take turns so that each can reset the tables it uses.
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 300_000,
        },
      },
      {
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          globalSetup: ['test/support/global-app.ts'],
          setupFiles: ['test/support/browser-setup.ts'],
          fileParallelism: false,
          testTimeout: 180_000,
          hookTimeout: 600_000,
          // A page waits on the server and on MapLibre drawing in software: on a loaded CI machine
          // that can take more than expect.poll's default second. A real failure still fails.
          expect: { poll: { timeout: 10_000 } },
        },
      },
    ],
  },
})
