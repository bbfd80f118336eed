import { setWorkerUrl } from 'maplibre-gl'
// Vite bundles MapLibre's worker as a file of its own and gives its URL. MapLibre would otherwise
// look for the worker beside its own module, which is not where a bundler puts it.
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?worker&url'

setWorkerUrl(workerUrl)
