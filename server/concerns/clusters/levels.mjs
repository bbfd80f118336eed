// The levels of a cluster index: supercluster's clusters at every zoom, written into flat typed
// arrays that the build thread hands to the main thread without copying (worker.mjs), with the
// links between zooms that the overlay walks and the counts the answer gives. Plain JS so that
// the worker, which node runs as is, imports it; its types are in levels.d.mts.
import Supercluster from 'supercluster'
import { CATEGORY_MASK, SAMPLE } from './flags.mjs'
import { zoomItems } from './supercluster-layout.mjs'

/**
 * The levels from `options.minZoom` to `options.maxZoom + 1` (where every point is alone, item k
 * being point k). A level's items are the clusters and lone points supercluster gives at that
 * zoom: `kd` (the KDBush data of their `xy`, spherical mercator), `num` (points in the item),
 * `ref` (a lone point's position in the input, or supercluster's cluster id), `slot` (a cluster's
 * row in the per-cluster arrays, -1 for a point) and `next` (where the item is one zoom out: the
 * cluster it joins, or itself). Per cluster: `counts` (`categories + 1` numbers: one per category
 * of flags.mjs, then the samples), `expansion` (the zoom at which it splits) and its children,
 * positions at that zoom's level, from `childStart[slot]` to `childStart[slot + 1]` of `children`.
 */
export function clusterLevels(lng, lat, flags, options, categories) {
  const { minZoom, maxZoom, radius, extent } = options
  const n = lng.length
  const width = categories + 1
  const points = new Array(n)
  for (let i = 0; i < n; i++) points[i] = { geometry: { coordinates: [lng[i], lat[i]] } }
  const index = new Supercluster({ minZoom, maxZoom, radius, extent }).load(points)

  const levels = []
  const clusters = new Clusters(width)
  const pointAt = new Int32Array(n)
  let upper
  let upperParent
  for (let z = maxZoom + 1; z >= minZoom; z--) {
    const { kd, xy, id, parent, num } = zoomItems(index, z)
    const level = { kd, xy, num, ref: id, slot: new Int32Array(num.length), next: new Int32Array(0) }
    if (!upper) {
      // Every point alone: the items are the input points, in their order.
      for (let k = 0; k < num.length; k++) {
        if (id[k] !== k) throw new Error(`supercluster's last zoom does not hold the points in input order (item ${k})`)
        level.slot[k] = -1
      }
    } else {
      // Where each point and cluster of this zoom is (point ids are their input positions, below n).
      const clusterAt = new Map()
      const first = clusters.size
      for (let k = 0; k < num.length; k++) {
        if (num[k] > 1) clusterAt.set(id[k], k)
        else pointAt[id[k]] = k
        level.slot[k] = num[k] > 1 ? -2 : -1 // -2: a cluster whose slot is still to come
      }
      // Items of the zoom in that joined a cluster made here are its children; the others are here as themselves.
      const next = (upper.next = new Int32Array(upper.num.length))
      for (let c = 0; c < next.length; c++) {
        const joined = upperParent[c] !== -1
        const k = joined ? clusterAt.get(upperParent[c]) : upper.num[c] > 1 ? clusterAt.get(upper.ref[c]) : pointAt[upper.ref[c]]
        if (k === undefined) throw new Error(`supercluster's zoom ${z + 1} item ${c} is not at zoom ${z}`)
        next[c] = k
        if (!joined) {
          if (upper.num[c] > 1) level.slot[k] = upper.slot[c]
          continue
        }
        // A cluster made at this zoom splits into its children one zoom in.
        if (level.slot[k] === -2) level.slot[k] = clusters.add(z + 1)
        if (upper.num[c] === 1) clusters.count(level.slot[k], flags[upper.ref[c]])
        else clusters.merge(level.slot[k], upper.slot[c])
      }
      if (level.slot.includes(-2)) throw new Error(`supercluster's zoom ${z} has a cluster that is neither new nor from zoom ${z + 1}`)
      clusters.link(first, next, level.slot)
    }
    levels[z] = level
    upper = level
    upperParent = parent
  }
  return { levels, ...clusters.done() }
}

/** The per-cluster arrays, growing as clusters are made (children before their parents). */
class Clusters {
  constructor(width) {
    this.width = width
    this.size = 0
    this.counts = new Uint32Array(1024 * width)
    this.expansion = new Uint8Array(1024)
    this.childStart = new Int32Array(1025)
    this.children = new Int32Array(0)
  }

  add(expansionZoom) {
    const slot = this.size++
    if (this.size === this.expansion.length) {
      const size = 2 * this.size
      this.counts = grow(this.counts, size * this.width)
      this.expansion = grow(this.expansion, size)
      this.childStart = grow(this.childStart, size + 1)
    }
    this.expansion[slot] = expansionZoom
    return slot
  }

  /** Counts a lone point with these flags in cluster `slot`. */
  count(slot, flags) {
    const base = slot * this.width
    this.counts[base + (flags & CATEGORY_MASK)]++
    if (flags & SAMPLE) this.counts[base + this.width - 1]++
  }

  /** Adds the counts of cluster `from` to cluster `slot`. */
  merge(slot, from) {
    const to = slot * this.width
    for (let w = 0; w < this.width; w++) this.counts[to + w] += this.counts[from * this.width + w]
  }

  /**
   * Lists the children of the clusters made at one zoom, slots `first` on: the items of the zoom
   * in whose `next` is one of them (`slots`: the slot of each item at this zoom).
   */
  link(first, next, slots) {
    if (first === this.size) return
    const start = this.childStart
    start.fill(0, first + 1, this.size + 1)
    start[first] = this.children.length
    for (let c = 0; c < next.length; c++) if (slots[next[c]] >= first) start[slots[next[c]] + 1]++
    for (let s = first; s < this.size; s++) start[s + 1] += start[s]
    this.children = grow(this.children, start[this.size])
    const fill = start.slice(first, this.size)
    for (let c = 0; c < next.length; c++) if (slots[next[c]] >= first) this.children[fill[slots[next[c]] - first]++] = c
  }

  done() {
    return {
      counts: this.counts.slice(0, this.size * this.width),
      expansion: this.expansion.slice(0, this.size),
      childStart: this.childStart.slice(0, this.size + 1),
      children: this.children,
    }
  }
}

function grow(array, size) {
  const bigger = new array.constructor(size)
  bigger.set(array)
  return bigger
}
