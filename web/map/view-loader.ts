import type { Map as MapLibreMap } from 'maplibre-gl'
import type { Bbox } from '../api.ts'

/**
 * Loads what the view shows now and again after each move (the last of a burst of moves, after
 * `debounceMs`): `load` gets the view's bbox and a signal that aborts when a newer load starts
 * or the caller stops. An aborted load's failure is not reported. Returns the stop function.
 */
export function loadForView(
  map: MapLibreMap,
  debounceMs: number,
  load: (bbox: Bbox, signal: AbortSignal) => Promise<void>,
  onError: (message: string) => void,
): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined
  let controller: AbortController | undefined
  const run = () => {
    controller?.abort()
    controller = new AbortController()
    const bounds = map.getBounds()
    load([bounds.getWest(), bounds.getSouth(), bounds.getEast(), bounds.getNorth()], controller.signal).catch((error: unknown) => {
      if (error instanceof DOMException && error.name === 'AbortError') return
      onError(error instanceof Error ? error.message : String(error))
    })
  }
  const onMove = () => {
    clearTimeout(timer)
    timer = setTimeout(run, debounceMs)
  }
  run()
  map.on('moveend', onMove)
  return () => {
    clearTimeout(timer)
    controller?.abort()
    map.off('moveend', onMove)
  }
}
