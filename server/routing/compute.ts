import type { Feature, LineString } from 'geojson'
import { ApiError } from '../errors.ts'
import { closedParks, edgeWeights, leastFactor, type CostInputs, type Profile } from './cost.ts'
import { explain, type RouteFacts } from './explain.ts'
import { metresBetween } from '../../common/geo.ts'
import { PACE } from '../../common/pace.ts'
import type { Snap } from './graph.ts'
import { LOOP_TOLERANCE } from './plan.ts'
import type { RoutingState } from './service.ts'
import { routeTime } from './time.ts'
import { trailLine, type Trail } from './trail.ts'

/** A point is snapped to the network within this distance, or refused. */
export const SNAP_METRES = 200

export type RouteRequest = {
  from: { lng: number; lat: number }
  to?: { lng: number; lat: number }
  distanceMeters?: number
  departAt: Date
  profile: Profile
}

export type ComputedRoute = Feature<LineString, RouteFacts & { profile: Profile }>

function snapOrRefuse(state: RoutingState, point: { lng: number; lat: number }, which: 'from' | 'to'): Snap {
  const snap = state.graph.snap(point.lng, point.lat, SNAP_METRES)
  if (!snap) throw new ApiError(422, 'no_path_network', `No path network near this point (${which}): none within ${SNAP_METRES} m`, { point: which })
  return snap
}

/**
 * Routes for one request: up to three alternatives under the asked profile, and the route (or
 * loop) planned on distance alone for comparison. An A→B request with `to`; a loop without.
 */
export function computeRoutes(state: RoutingState, request: RouteRequest): { kind: 'route' | 'loop'; routes: ComputedRoute[]; shortest: ComputedRoute } {
  const { graph, planner } = state
  const from = snapOrRefuse(state, request.from, 'from')
  const to = request.to && snapOrRefuse(state, request.to, 'to')
  const tripMetres = to ? metresBetween(from.lng, from.lat, to.lng, to.lat) * 1.3 : request.distanceMeters!
  // How long the trip lasts (is it dark by the end? is a park closed by then?): walked A→B, a loop run.
  const minutes = tripMetres / (to ? PACE.walking : PACE.running)
  const time = routeTime(request.departAt, minutes, from.lng, from.lat)
  const inputs: CostInputs = {
    profile: request.profile,
    time,
    concerns: state.concerns,
    closed: closedParks(graph, time),
    patrolled: state.patrols.at(time.departAt, time.arriveBy),
  }
  const weights = edgeWeights(graph, inputs)
  const minFactor = leastFactor(graph, weights)
  const distance = graph.length

  let trails: Trail[]
  let reference: Trail | undefined
  if (to) {
    trails = planner.alternatives(from, to, weights, minFactor)
    if (trails.length === 0) throw new ApiError(422, 'unreachable', 'No path joins these two points on the network')
    reference = request.profile === 'shortest' ? trails[0] : planner.connect(from, to, distance, 1)!
  } else {
    const asked = request.distanceMeters!
    const { loops, longest } = planner.loops(from, asked, weights)
    if (loops.length === 0) {
      // Loops are found by trying, so offer a little less than the longest one found.
      const fits = Math.floor((longest * (1 - LOOP_TOLERANCE)) / 100) * 100
      if (longest < asked * (1 - LOOP_TOLERANCE)) {
        throw new ApiError(
          422,
          'loop_too_long',
          fits >= 1000
            ? `The paths around this start can't hold a ${asked} m loop; the longest that fits is about ${fits} m`
            : `The paths around this start can't hold a ${asked} m loop`,
          { longestMeters: fits, distanceMeters: asked },
        )
      }
      throw new ApiError(422, 'no_loop_found', `No ${asked} m loop found from this start; try a start on a through path, or another distance`, {
        distanceMeters: asked,
      })
    }
    trails = loops
    reference = request.profile === 'shortest' ? loops[0] : (planner.loops(from, asked, distance, 1, 0).loops[0] ?? loops[0])
  }
  const kind = to ? 'route' : 'loop'
  const facts = explain(graph, trails, reference!, inputs, weights, kind)
  const feature = (trail: Trail, k: number): ComputedRoute => ({
    type: 'Feature',
    // As stored and served again by GET /api/routes/{id}.geojson.
    geometry: trailLine(graph, trail),
    properties: { profile: k < trails.length ? request.profile : 'shortest', ...facts[k]! },
  })
  return { kind, routes: trails.map(feature), shortest: feature(reference!, trails.length) }
}
