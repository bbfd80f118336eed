// All this code knows of supercluster's private layout (8.0), in one place. Its public API
// (getClusters, getChildren) gives the same levels, but makes an object for every cluster and
// child: that doubled the build thread's time at 1M concerns (1.3 s → 2.4–3.3 s). A test
// (test/unit/supercluster-layout.test.ts) builds a real index and fails when the layout differs;
// so does zoomItems, at run time, when it can tell.
//
// supercluster keeps a KDBush tree per zoom in `trees`, and puts in the tree's `data` a flat
// array of STRIDE numbers per item, in the tree's item order: x and y (spherical mercator,
// [0..1]), the zoom it was last clustered at, its id (an input point's index, or a cluster id),
// the id of the cluster it joined one zoom out (-1 if none: it is there itself) and how many
// points it holds. The KDBush's own buffer is still that of its `ids`.
const STRIDE = 6 // without a `reduce` option; with one, a 7th number indexes the reduced properties
const OFFSET_X = 0
const OFFSET_Y = 1
const OFFSET_ID = 3
const OFFSET_PARENT = 4
const OFFSET_NUM = 5

/** The items of one zoom of a loaded index (made without `reduce`), as typed arrays. */
export function zoomItems(index, z) {
  const tree = index.trees?.[z]
  const data = tree?.data
  if (index.stride !== STRIDE || !Array.isArray(data) || data.length !== tree.numItems * STRIDE || !(tree.ids?.buffer instanceof ArrayBuffer)) {
    throw new Error(`supercluster's zoom ${z} is not laid out as server/concerns/clusters/supercluster-layout.mjs reads it (supercluster 8.0)`)
  }
  const items = tree.numItems
  const xy = new Float64Array(2 * items)
  const id = new Float64Array(items)
  const parent = new Float64Array(items)
  const num = new Uint32Array(items)
  for (let i = 0, k = 0; i < items; i++, k += STRIDE) {
    xy[2 * i] = data[k + OFFSET_X]
    xy[2 * i + 1] = data[k + OFFSET_Y]
    id[i] = data[k + OFFSET_ID]
    parent[i] = data[k + OFFSET_PARENT]
    num[i] = data[k + OFFSET_NUM]
  }
  return { kd: tree.ids.buffer, xy, id, parent, num }
}
