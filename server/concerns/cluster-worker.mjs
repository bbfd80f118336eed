// Builds a supercluster index off the main thread (plain JS so that tsx, vitest and node all
// load it as is). In: the points as typed arrays (lng, lat, flags: category index in the low
// 4 bits, SAMPLE bit) and the concern ids. Out: the ids sorted (for lookups by id), and per zoom level the flat arrays the main thread queries
// (server/concerns/clusters.ts), all transferred, never copied.
import { parentPort } from 'node:worker_threads'
import Supercluster from 'supercluster'

const STRIDE = 6 // supercluster's per-item layout without `reduce`: x, y, zoom, id, parent, numPoints
const CATEGORY_MASK = 15
const SAMPLE = 16

parentPort.on('message', ({ job, ids, lng, lat, flags, options, categories }) => {
  try {
    const result = build(lng, lat, flags, options, categories)
    Object.assign(result, byId(ids))
    parentPort.postMessage({ job, result }, transferables(result))
  } catch (error) {
    parentPort.postMessage({ job, error: String(error?.stack ?? error) })
  }
})

function build(lng, lat, flags, options, categories) {
  const n = lng.length
  const points = new Array(n)
  for (let i = 0; i < n; i++) points[i] = { geometry: { coordinates: [lng[i], lat[i]] } }
  const index = new Supercluster({ ...options, reduce: null, map: undefined }).load(points)
  const { minZoom = 0, maxZoom } = index.options
  // Counts per cluster: `width` numbers (one per category, then the sample count) in `slot` order.
  const width = categories + 1
  const slotOf = new Map()
  for (let z = maxZoom; z >= minZoom; z--) {
    const data = index.trees[z].data
    for (let k = 0; k < data.length; k += STRIDE) {
      if (data[k + 5] > 1 && !slotOf.has(data[k + 3])) slotOf.set(data[k + 3], slotOf.size)
    }
  }
  const counts = new Uint32Array(slotOf.size * width)
  const levels = []
  for (let z = maxZoom + 1; z >= minZoom; z--) {
    const tree = index.trees[z]
    const data = tree.data
    const items = data.length / STRIDE
    const xy = new Float64Array(items * 2)
    const num = new Uint32Array(items)
    const ref = new Float64Array(items)
    const slot = new Int32Array(items)
    for (let i = 0, k = 0; i < items; i++, k += STRIDE) {
      xy[2 * i] = data[k]
      xy[2 * i + 1] = data[k + 1]
      ref[i] = data[k + 3]
      num[i] = data[k + 5]
      slot[i] = num[i] > 1 ? slotOf.get(ref[i]) : -1
    }
    levels[z] = { z, kd: tree.ids.buffer, xy, num, ref, slot, next: new Int32Array(0) }
  }
  // `next[k]`: where item k of level z is at level z - 1 (its parent cluster, or itself unchanged).
  for (let z = maxZoom + 1; z > minZoom; z--) {
    const lower = levels[z - 1]
    const position = new Map()
    for (let i = 0; i < lower.ref.length; i++) position.set(lower.ref[i], i)
    const data = index.trees[z].data
    const level = levels[z]
    const next = (level.next = new Int32Array(level.ref.length))
    for (let i = 0, k = 0; i < next.length; i++, k += STRIDE) {
      const parent = data[k + 4]
      next[i] = position.get(parent === -1 ? data[k + 3] : parent)
      // Category counts flow up: a cluster's children all sit at the level above its zoom.
      if (parent !== -1) {
        const to = slotOf.get(parent) * width
        if (level.num[i] === 1) {
          const f = flags[level.ref[i]]
          counts[to + (f & CATEGORY_MASK)]++
          if (f & SAMPLE) counts[to + categories]++
        } else {
          const from = level.slot[i] * width
          for (let c = 0; c < width; c++) counts[to + c] += counts[from + c]
        }
      }
    }
  }
  return { levels, counts, lng, lat, flags, points: n }
}

/** The ids (in any order) sorted, and `order[k]`: the position of the k-th smallest id. */
function byId(ids) {
  const order = new Uint32Array(ids.length)
  for (let i = 0; i < order.length; i++) order[i] = i
  order.sort((a, b) => ids[a] - ids[b])
  const sorted = new Float64Array(ids.length)
  for (let i = 0; i < order.length; i++) sorted[i] = ids[order[i]]
  return { ids, sorted, order }
}

function transferables({ levels, counts, lng, lat, flags, ids, sorted, order }) {
  const list = [counts.buffer, lng.buffer, lat.buffer, flags.buffer, ids.buffer, sorted.buffer, order.buffer]
  for (const l of levels) if (l) list.push(l.kd, l.xy.buffer, l.num.buffer, l.ref.buffer, l.slot.buffer, l.next.buffer)
  return list
}
