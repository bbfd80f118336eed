import type { LngLat as MapLngLat, Map as MapLibreMap } from 'maplibre-gl'
import { useEffect } from 'react'
import type { LngLat } from '../api/client.ts'

/*
 * The part of the map a person can see: what the open sheet (report, route, patrols, a concern's
 * card) and the folded key leave free. On a phone a sheet lies along the bottom and can cover
 * more than half the map; on a wide screen it stands at the end of the line (the right, or the
 * left in a right-to-left language), the key at its start. "The centre of the map" is the centre
 * of this free area, a located point is brought into it, and a point being placed is kept in it
 * when the sheet grows.
 */

/** A phone's screen: as narrow as the stylesheet's breakpoint (640 px), where sheets lie along the bottom. */
export const isSmallScreen = (): boolean => window.matchMedia('(max-width: 640px)').matches

/** Pixels from each edge of the map (MapLibre's PaddingOptions, every edge given). */
type Edges = { top: number; bottom: number; left: number; right: number }

/** Pixels kept between a point brought into view and the edge of what covers the map. */
const MARGIN = 24

/**
 * What a box standing beside the map's side covers of it, from the side it stands nearer to
 * (the page's direction decides which that is: the layout mirrors, the map does not).
 */
function coveredSides(box: DOMRect, frame: DOMRect): Pick<Edges, 'left' | 'right'> {
  const nearerLeft = box.left - frame.left < frame.right - box.right
  return nearerLeft ? { left: box.right - frame.left, right: 0 } : { left: 0, right: frame.right - box.left }
}

/**
 * Room a sheet and the map's key take over the map, plus `margin`: the padding for fitBounds, so
 * that a line fitted into view is not hidden under them. A sheet as wide as the map (a phone)
 * lies along the bottom; a narrower one on its side, and a tall key on the other.
 */
export function sheetPadding(map: MapLibreMap | null, sheet: HTMLElement | null, margin: number): number | Edges {
  const box = sheet?.getBoundingClientRect()
  const frame = map?.getContainer().getBoundingClientRect()
  if (!box || !frame) return margin
  const key = document.querySelector('.panel')?.getBoundingClientRect()
  if (box.width >= frame.width - 1) {
    return {
      top: Math.max(margin, (key?.bottom ?? 0) - frame.top + margin),
      left: margin,
      right: margin,
      bottom: Math.max(margin, frame.bottom - box.top + margin),
    }
  }
  const bySheet = coveredSides(box, frame)
  const byKey = key && key.height > frame.height / 3 ? coveredSides(key, frame) : { left: 0, right: 0 }
  return {
    top: margin,
    bottom: margin,
    left: Math.max(margin, bySheet.left + margin, byKey.left + margin),
    right: Math.max(margin, bySheet.right + margin, byKey.right + margin),
  }
}

/** The sheet open over this map, if any: a sibling of the map in its page. */
function openSheet(map: MapLibreMap): HTMLElement | null {
  return map.getContainer().parentElement?.querySelector<HTMLElement>(':scope > .sheet') ?? null
}

/** What covers each edge of the map now, in pixels (no margin). */
function covered(map: MapLibreMap): Edges {
  const padding = sheetPadding(map, openSheet(map), 0)
  return typeof padding === 'number' ? { top: padding, bottom: padding, left: padding, right: padding } : padding
}

/** The centre of the part of the map that nothing covers. */
export function visibleCentre(map: MapLibreMap): LngLat {
  const { top, bottom, left, right } = covered(map)
  const { clientWidth: width, clientHeight: height } = map.getContainer()
  const { lng, lat }: MapLngLat = map.unproject([left + (width - left - right) / 2, top + (height - top - bottom) / 2])
  return { lng, lat }
}

/** The zoom a point just placed (by location or by name) is shown at: its street and neighbours named. */
export const PLACE_ZOOM = 16

/** Moves the map so that `at` is at the centre of the free part (zooming in to at least `zoom`). */
export function bringIntoView(map: MapLibreMap, at: LngLat, zoom: number): void {
  const { top, bottom, left, right } = covered(map)
  map.easeTo({ center: [at.lng, at.lat], zoom: Math.max(map.getZoom(), zoom), offset: [(left - right) / 2, (top - bottom) / 2] })
}

/** True when `at` is on screen and outside everything that covers the map, with the margin. */
function inFreeArea(map: MapLibreMap, at: LngLat): boolean {
  const { top, bottom, left, right } = covered(map)
  const { clientWidth: width, clientHeight: height } = map.getContainer()
  const { x, y } = map.project([at.lng, at.lat])
  return x >= left + MARGIN / 2 && x <= width - right - MARGIN / 2 && y >= top + MARGIN / 2 && y <= height - bottom - MARGIN / 2
}

/**
 * Keeps a point being placed in view while a sheet is open: when the sheet grows over it (a
 * list of "me too" matches, an error, the keyboard on a phone), the map moves it back above.
 */
export function useKeepInView(map: MapLibreMap | null, point: LngLat | null): void {
  useEffect(() => {
    if (!map || !point) return
    const check = () => {
      if (!map.isMoving() && !inFreeArea(map, point)) bringIntoView(map, point, map.getZoom())
    }
    const observer = new ResizeObserver(check)
    observer.observe(map.getContainer())
    const sheet = openSheet(map)
    if (sheet) observer.observe(sheet)
    return () => observer.disconnect()
  }, [map, point])
}
