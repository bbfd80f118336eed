import { Workbox } from 'workbox-window'

/**
 * Registers the service worker of the build (web/offline/caching.ts says what it keeps) once the
 * page has loaded, so its precaching never competes with the first paint. A new build's worker
 * takes over at once (skipWaiting): the shell is one build's files, never a mix. Not in the
 * development server, which has no worker.
 */
export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return
  const register = () => void new Workbox('/sw.js').register().catch((error: unknown) => console.warn('No offline support:', error))
  if (document.readyState === 'complete') register()
  else window.addEventListener('load', register, { once: true })
}
