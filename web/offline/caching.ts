import type { ManifestOptions, VitePWAOptions } from 'vite-plugin-pwa'

/*
 * What the service worker keeps, so the map opens and a report can be written with no signal
 * (vite.config.ts builds the worker with Workbox from this):
 * - the app shell, precached at install: index.html, every script and stylesheet of the build
 *   (the map page, the lazily loaded pages, MapLibre and its worker), the icons and the manifest;
 *   replaced as a whole by the next build's;
 * - the map as last seen: vector tiles and what /api/map says (bounds, settings), and the concern
 *   clusters of the views looked at, network first (so a good connection always gets today's)
 *   with the cached copy when the network fails or is slower than a few seconds;
 * - nothing else of the API: reports, receipts and officers' data are never cached. A report
 *   made offline waits in IndexedDB instead (web/offline/outbox.ts).
 */

/**
 * The most tiles kept: twice the whole demo area at zooms 13–16 (138 tiles, 4.3 MiB), so a
 * resident's own streets at every zoom stay: about 10 MiB at that mix (tiles are 20–76 KiB).
 */
export const MAX_CACHED_TILES = 300
const WEEK_SECONDS = 7 * 24 * 3600
/** How long a slow network is waited for before the cached copy answers. */
const NETWORK_TIMEOUT_SECONDS = 4

const TILE_CACHE = 'map-tiles'

export const offlineCaching: VitePWAOptions['workbox'] = {
  // The manifest and its icons are added by the plugin.
  globPatterns: ['**/*.{js,css,html,svg}'],
  // MapLibre's chunk is about 1 MB: above Workbox's 2 MiB default only by a margin for growth.
  maximumFileSizeToCacheInBytes: 4 * 1024 * 1024,
  // Every page of the app is index.html (the front end routes itself); /api never is.
  navigateFallback: '/index.html',
  navigateFallbackDenylist: [/^\/api(\/|$)/],
  cleanupOutdatedCaches: true,
  clientsClaim: true,
  skipWaiting: true,
  runtimeCaching: [
    {
      urlPattern: ({ url, sameOrigin }) => sameOrigin && url.pathname.startsWith('/api/tiles/'),
      handler: 'NetworkFirst',
      options: {
        cacheName: TILE_CACHE,
        networkTimeoutSeconds: NETWORK_TIMEOUT_SECONDS,
        expiration: { maxEntries: MAX_CACHED_TILES, maxAgeSeconds: WEEK_SECONDS, purgeOnQuotaError: true },
        cacheableResponse: { statuses: [200] },
      },
    },
    {
      urlPattern: ({ url, sameOrigin }) => sameOrigin && (url.pathname === '/api/map' || url.pathname === '/api/concerns/clusters'),
      handler: 'NetworkFirst',
      options: {
        cacheName: 'map-data',
        networkTimeoutSeconds: NETWORK_TIMEOUT_SECONDS,
        expiration: { maxEntries: 200, maxAgeSeconds: WEEK_SECONDS, purgeOnQuotaError: true },
        cacheableResponse: { statuses: [200] },
      },
    },
  ],
}

export const webAppManifest: Partial<ManifestOptions> = {
  name: 'Common Ground',
  short_name: 'Common Ground',
  description: 'A safety map shared by the police and the community: say where you feel unsafe, and see what is done.',
  start_url: '/',
  scope: '/',
  display: 'standalone',
  background_color: '#f5f2ec',
  theme_color: '#f5f2ec',
  icons: [
    { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' },
    { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png' },
    { src: '/icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
  ],
}
