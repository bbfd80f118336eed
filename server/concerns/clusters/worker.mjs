// The build thread of the cluster indexes (its other side is builder.ts). In: a job's points as
// typed arrays (lng, lat, flags of flags.mjs) and the concern ids. Out: the levels (levels.mjs)
// and the ids sorted for lookups, every array transferred, never copied. Plain JS so that tsx,
// vitest and node all load it as is.
import { parentPort } from 'node:worker_threads'
import { clusterLevels } from './levels.mjs'

parentPort.on('message', ({ job, ids, lng, lat, flags, options, categories }) => {
  try {
    const result = { ...clusterLevels(lng, lat, flags, options, categories), ...byId(ids), lng, lat, flags }
    parentPort.postMessage({ job, result }, transferables(result))
  } catch (error) {
    parentPort.postMessage({ job, error: String(error?.stack ?? error) })
  }
})

/** The ids (in any order) sorted, and `order[k]`: the position of the k-th smallest id. */
function byId(ids) {
  const order = new Uint32Array(ids.length)
  for (let i = 0; i < order.length; i++) order[i] = i
  order.sort((a, b) => ids[a] - ids[b])
  const sorted = new Float64Array(ids.length)
  for (let i = 0; i < order.length; i++) sorted[i] = ids[order[i]]
  return { ids, sorted, order }
}

function transferables({ levels, counts, expansion, childStart, children, lng, lat, flags, ids, sorted, order }) {
  const list = [counts, expansion, childStart, children, lng, lat, flags, ids, sorted, order].map((a) => a.buffer)
  for (const l of levels) if (l) list.push(l.kd, l.xy.buffer, l.num.buffer, l.ref.buffer, l.slot.buffer, l.next.buffer)
  return list
}
