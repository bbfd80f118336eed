import type { LineString } from 'geojson'
import { PACE } from '../../common/pace.ts'
import { ApiError } from '../errors.ts'
import { SNAP_METRES } from '../routing/compute.ts'
import type { RoutingGraph, Snap } from '../routing/graph.ts'
import type { RoutingState } from '../routing/service.ts'
import { round7, trailLength, trailLine, type Trail } from '../routing/trail.ts'


export type Waypoint = { lng: number; lat: number; dwellMinutes: number }

/** A patrol's line on the path network and the waypoints as snapped. */
export type Walk = { geometry: LineString; lengthMeters: number; walkMinutes: number; dwellMinutes: number; waypoints: Waypoint[] }

/** Snaps a point to the network (the largest connected part) or answers 422 naming it. */
export function snapPoint(state: RoutingState, point: { lng: number; lat: number }, which: string): Snap {
  const snap = state.graph.snap(point.lng, point.lat, SNAP_METRES)
  if (!snap) {
    const waypoint = /^waypoint (\d+)$/.exec(which)?.[1]
    throw new ApiError(422, 'no_path_network', `No path within ${SNAP_METRES} m of ${which}`, {
      point: which,
      metres: SNAP_METRES,
      ...(waypoint ? { waypoint: Number(waypoint) } : {}),
    })
  }
  return snap
}

/** The walk along a trail through these waypoints (already on the network). */
export function walkOf(graph: RoutingGraph, trail: Trail, waypoints: readonly Waypoint[]): Walk {
  const geometry = trailLine(graph, trail)
  if (geometry.coordinates.length < 2) throw new ApiError(422, 'patrol_too_short', 'The waypoints all snap to one place: spread them along the paths')
  const lengthMeters = Math.round(trailLength(graph, trail))
  return {
    geometry,
    lengthMeters,
    walkMinutes: Math.round(lengthMeters / PACE.patrol),
    dwellMinutes: waypoints.reduce((sum, w) => sum + w.dwellMinutes, 0),
    waypoints: waypoints.map((w) => ({ lng: round7(w.lng), lat: round7(w.lat), dwellMinutes: w.dwellMinutes })),
  }
}

/**
 * Joins the points in order along the network by the shortest walking paths, so a patrol
 * follows real paths. Points that snap to the same place as the one before add nothing.
 */
export function joinPoints(state: RoutingState, points: readonly { lng: number; lat: number; dwellMinutes?: number | undefined }[]): Walk {
  if (state.graph.edgeCount === 0) throw new ApiError(422, 'no_path_network', 'No path network has been imported yet')
  const snaps = points.map((p, k) => snapPoint(state, p, `waypoint ${k + 1}`))
  const trail: Trail = []
  for (let k = 1; k < snaps.length; k++) {
    const leg = state.planner.connect(snaps[k - 1]!, snaps[k]!, state.graph.length, 1)
    if (!leg) throw new ApiError(422, 'unreachable', `No path joins waypoints ${k} and ${k + 1}`, { waypoints: [k, k + 1] })
    trail.push(...leg)
  }
  return walkOf(state.graph, trail, snaps.map((s, k) => ({ lng: s.lng, lat: s.lat, dwellMinutes: points[k]!.dwellMinutes ?? 0 })))
}
