// Types of levels.mjs.

/** One zoom's items (see clusterLevels). */
export type LevelArrays = {
  /** KDBush data over `xy` (KDBush.from makes the tree again). */
  kd: ArrayBuffer
  xy: Float64Array
  num: Uint32Array
  ref: Float64Array
  slot: Int32Array
  next: Int32Array
}

export type ClusterLevels = {
  /** Indexed by zoom, from minZoom to maxZoom + 1. */
  levels: LevelArrays[]
  counts: Uint32Array
  expansion: Uint8Array
  childStart: Int32Array
  children: Int32Array
}

export type LevelOptions = { minZoom: number; maxZoom: number; radius: number; extent: number }

export declare function clusterLevels(
  lng: Float64Array,
  lat: Float64Array,
  flags: Uint16Array,
  options: LevelOptions,
  categories: number,
): ClusterLevels
