import type { Map as MapLibreMap } from 'maplibre-gl'
import { routeArrowImage } from '../map/layers/routes.ts'

/** The arrow image in device pixels, drawn for screens of this pixel ratio (12 CSS pixels). */
const SIZE = 24
const PIXEL_RATIO = 2
/** A chevron pointing along +x (the way the line goes under symbol-placement line), and its half width. */
const CHEVRON: [number, number][] = [
  [8, 5],
  [16, 12],
  [8, 19],
]
const HALF_WIDTH = 2.2
/** MapLibre's SDF encoding (TinySDF's): the edge at 0.75, a pixel of distance this many pixels per step. */
const RADIUS = 6
const CUTOFF = 0.25

/** Distance from (x, y) to segment a–b. */
function toSegment(x: number, y: number, [ax, ay]: [number, number], [bx, by]: [number, number]): number {
  const dx = bx - ax
  const dy = by - ay
  const u = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)))
  return Math.hypot(ax + u * dx - x, ay + u * dy - y)
}

/**
 * The arrow as a signed distance field, computed exactly from its shape (no canvas, no font), so
 * that the layer can colour it (icon-color) and it stays sharp at any icon-size.
 */
function arrowField(): { width: number; height: number; data: Uint8Array } {
  const data = new Uint8Array(SIZE * SIZE * 4)
  for (let y = 0; y < SIZE; y++)
    for (let x = 0; x < SIZE; x++) {
      const [px, py] = [x + 0.5, y + 0.5]
      const d = Math.min(toSegment(px, py, CHEVRON[0]!, CHEVRON[1]!), toSegment(px, py, CHEVRON[1]!, CHEVRON[2]!)) - HALF_WIDTH
      const k = 4 * (y * SIZE + x)
      data.fill(255, k, k + 3)
      data[k + 3] = Math.round(255 * Math.max(0, Math.min(1, 1 - (d / RADIUS + CUTOFF))))
    }
  return { width: SIZE, height: SIZE, data }
}

/** Adds the direction arrow to the map's images once (the route layers draw it along the selected line). */
export function addRouteArrow(map: MapLibreMap): void {
  if (!map.hasImage(routeArrowImage)) map.addImage(routeArrowImage, arrowField(), { sdf: true, pixelRatio: PIXEL_RATIO })
}
