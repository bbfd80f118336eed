import { TIME_BANDS, type Category, type Days, type Status, type TimeBand } from '../concerns/vocabulary.ts'
import type { RoutingGraph } from './graph.ts'

/**
 * How far from a concern's public cell an edge counts as "near" it. The cell centre is up to
 * ~71 m from where the concern was reported, so 75 m covers the place itself. Routing uses the
 * public cell, never the precise point: a route must not reveal more than the public map does.
 */
export const CONCERN_REACH_METRES = 75

/** Behaviour towards people weighs more than the state of a place. */
export const CATEGORY_WEIGHT: Record<Category, number> = {
  followed: 1.5,
  harassment_individual: 1.5,
  harassment_group: 1.5,
  harassment_other: 1.2,
  drugs_alcohol: 1.0,
  isolated: 1.0,
  poor_lighting: 1.0,
  restricted_visibility: 0.8,
  poor_layout: 0.6,
  no_cctv: 0.5,
  run_down: 0.5,
  other: 0.5,
}

/** Something was done: an actioned or closed concern weighs less (the place may still feel unsafe). */
const STATUS_WEIGHT: Record<Status, number> = { new: 1, acknowledged: 1, action_planned: 1, actioned: 0.5, closed: 0.25 }

/** A concern's weight halves every 12 months. */
const HALF_LIFE_MONTHS = 12

export type ConcernForRouting = {
  id: number
  lng: number // the public cell
  lat: number
  category: Category
  timeBands: TimeBand[]
  days: Days
  supportCount: number
  status: Status
  ageMonths: number
}

export function concernWeight(c: ConcernForRouting): number {
  return (
    CATEGORY_WEIGHT[c.category] *
    (1 + Math.log(Math.max(1, c.supportCount))) *
    STATUS_WEIGHT[c.status] *
    0.5 ** (Math.max(0, c.ageMonths) / HALF_LIFE_MONTHS)
  )
}

type Entry = { edges: Int32Array; weight: number; bands: number; days: Days }

/** Index of a (time band, weekend?) pair into the per-slot load arrays. */
const slot = (band: TimeBand, weekend: boolean) => TIME_BANDS.indexOf(band) * 2 + (weekend ? 1 : 0)

/**
 * The concerns' load on each edge of a graph, for each time band and day type: the sum of the
 * weights of the concerns near the edge that apply at that time. Kept up to date one concern at a
 * time, so a new report re-weights the graph in well under a millisecond.
 */
export class ConcernLoad {
  private readonly entries = new Map<number, Entry>()
  private readonly slots: Float64Array[]
  /** The concerns near each edge that has any: what a route passes is found from its own edges. */
  private readonly byEdge = new Map<number, number[]>()

  constructor(readonly graph: RoutingGraph) {
    this.slots = Array.from({ length: TIME_BANDS.length * 2 }, () => new Float64Array(graph.edgeCount))
  }

  get size(): number {
    return this.entries.size
  }

  /** Adds a concern or replaces what it contributed before. */
  set(c: ConcernForRouting): void {
    this.remove(c.id)
    const edges = Int32Array.from(this.graph.edgesNear(c.lng, c.lat, CONCERN_REACH_METRES), (s) => s.edge)
    const entry: Entry = { edges, weight: concernWeight(c), bands: bandMask(c.timeBands), days: c.days }
    this.entries.set(c.id, entry)
    this.apply(entry, 1)
    for (const e of edges) {
      const near = this.byEdge.get(e)
      if (near) near.push(c.id)
      else this.byEdge.set(e, [c.id])
    }
  }

  remove(id: number): void {
    const entry = this.entries.get(id)
    if (!entry) return
    this.apply(entry, -1)
    this.entries.delete(id)
    for (const e of entry.edges) {
      const near = this.byEdge.get(e)!
      near.splice(near.indexOf(id), 1)
      if (near.length === 0) this.byEdge.delete(e)
    }
  }

  /** Per-edge load at a time band and day type. */
  load(band: TimeBand, weekend: boolean): Float64Array {
    return this.slots[slot(band, weekend)]!
  }

  /** Ids of the concerns that apply at that time near any of `edges` (a route's), each once. */
  near(edges: Iterable<number>, band: TimeBand, weekend: boolean): number[] {
    const ids = new Set<number>()
    for (const e of edges) {
      for (const id of this.byEdge.get(e) ?? []) {
        if (!ids.has(id) && applies(this.entries.get(id)!, band, weekend)) ids.add(id)
      }
    }
    return [...ids]
  }

  private apply(entry: Entry, sign: 1 | -1) {
    TIME_BANDS.forEach((band) => {
      for (const weekend of [false, true]) {
        if (!applies(entry, band, weekend)) continue
        const load = this.slots[slot(band, weekend)]!
        // Clamped at 0 so rounding after many removals never leaves a negative weight.
        for (const e of entry.edges) load[e] = Math.max(0, load[e]! + sign * entry.weight)
      }
    })
  }
}

const bandMask = (bands: readonly TimeBand[]) => bands.reduce((m, b) => m | (1 << TIME_BANDS.indexOf(b)), 0)

function applies(entry: Entry, band: TimeBand, weekend: boolean): boolean {
  if (!(entry.bands & (1 << TIME_BANDS.indexOf(band)))) return false
  return entry.days === 'any' || (entry.days === 'weekends') === weekend
}
