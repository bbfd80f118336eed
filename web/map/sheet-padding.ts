import type { Map as MapLibreMap, PaddingOptions } from 'maplibre-gl'

/**
 * Room a sheet (the route planner, the patrols panel) and the map's key take over the map, so
 * that a line fitted into view is not hidden under them. A sheet as wide as the map (a phone)
 * lies along the bottom; a narrower one on the right.
 */
export function sheetPadding(map: MapLibreMap | null, sheet: HTMLElement | null, margin: number): number | PaddingOptions {
  const box = sheet?.getBoundingClientRect()
  const frame = map?.getContainer().getBoundingClientRect()
  if (!box || !frame) return margin
  const key = document.querySelector('.panel')?.getBoundingClientRect()
  return box.width >= frame.width - 1
    ? {
        top: Math.max(margin, (key?.bottom ?? 0) - frame.top + margin),
        left: margin,
        right: margin,
        bottom: Math.max(margin, frame.bottom - box.top + margin),
      }
    : {
        top: margin,
        bottom: margin,
        left: Math.max(margin, key && key.height > frame.height / 3 ? key.right - frame.left + margin : 0),
        right: Math.max(margin, frame.right - box.left + margin),
      }
}
